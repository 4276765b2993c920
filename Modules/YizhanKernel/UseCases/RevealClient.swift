import Foundation

/// Shows a client's personal data unmasked, after recording who saw which fields and why
/// (`personaldata.revealed`): nothing is shown unless the audit event is written first. A file
/// written with the data is recorded too, with its digest (`personaldata.exported`).
///
/// Every reveal names the scope it is asked in (the station a command names, the workspace's
/// county): a person registered outside it is refused as unknown, so that no command can show
/// one station's people under another station's name (issue 21.11).
public struct RevealClient: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let clock: WorkClock

    /// Creates the use case.
    public init(store: any StationStore, vault: any PersonalDataVault, clock: WorkClock = .system) {
        self.store = store
        self.vault = vault
        self.clock = clock
    }

    /// The client `id` with their personal data, once the reveal is recorded with its `purpose`.
    ///
    /// - Throws: `InputError` for an unknown client or one outside `scope`; the vault's error for
    ///   a wrong key.
    public func reveal(
        _ id: ClientID,
        in scope: Scope,
        purpose: RevealPurpose,
        actor: Actor
    ) async throws -> (Client, PersonalData) {
        guard let client = try await store.clients([id]).first, let sealed = client.personal,
            let station = try await store.station(client.station), scope.covers(station)
        else {
            throw InputError(issues: [
                InputIssue(
                    code: .unknownReference,
                    field: "client",
                    found: id.rawValue,
                    expected: LocalizedText("有个人信息的服务对象标识", en: "the id of a client with personal data")
                )
            ])
        }
        let data = try vault.open(sealed, for: .client(client.id))
        let fields = ["name"] + (data.idNumber == nil ? [] : ["idNumber"]) + (data.phone == nil ? [] : ["phone"])
        let event = DomainEvent(
            PersonalDataRevealed(client: id, station: station.id, fields: fields, purpose: purpose),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            at: clock.now()
        )
        try await store.commit(ChangeSet(events: [event]))
        return (client, data)
    }

    /// Opens every client of `clients` that has personal data, after committing one
    /// `personaldata.revealed` per person in one transaction (an export with `--reveal`).
    ///
    /// - Throws: the vault's error for a wrong key (nothing is recorded then: opening comes first
    ///   and nothing is shown unless the record is written).
    public func revealAll(
        _ clients: [Client],
        in scope: Scope,
        purpose: RevealPurpose,
        actor: Actor
    ) async throws -> [ClientID: PersonalData] {
        try await revealEach(clients.map { ($0.id, .client($0.id), $0.station, $0.personal) }, in: scope, actor: actor)
        {
            id,
            station,
            fields in
            PersonalDataRevealed(client: id, station: station, fields: fields, purpose: purpose)
        }
    }

    /// Opens every volunteer of `volunteers` that has personal data, as `revealAll` does for clients.
    public func revealAll(
        _ volunteers: [Volunteer],
        in scope: Scope,
        purpose: RevealPurpose,
        actor: Actor
    ) async throws -> [VolunteerID: PersonalData] {
        try await revealEach(
            volunteers.map { ($0.id, .volunteer($0.id), $0.station, $0.personal) },
            in: scope,
            actor: actor
        ) {
            id,
            station,
            fields in
            PersonalDataRevealed(volunteer: id, station: station, fields: fields, purpose: purpose)
        }
    }

    /// Records that `file`, holding the data of people revealed (with `revealAll`) for `purpose`, is
    /// about to be written: call it after rendering the file and before writing it, so that no
    /// such file exists without its event.
    public func recordExport(_ file: PersonalDataExported, at station: Station, actor: Actor) async throws {
        guard file.station == station.id else {
            throw InputError.single(.conflict, "station", file.station.rawValue, "导出文件所属的社工站", "the file's station")
        }
        let event = DomainEvent(file, orgUnit: station.orgUnit, station: station.id, actor: actor, at: clock.now())
        try await store.commit(ChangeSet(events: [event]))
    }

    /// Opens each person's data and commits the events `payload` describes, one per person; one
    /// person outside `scope` refuses them all, and nothing is recorded.
    private func revealEach<ID: Hashable & CustomStringConvertible>(
        _ people: [(ID, PersonalDataOwner, StationID, SealedPersonalData?)],
        in scope: Scope,
        actor: Actor,
        payload: (ID, StationID, [String]) -> PersonalDataRevealed
    ) async throws -> [ID: PersonalData] {
        var opened: [ID: PersonalData] = [:]
        var events: [DomainEvent] = []
        let instant = clock.now()
        var stations: [StationID: Station] = [:]
        for (id, owner, stationID, sealed) in people {
            guard let sealed else { continue }
            let data = try vault.open(sealed, for: owner)
            if stations[stationID] == nil { stations[stationID] = try await store.station(stationID) }
            guard let station = stations[stationID], scope.covers(station) else {
                throw InputError(issues: [
                    InputIssue(
                        code: .unknownReference,
                        field: "person",
                        found: id.description,
                        expected: LocalizedText("\(scope) 登记的人员", en: "a person registered in \(scope)")
                    )
                ])
            }
            let fields = ["name"] + (data.idNumber == nil ? [] : ["idNumber"]) + (data.phone == nil ? [] : ["phone"])
            events.append(
                DomainEvent(
                    payload(id, station.id, fields),
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: actor,
                    at: instant
                )
            )
            opened[id] = data
        }
        try await store.commit(ChangeSet(events: events))
        return opened
    }
}
