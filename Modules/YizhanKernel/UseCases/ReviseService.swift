import Foundation

/// The facts a correction changes; what it leaves `nil` stays as recorded.
public struct ServiceCorrection: Hashable, Sendable {
    /// The kind of service (a code or its Chinese name).
    public var kind: String?
    /// The day of service, written as in a ledger.
    public var date: String?
    /// The minutes it took.
    public var durationMinutes: Int?
    /// The village's 12-digit code.
    public var village: String?
    /// The workers, replacing those recorded and any names a ledger wrote for them (empty: unchanged).
    public var workers: [String]
    /// The clients, replacing the participants recorded (empty: unchanged).
    public var clients: [String]
    /// A head-count, replacing the participants recorded.
    public var headCount: Int?
    /// The program and sub-project, replacing those recorded.
    public var subProject: String?
    /// The brand plugins' fields to set (merged over those recorded).
    public var fields: [String: String]
    /// The number of photos kept, replacing the one recorded.
    public var photos: Int?

    /// A correction of the facts given.
    public init(
        kind: String? = nil,
        date: String? = nil,
        durationMinutes: Int? = nil,
        village: String? = nil,
        workers: [String] = [],
        clients: [String] = [],
        headCount: Int? = nil,
        subProject: String? = nil,
        fields: [String: String] = [:],
        photos: Int? = nil
    ) {
        self.kind = kind
        self.date = date
        self.durationMinutes = durationMinutes
        self.village = village
        self.workers = workers
        self.clients = clients
        self.headCount = headCount
        self.subProject = subProject
        self.fields = fields
        self.photos = photos
    }
}

/// Corrects or voids a stored service record (记录更正、作废): a new version with its event
/// (`service.corrected`, `service.voided`) naming what changed; the reason stays in the store;
/// the versions before stay in the record's history, and reports count the current one
/// (issue 21.3). Every check a new record passes, a correction passes too.
public struct ReviseService: Sendable {
    let store: any StationStore
    let clock: WorkClock
    let plugins: PluginRegistry

    /// Creates the use case over `store`; `plugins` give the extra fields a station's records take.
    public init(
        store: any StationStore,
        clock: WorkClock = .system,
        plugins: PluginRegistry = PluginRegistry()
    ) {
        self.store = store
        self.clock = clock
        self.plugins = plugins
    }

    /// Applies `correction` to record `id` of `station`, for `reason`.
    ///
    /// - Throws: `InputError` for an unknown or voided record, a correction that changes nothing,
    ///   a missing reason or any field a new record would be refused for; nothing is written then.
    @discardableResult
    public func correct(
        _ id: String,
        station: String,
        with correction: ServiceCorrection,
        reason: String,
        actor: Actor
    ) async throws -> ServiceRevision {
        let (stored, why) = try await revisable(id, station: station, reason: reason)
        let previous = stored.record
        var request = ServiceRecordRequest(
            station: previous.station.rawValue,
            kind: correction.kind ?? previous.kind.rawValue,
            date: correction.date ?? previous.date.description,
            durationMinutes: correction.durationMinutes ?? previous.durationMinutes,
            village: correction.village ?? previous.village?.rawValue,
            workers: correction.workers.isEmpty ? previous.workers.map(\.rawValue) : correction.workers,
            // Naming the workers settles the names a ledger wrote for them.
            workerNames: correction.workers.isEmpty ? previous.workerNames : [],
            fields: previous.fields.merging(correction.fields) { _, new in new },
            photos: correction.photos ?? previous.photos
        )
        switch (correction.clients.isEmpty, correction.headCount) {
        case (false, _):
            request.clients = correction.clients
            request.headCount = correction.headCount
        case (true, .some(let count)):
            request.headCount = count
        case (true, nil):
            switch previous.participants {
            case .clients(let clients): request.clients = clients.map(\.rawValue)
            case .headCount(let count): request.headCount = count
            }
        }
        // The sub-project is checked only when it changes: a record made under a sub-project
        // retired since keeps it.
        request.subProject = correction.subProject
        let instant = clock.now()
        let today = clock.day(at: instant)
        let plugins = self.plugins
        let version = stored.version + 1
        let checkedRequest = request
        let (_, revision) = try await store.commit(
            checking: RecordService.contextRequest(request, station: previous.station)
        ) { context -> (ChangeSet, ServiceRevision) in
            let fields = context.map { plugins.fields(for: $0.station) } ?? []
            var current = try RecordService.check(checkedRequest, context: context, today: today, fields: fields)
            guard let context else { throw InputError.unknownStation(previous.station.rawValue) }
            current.id = previous.id
            current.ledgerKey = previous.ledgerKey
            current.group = previous.group
            if correction.subProject == nil {
                current.program = previous.program
                current.programVersion = previous.programVersion
                current.subProject = previous.subProject
            }
            let revision = ServiceRevision(
                record: previous.id,
                version: version,
                change: .corrected,
                previous: previous,
                current: current,
                reason: why,
                revisedAt: instant,
                actor: actor
            )
            guard !revision.changedFields.isEmpty else {
                throw InputError.single(
                    .conflict,
                    "record",
                    id,
                    "与现有记录不同的更正(给出要改的项,如 --duration)",
                    "a correction that changes something (give what to change, e.g. --duration)"
                )
            }
            var change = ChangeSet(writes: [.serviceRevision(revision)])
            change.events.append(
                DomainEvent(
                    ServiceCorrected(revision),
                    orgUnit: context.station.orgUnit,
                    station: context.station.id,
                    actor: actor,
                    at: instant
                )
            )
            return (change, revision)
        }
        return revision
    }

