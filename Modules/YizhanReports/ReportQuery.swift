import Foundation
import YizhanCompliance
public import YizhanConfig
public import YizhanKernel

/// What a report is asked for — which report, of what, for which period, as of which day — as
/// `yizhan-report`'s arguments or a URL's query give it. `ReportQuery.build` turns it into the
/// document every format renders, one way for the command line and the server.
public struct ReportQuery: Sendable {
    /// Which report, and of what.
    public enum Subject: Sendable {
        /// The county summary of a division.
        case county(DivisionCode)
        /// A station's report.
        case station(StationID)
        /// The construction-standard check of a scope.
        case compliance(StandardFile, Scope)
        /// The evaluations of a scope under a scheme.
        case evaluation(EvaluationFile, Scope)
        /// A station's donation ledger.
        case donations(StationID)
        /// A volunteer's passbook statement, their name already masked.
        case passbook(Volunteer, maskedName: String)
        /// The residents' request rates of a scope under the county's request rules; `name` is
        /// how the file is named (`330424`, `baibu`).
        case requests(Scope, RequestPolicy, name: String)
    }

    /// Which report, and of what.
    public var subject: Subject
    /// The period; the year of `today` when not given.
    public var period: ReportPeriod?
    /// Figures as they stood at the end of this day (later entries left out), if given.
    public var asOf: CivilDate?
    /// For the county summary: the approval workflow whose states to show, and whether to count
    /// only approved stations.
    public var approval: ApprovalStates.Request?
    /// For the county summary: the residents' request rules its request rates are counted under.
    public var requestPolicy: RequestPolicy = .shipped

    /// A query for `subject`.
    public init(
        _ subject: Subject,
        period: ReportPeriod? = nil,
        asOf: CivilDate? = nil,
        approval: ApprovalStates.Request? = nil
    ) {
        self.subject = subject
        self.period = period
        self.asOf = asOf
        self.approval = approval
    }

    /// The report's document in `language`, and the file name it is saved under without extension
    /// (`county-330424-2021`).
    ///
    /// - Parameter today: the workspace's working day (Asia/Shanghai).
    /// - Throws: `ReportError` for an unknown station or county; the store's errors.
    public func build(
        from store: any StationStore,
        plugins: PluginRegistry,
        today: CivilDate,
        in language: Language
    ) async throws -> (document: ReportDocument, name: String) {
        let period = try self.period ?? ReportPeriod(parsing: String(today.year))
        let recordedBy = asOf.map { $0.adding(days: 1).startInShanghai.addingTimeInterval(-0.001) }
        switch subject {
        case .county(let code):
            var summary = try await CountySummary.build(
                from: store,
                county: code,
                period: period.range,
                recordedBy: recordedBy,
                plugins: plugins,
                approval: approval
            )
            let rates = try await RequestRates.build(
                from: store,
                scope: .within(code),
                period: period.range,
                policy: requestPolicy
            )
            if !rates.rows.isEmpty { summary.requestRates = rates }
            return (
                summary.document(in: language, period: period, asOf: asOf),
                "county-\(code.significantPrefix)-\(period)"
            )
        case .station(let id):
            let built = try await StationReport.build(
                from: store,
                station: id,
                period: period.range,
                recordedBy: recordedBy,
                plugins: plugins
            )
            return (built.document(in: language, period: period, asOf: asOf), "station-\(id)-\(period)")
        case .compliance(let standard, let scope):
            let day = asOf ?? (self.period == nil ? today : period.range.end)
            let built = try await ComplianceReport.build(from: store, standard: standard, scope: scope, on: day)
            return (built.document(in: language), "compliance-\(standard.id)-\(day)")
        case .evaluation(let scheme, let scope):
            let year = period.range.end.year
            let built = try await EvaluationReport.build(
                from: store,
                scheme: scheme,
                scope: scope,
                year: year,
                on: asOf ?? today
            )
            return (built.document(in: language, period: period.range), "evaluation-\(scheme.id)-\(year)")
        case .donations(let id):
            let built = try await DonationLedger.build(
                from: store,
                station: id,
                period: period.range,
                recordedBy: recordedBy
            )
            return (built.document(in: language, period: period, asOf: asOf), "donations-\(id)-\(period)")
        case .passbook(let volunteer, let maskedName):
            let built = try await PassbookStatement.build(
                from: store,
                volunteer: volunteer,
                maskedName: maskedName,
                period: period.range
            )
            return (built.document(in: language, period: period), "passbook-\(volunteer.id)-\(period)")
        case .requests(let scope, let policy, let name):
            let built = try await RequestRates.build(from: store, scope: scope, period: period.range, policy: policy)
            return (built.document(in: language, period: period, asOf: asOf), "requests-\(name)-\(period)")
        }
    }
}
