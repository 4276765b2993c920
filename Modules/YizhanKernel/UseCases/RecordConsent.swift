import Foundation

/// Records a client's renewed informed consent (知情同意), as when a person signs a new form that
/// adds 转介 before a referral: the new consent replaces the one kept, checked as registration
/// checks one, with `client.consentrecorded` in the same transaction.
///
/// A client outside the scope asked in is refused as unknown. The guardian rule needs the client's
/// birth date, which only their sealed ID number holds: it is opened for the check and never shown,
/// so no reveal is recorded.
public struct RecordConsent: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let clock: WorkClock

    /// Creates the use case; `vault` opens the ID number the guardian rule is checked against.
    public init(store: any StationStore, vault: any PersonalDataVault, clock: WorkClock = .system) {
        self.store = store
        self.vault = vault
        self.clock = clock
    }

    /// Replaces the consent of client `id` with the one a form gives (`date`, `scope`, `givenBy`).
    ///
    /// - Throws: `InputError` for a client unknown in `scope` or a consent registration would
    ///   refuse; nothing is written.
    @discardableResult
    public func record(
        _ id: String,
        in scope: Scope,
        date: String?,
        consentScope: [String],
        givenBy: String?,
        actor: Actor
    ) async throws -> Client {
        let unknown = InputError.single(
            .unknownReference,
            "client",
            id,
            "本范围内已登记的服务对象标识",
            "the id of a client registered in this scope"
        )
        guard let clientID = try? ClientID(id), let found = try await store.clients([clientID]).first,
            let station = try await store.station(found.station), scope.covers(station)
        else { throw unknown }
        let instant = clock.now()
        let today = clock.day(at: instant)
        let vault = self.vault
        let lookup = ContextRequest(station: station.id, clients: [clientID])
        let (_, client) = try await store.commit(checking: lookup) { context -> (ChangeSet, Client) in
            guard let context, var client = context.clients.first(where: { $0.id == clientID }),
                client.station == station.id
            else { throw unknown }
            let born = try vault.open(client)?.idNumber?.birthDate
            var check = FieldCheck()
            let consent = RegisterClient.consent(
                date: date,
                scope: consentScope,
                givenBy: givenBy,
                born: born,
                today: today,
                check: &check
            )
            guard check.issues.isEmpty, let consent else { throw InputError(issues: check.issues) }
            client.consent = consent
            var change = ChangeSet()
            change.recordConsent(of: client, at: context.station, by: actor, at: instant)
            return (change, client)
        }
        return client
    }
}