    /// Voids record `id` of `station`, for `reason`: it stays in the history and no report counts it.
    ///
    /// - Throws: `InputError` for an unknown or voided record or a missing reason.
    @discardableResult
    public func void(_ id: String, station: String, reason: String, actor: Actor) async throws -> ServiceRevision {
        let (stored, why) = try await revisable(id, station: station, reason: reason)
        guard let found = try await store.station(stored.record.station) else {
            throw InputError.unknownStation(station)
        }
        let revision = ServiceRevision(
            record: stored.record.id,
            version: stored.version + 1,
            change: .voided,
            previous: stored.record,
            current: nil,
            reason: why,
            revisedAt: clock.now(),
            actor: actor
        )
        try await store.commit(
            ChangeSet(
                writes: [.serviceRevision(revision)],
                events: [
                    DomainEvent(
                        ServiceVoided(revision),
                        orgUnit: found.orgUnit,
                        station: found.id,
                        actor: actor,
                        at: revision.revisedAt
                    )
                ]
            )
        )
        return revision
    }

    /// The stored record `id` of `station`, not voided, and the reason checked.
    private func revisable(
        _ id: String,
        station: String,
        reason: String
    ) async throws -> (StoredServiceRecord, String) {
        let stationID = try InputError.stationID(station)
        guard let recordID = try? ServiceRecordID(id), let stored = try await store.serviceRecord(recordID),
            stored.record.station == stationID
        else { throw InputError.unknownRecord(id) }
        guard !stored.isVoided else {
            throw InputError.single(
                .conflict,
                "record",
                id,
                "未作废的记录(该记录已作废)",
                "a record that is not voided (this one is)"
            )
        }
        return (stored, try Self.reason(reason))
    }

    /// The reason for a correction or a void, checked: present, at most 200 characters, free of
    /// ID numbers, phones and control characters. Every revision of any entry takes it from here.
    ///
    /// - Throws: `InputError` on the `reason` field.
    static func reason(_ text: String) throws(InputError) -> String {
        let why = text.trimmingWhitespace()
        var check = FieldCheck()
        check.text(text, field: "reason", limit: 200, "更正理由", "a reason")
        guard check.issues.isEmpty else { throw InputError(issues: check.issues) }
        if let issue = FreeText.issue(why, field: "reason") { throw InputError(issues: [issue]) }
        return why
    }
}
