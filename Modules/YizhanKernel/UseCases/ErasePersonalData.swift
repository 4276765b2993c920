import Foundation

/// Erases clients' and volunteers' personal data (PIPL art. 47): the sealed name, ID number and
/// phone and their digests are removed in one change set with a `personaldata.erased` event per
/// person (who, why, whose id), while each person's row stays, de-identified, so that every
/// service record, hour and figure that counts them is unchanged.
///
/// Like a reveal, an erasure names the scope it is asked in: a person outside it, or one erased
/// already, is refused as unknown, and then nobody's data changes.
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
    public func erase(client id: ClientID, in scope: Scope, reason: ErasureReason, actor: Actor) async throws {
        try await erase([.client(id)], in: scope, reason: reason, actor: actor)
    }

    /// Erases volunteer `id`'s data for `reason`.
    ///
    /// - Throws: `InputError` for an unknown volunteer, one outside `scope` or one erased already.
    public func erase(volunteer id: VolunteerID, in scope: Scope, reason: ErasureReason, actor: Actor) async throws {
        try await erase([.volunteer(id)], in: scope, reason: reason, actor: actor)
    }

    /// Erases the data of everyone in `people` for `reason`, all in one change set.
    ///
    /// - Throws: `InputError` naming the first person unknown, outside `scope` or erased already;
    ///   nothing is erased then.
    public func erase(_ people: [PersonID], in scope: Scope, reason: ErasureReason, actor: Actor) async throws {
        guard !people.isEmpty else { return }
        let clientIDs = people.compactMap { person -> ClientID? in
            if case .client(let id) = person { id } else { nil }
        }
        let clients = Dictionary(try await store.clients(clientIDs).map { ($0.id, $0) }) { first, _ in first }
        var stations: [StationID: Station] = [:]
        func covered(_ id: StationID) async throws -> Station? {
            if stations[id] == nil { stations[id] = try await store.station(id) }
            return stations[id].flatMap { scope.covers($0) ? $0 : nil }
        }
        let now = clock.now()
        func erased(_ payload: PersonalDataErased, at station: Station) -> DomainEvent {
            DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: now)
        }
        var change = ChangeSet()
        var seen: Set<PersonID> = []
        for person in people where seen.insert(person).inserted {
            switch person {
            case .client(let id):
                guard var client = clients[id], client.personal != nil, let station = try await covered(client.station)
                else { throw unknown(person) }
                client.personal = nil
                change.writes.append(.client(client))
                change.events.append(
                    erased(PersonalDataErased(client: id, station: station.id, reason: reason), at: station)
                )
            case .volunteer(let id):
                guard var volunteer = try await store.volunteer(id), volunteer.personal != nil,
                    let station = try await covered(volunteer.station)
                else { throw unknown(person) }
                volunteer.personal = nil
                change.writes.append(.volunteer(volunteer))
                change.events.append(
                    erased(PersonalDataErased(volunteer: id, station: station.id, reason: reason), at: station)
                )
            }
        }
        try await store.commit(change)
    }

    private func unknown(_ person: PersonID) -> InputError {
        let field =
            switch person {
            case .client: "client"
            case .volunteer: "volunteer"
            }
        return InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: field,
                found: person.rawID,
                expected: LocalizedText("有个人信息(尚未删除)的人的标识", en: "the id of someone whose data is not erased yet")
            )
        ])
    }
}
