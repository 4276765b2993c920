import YizhanApproval
public import YizhanKernel

/// Where each station's period stands in an approval workflow, as the county summary shows it,
/// and whether its figures are counted (`--approved-only` counts approved and accepted ones only).
public struct ApprovalStates: Hashable, Sendable, Codable {
    /// What to show: the workflow, its period, and whether to count only what was approved.
    public struct Request: Hashable, Sendable {
        /// The workflow.
        public var workflow: ApprovalWorkflow
        /// Its period, whose days are the report's.
        public var period: ApprovalPeriod
        /// Whether only approved (or accepted) stations' figures count.
        public var approvedOnly: Bool

        /// Creates a request.
        public init(workflow: ApprovalWorkflow, period: ApprovalPeriod, approvedOnly: Bool) {
            self.workflow = workflow
            self.period = period
            self.approvedOnly = approvedOnly
        }

        /// The request a county summary of `days` makes, one way for the command line and the
        /// server: the workflow named, else the one whose period is exactly `days`; `nil` when
        /// none is and none was named nor `approvedOnly` asked for.
        ///
        /// - Throws: `ApprovalError` for an unknown workflow; `ReportError` when `days` is not one
        ///   period of the workflow (with `approvedOnly`, or a named workflow).
        public static func choose(
            _ workflowID: String?,
            approvedOnly: Bool,
            days: CivilPeriod,
            among workflows: [ApprovalWorkflow]
        ) throws -> Request? {
            let chosen: ApprovalWorkflow?
            if let workflowID {
                guard let named = workflows.first(where: { $0.id == workflowID }) else {
                    throw ApprovalError.unknownWorkflow(workflowID, known: workflows.map(\.id))
                }
                chosen = named
            } else {
                chosen = workflows.first { ApprovalPeriod.exactly(days, type: $0.periodType) != nil }
            }
            guard let chosen, let period = ApprovalPeriod.exactly(days, type: chosen.periodType) else {
                guard approvedOnly || workflowID != nil else { return nil }
                throw ReportError.notAnApprovalPeriod(workflows)
            }
            return Request(workflow: chosen, period: period, approvedOnly: approvedOnly)
        }
    }

    /// One station's state.
    public struct Row: Hashable, Sendable, Codable {
        /// The station.
        public var station: StationID
        /// Its state (open when nobody has taken a step).
        public var state: ApprovalState
        /// The digest of its figures as the report counts them now (`ApprovalFigures`).
        public var digest: String
        /// The digest at the last step, when the period is approved or accepted.
        public var approvedDigest: String?
        /// Whether its figures are in the report.
        public var counted: Bool

        /// Whether the figures are the ones approved (`nil` when nothing was approved).
        public var matchesApproval: Bool? { approvedDigest.map { $0 == digest } }
    }

    /// The workflow's id.
    public var workflow: String
    /// Its name.
    public var workflowName: String
    /// The period, `2021-11`.
    public var period: String
    /// Whether only approved stations are counted.
    public var approvedOnly: Bool
    /// A row per station, in the summary's order.
    public var rows: [Row]

    /// Reads the states of `request` for `stations` and their figures' digests.
    static func read(
        _ request: Request,
        stations: [Station],
        county: DivisionCode,
        from store: some StationStore
    ) async throws -> ApprovalStates {
        let stored = Dictionary(
            try await store.approvals(workflow: request.workflow.id, period: request.period, in: .within(county)).map {
                ($0.station, $0)
            },
            uniquingKeysWith: { first, _ in first }
        )
        var rows: [Row] = []
        for station in stations {
            let state = stored[station.id]?.state ?? .open
            let figures = try await ApprovalFigures.read(
                from: store,
                station: station.id,
                period: request.period.days,
                covers: request.workflow.covers
            )
            rows.append(
                Row(
                    station: station.id,
                    state: state,
                    digest: figures.digest,
                    approvedDigest: state.isApproved ? stored[station.id]?.digest : nil,
                    counted: !request.approvedOnly || state.isApproved
                )
            )
        }
        return ApprovalStates(
            workflow: request.workflow.id,
            workflowName: request.workflow.name,
            period: request.period.description,
            approvedOnly: request.approvedOnly,
            rows: rows
        )
    }

    /// The stations whose figures are counted.
    var counted: Set<StationID> { Set(rows.filter(\.counted).map(\.station)) }
}
