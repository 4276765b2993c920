/// Copying a whole store to another backend (`yizhan db copy`): every row and every event, the
/// event sequence numbers kept.
public protocol StoreSnapshotting: Sendable {
    /// Visits the whole store in batches of at most `batchSize`: the rows table by table in
    /// dependency order (units, agencies, stations, workers, programs, sub-projects, households,
    /// clients, volunteers, service records) and by key within a table, then the events by sequence.
    ///
    /// Two stores with the same contents produce the same batches, whatever their backends.
    func exportSnapshot(batchSize: Int, _ visit: (SnapshotBatch) async throws -> Void) async throws

    /// Writes one exported batch in one transaction: rows as they are, events with their own
    /// sequences (so that subscribers' cursors stay valid).
    ///
    /// - Warning: only for an empty store that has received nothing but earlier batches of the same
    ///   export; rows go in without new events because their events come with the export.
    func importSnapshot(_ batch: SnapshotBatch) async throws

    /// Writes a whole export, which `export` produces by calling the sink it is given with each
    /// batch in order: in one transaction where the backend can hold one open across them
    /// (PostgreSQL, with COPY for the bulk), else batch by batch (`importSnapshot(_:)`).
    ///
    /// - Warning: only for an empty store, as `importSnapshot(_:)`.
    func importSnapshot(from export: (_ sink: (SnapshotBatch) async throws -> Void) async throws -> Void) async throws
}

extension StoreSnapshotting {
    /// Batch by batch, each in its own transaction.
    public func importSnapshot(
        from export: (_ sink: (SnapshotBatch) async throws -> Void) async throws -> Void
    ) async throws {
        try await export { batch in try await importSnapshot(batch) }
    }
}

/// One batch of a store's contents.
public enum SnapshotBatch: Sendable, Hashable, Codable {
    /// Rows of one table, by key.
    case rows([Write])
    /// Events, by sequence.
    case events([StoredEvent])

    /// How many rows or events the batch holds.
    public var count: Int {
        switch self {
        case .rows(let rows): rows.count
        case .events(let events): events.count
        }
    }
}

extension Write {
    /// The table-like name of the row's kind, for counts: `orgUnit`, `serviceRecord` …
    public var kind: String {
        switch self {
        case .orgUnit: "orgUnit"
        case .agency: "agency"
        case .station: "station"
        case .worker: "worker"
        case .program: "program"
        case .subProject: "subProject"
        case .household: "household"
        case .client: "client"
        case .volunteer: "volunteer"
        case .serviceRecord: "serviceRecord"
        case .serviceRevision: "serviceRevision"
        case .caseFile: "caseFile"
        case .caseStage: "caseStage"
        case .referral: "referral"
        case .serviceGroup: "serviceGroup"
        case .donation: "donation"
        case .donationRevision: "donationRevision"
        case .budgetLine: "budgetLine"
        case .expense: "expense"
        case .expenseRevision: "expenseRevision"
        case .organisation: "organisation"
        case .microWish: "microWish"
        case .charityFund: "charityFund"
        case .charityGrant: "charityGrant"
        case .resource: "resource"
        case .training: "training"
        case .workLog: "workLog"
        case .liaison: "liaison"
        case .volunteerTeam: "volunteerTeam"
        case .volunteerActivity: "volunteerActivity"
        case .volunteerHours: "volunteerHours"
        case .hoursRevision: "hoursRevision"
        case .passbookEntry: "passbookEntry"
        case .complianceState: "complianceState"
        case .evaluation: "evaluation"
        case .evaluationScore: "evaluationScore"
        case .rectification: "rectification"
        case .notice: "notice"
        case .account: "account"
        case .apiToken: "apiToken"
        case .approvalStep: "approvalStep"
        case .requestStep: "requestStep"
        case .requestResealed: "requestResealed"
        case .dataKeyRotation: "dataKeyRotation"
        }
    }
}
