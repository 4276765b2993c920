public import Foundation

/// Shows a client's personal data unmasked, after recording who saw which fields
/// (`personaldata.revealed`): nothing is shown unless the audit event is written first.
public struct RevealClient: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let now: @Sendable () -> Date

    /// Creates the use case.
    public init(store: any StationStore, vault: any PersonalDataVault, now: @escaping @Sendable () -> Date = { Date() })
    {
        self.store = store
        self.vault = vault
        self.now = now
    }

    /// The client `id` with their personal data, once the reveal is recorded.
    ///
    /// - Throws: `InputError` for an unknown client; the vault's error for a wrong key.
    public func reveal(_ id: ClientID, actor: Actor) async throws -> (Client, PersonalData) {
        guard let client = try await store.clients([id]).first, let sealed = client.personal,
            let station = try await store.station(client.station)
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
        let data = try vault.open(sealed)
        let fields = ["name"] + (data.idNumber == nil ? [] : ["idNumber"]) + (data.phone == nil ? [] : ["phone"])
        let event = DomainEvent(
            PersonalDataRevealed(client: id, station: station.id, fields: fields),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            at: now()
        )
        try await store.commit(ChangeSet(events: [event]))
        return (client, data)
    }

    /// Opens every client of `clients` that has personal data, after committing one
    /// `personaldata.revealed` per person in one transaction (an export with `--reveal`).
    ///
    /// - Throws: the vault's error for a wrong key (nothing is recorded then: opening comes first
    ///   and nothing is shown unless the record is written).
    public func revealAll(_ clients: [Client], actor: Actor) async throws -> [ClientID: PersonalData] {
        var opened: [ClientID: PersonalData] = [:]
        var events: [DomainEvent] = []
        let instant = now()
        var stations: [StationID: Station] = [:]
        for client in clients {
            guard let sealed = client.personal else { continue }
            let data = try vault.open(sealed)
            if stations[client.station] == nil { stations[client.station] = try await store.station(client.station) }
            guard let station = stations[client.station] else { continue }
            let fields = ["name"] + (data.idNumber == nil ? [] : ["idNumber"]) + (data.phone == nil ? [] : ["phone"])
            events.append(
                DomainEvent(
                    PersonalDataRevealed(client: client.id, station: station.id, fields: fields),
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: actor,
                    at: instant
                )
            )
            opened[client.id] = data
        }
        try await store.commit(ChangeSet(events: events))
        return opened
    }
}
