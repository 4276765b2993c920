import Foundation

/// Erases a client's or volunteer's personal data (PIPL art. 47): the sealed name, ID number and
/// phone and their digests are removed in one change set with a `personaldata.erased` event (who,
/// why, whose id), while the person's row stays, de-identified, so that every service record,
/// hour and figure that counts them is unchanged.
///
/// Like a reveal, an erasure names the scope it is asked in: a person outside it, or one erased
/// already, is refused as unknown and nothing changes.
public struct ErasePersonalData: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Erases client `id`'s data for `reason`.
    ///
    /// - Throws: `InputError` for an unknown client, one outside `scope` or one erased already.
    @discardableResult
    public func erase(client id: ClientID, in scope: Scope, reason: ErasureReason, actor: Actor) async throws -> Client
    {
        guard var client = try await store.clients([id]).first, client.personal != nil,
            let station = try await store.station(client.station), scope.covers(station)
        else { throw unknown("client", id.rawValue) }
        client.personal = nil
        let event = DomainEvent(
            PersonalDataErased(client: id, station: station.id, reason: reason),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            at: clock.now()
        )
        try await store.commit(ChangeSet(writes: [.client(client)], events: [event]))
        return client
    }

    /// Erases volunteer `id`'s data for `reason`.
    ///
    /// - Throws: `InputError` for an unknown volunteer, one outside `scope` or one erased already.
    @discardableResult
    public func erase(
        volunteer id: VolunteerID,
        in scope: Scope,
        reason: ErasureReason,
        actor: Actor
    ) async throws
        -> Volunteer
    {
        guard var volunteer = try await store.volunteer(id), volunteer.personal != nil,
            let station = try await store.station(volunteer.station), scope.covers(station)
        else { throw unknown("volunteer", id.rawValue) }
        volunteer.personal = nil
        let event = DomainEvent(
            PersonalDataErased(volunteer: id, station: station.id, reason: reason),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            at: clock.now()
        )
        try await store.commit(ChangeSet(writes: [.volunteer(volunteer)], events: [event]))
        return volunteer
    }

    private func unknown(_ field: String, _ found: String) -> InputError {
        InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: field,
                found: found,
                expected: LocalizedText("有个人信息(尚未删除)的人的标识", en: "the id of someone whose data is not erased yet")
            )
        ])
    }
}
