import Foundation

/// Records a service: checks a request against the station's data and commits the record with its
/// `service.recorded` event, and the events the brand plugins' handlers add for it — the check and
/// the write in one transaction.
///
/// ```swift
/// let recorder = RecordService(store: store)
/// let stored = try await recorder.record(request, actor: .cli)
/// ```
public struct RecordService: Sendable {
    /// The longest a single record may last: one day.
    public static var maximumDurationMinutes: Int { 24 * 60 }

    let store: any StationStore
    let clock: WorkClock
    let plugins: PluginRegistry

    /// Creates the use case over `store`; `clock` gives the instant and the working day (tests pin it), and
    /// `plugins` the handlers whose events are committed with each record.
    public init(
        store: any StationStore,
        clock: WorkClock = .system,
        plugins: PluginRegistry = PluginRegistry()
    ) {
        self.store = store
        self.clock = clock
        self.plugins = plugins
    }

    /// Checks `request` and commits the record and its event, reading and writing in one transaction.
    ///
    /// - Throws: `InputError` listing every refused field (nothing is written), `PluginRegistryError`
    ///   when a handler fails (nothing is written), or `StoreError`.
    @discardableResult
    public func record(_ request: ServiceRecordRequest, actor: Actor) async throws -> StoredEvent {
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let stationID = try? StationID(request.station) else {
            _ = try Self.check(request, context: nil, today: today)  // throws: the station is unknown
            preconditionFailure("RecordService.check accepted a request without a station")
        }
        let plugins = self.plugins
        let (sequence, written) = try await store.commit(
            checking: Self.contextRequest(request, station: stationID)
        ) { context in
            let fields = context.map { plugins.fields(for: $0.station) } ?? []
            let record = try Self.check(request, context: context, today: today, fields: fields)
            guard let context else { return (ChangeSet(), nil as (DomainEvent, Int)?) }
            var change = ChangeSet()
            change.record(record, at: context.station, by: actor, at: instant)
            guard let recorded = change.events.last else { return (change, nil) }
            let added = try plugins.handle(change.events)
            change.events += added
            return (change, (recorded, added.count))
        }
        guard let sequence, let (event, added) = written else {
            throw StoreError(code: .backend, location: "commit", reason: "the record was not written")
        }
        // The handlers' events follow the record's in the same transaction, numbered without gaps.
        return StoredEvent(sequence: EventSequence(rawValue: sequence.rawValue - Int64(added)), event: event)
    }

    /// Checks `request` against the store's current data without writing anything.
    ///
    /// - Throws: `InputError` with one issue per refused field.
    public func validate(_ request: ServiceRecordRequest) async throws -> ServiceRecord {
        let today = clock.today
        var context: StationContext?
        if let id = try? StationID(request.station) {
            context = try await store.stationContext(Self.contextRequest(request, station: id))
        }
        let fields = context.map { plugins.fields(for: $0.station) } ?? []
        return try Self.check(request, context: context, today: today, fields: fields)
    }

    /// What checking `request` needs to read: its station, named clients and village.
    static func contextRequest(_ request: ServiceRecordRequest, station: StationID) -> ContextRequest {
        ContextRequest(
            station: station,
            clients: request.clients.compactMap { try? ClientID($0) },
            villages: request.village.flatMap { try? DivisionCode($0) }.map { [$0] } ?? []
        )
    }

    /// Checks every field of `request` against `context` (`nil`: the station is unknown), and its
    /// extra fields against `fields`, those of the plugins serving the station.
    ///
    /// - Returns: the record the request describes, with a new id.
    /// - Throws: `InputError` with one issue per refused field, in field order.
    public static func check(
        _ request: ServiceRecordRequest,
        context: StationContext?,
        today: CivilDate,
        fields: [PluginRecordField] = []
    )
        throws(InputError) -> ServiceRecord
    {
        var check = FieldCheck()
        if context == nil {
            check.refuse(.unknownReference, "station", request.station, "已登记的社工站标识", "the id of a registered station")
        }
        let kind = ServiceKind.matching(request.kind)
        if kind == nil {
            let names = ServiceKind.known.map { "\($0.rawValue)(\($0.label(in: .zhHans)))" }.joined(separator: "、")
            check.refuse(
                .invalidFormat,
                "kind",
                request.kind,
                "以下之一:\(names)",
                "one of \(ServiceKind.known.map(\.rawValue))"
            )
        }
        let date = check.date(request.date, today: today)
        if !(0...maximumDurationMinutes).contains(request.durationMinutes) {
            check.refuse(
                .outOfRange,
                "duration",
                String(request.durationMinutes),
                "0 至 \(maximumDurationMinutes) 之间的分钟数",
                "minutes from 0 to \(maximumDurationMinutes)"
            )
        }
        let village = check.village(request.village, context: context)
        let workers = check.workers(request.workers, context: context)
        check.workerNames(request.workerNames)
        let participants = check.participants(request, context: context)
        let (program, subProject) = check.program(request, context: context)
        let extra = check.extraFields(request.fields, allowed: fields)
        check.photos(request.photos, of: participants, context: context)

        guard check.issues.isEmpty, let context, let kind, let date, let participants else {
            throw InputError(issues: check.issues)
        }
        return ServiceRecord(
            id: .generate(),
            station: context.station.id,
            kind: kind,
            date: date,
            durationMinutes: request.durationMinutes,
            village: village,
            workers: workers,
            workerNames: request.workerNames,
            participants: participants,
            program: program?.id,
            programVersion: program?.version,
            subProject: subProject?.id,
            fields: extra,
            photos: request.photos
        )
    }
}
