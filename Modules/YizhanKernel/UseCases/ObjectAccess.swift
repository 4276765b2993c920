import Foundation

/// The one place a principal's request meets the objects it names: every object a server route
/// reaches is looked up here and checked against the station it belongs to (issue 23.3).
///
/// An object outside the principal's grants is answered exactly like one that does not exist
/// (`AccessRefusal`, 404), and the attempt is recorded as `access.denied` with the principal as its
/// actor: the kind of object and the route, never the id asked for or anything about the object.
public struct ObjectAccess: Sendable {
    let store: any StationStore
    let home: DivisionCode
    let clock: WorkClock

    /// Checks over `store`; denials are recorded in the division `home` (the workspace's county).
    public init(store: any StationStore, home: DivisionCode, clock: WorkClock = .system) {
        self.store = store
        self.home = home
        self.clock = clock
    }

    /// The stations where `principal` may use `permission`.
    public func stations(_ permission: Permission, by principal: Principal) async throws -> [Station] {
        var seen: Set<StationID> = []
        var reached: [Station] = []
        for scope in principal.scopes(for: permission) {
            for station in try await store.stations(in: scope) where seen.insert(station.id).inserted {
                reached.append(station)
            }
        }
        return reached.sorted { $0.id.rawValue < $1.id.rawValue }
    }

    /// The station `id` names, if `principal` may use `permission` there.
    ///
    /// - Throws: `AccessRefusal` (after recording `access.denied`) for an unknown id, one that is not
    ///   a station id, or a station outside the grants.
    public func station(
        _ id: String,
        _ permission: Permission,
        by principal: Principal,
        route: String
    ) async throws -> Station {
        guard let stationID = try? StationID(id), let station = try await store.station(stationID),
            principal.may(permission, at: station)
        else { throw try await deny("station", by: principal, route: route) }
        return station
    }

    /// The service record `id` names, if `principal` may read records at its station.
    public func serviceRecord(_ id: String, by principal: Principal, route: String) async throws -> StoredServiceRecord
    {
        try await reach("serviceRecord", .readRecords, by: principal, route: route, at: \.record.station) {
            guard let recordID = try? ServiceRecordID(id) else { return nil }
            return try await store.serviceRecord(recordID)
        }
    }

    /// The client `id` names, if `principal` may use `permission` at their station (`readRecords`
    /// to see them masked, `revealPersonalData` to reveal them).
    public func client(
        _ id: String,
        _ permission: Permission,
        by principal: Principal,
        route: String
    ) async throws -> Client {
        try await reach("client", permission, by: principal, route: route, at: \.station) {
            guard let clientID = try? ClientID(id) else { return nil }
            return try await store.clients([clientID]).first
        }
    }

    /// The case `id` names, if `principal` may use `permission` at its station (`readRecords` to
    /// see it, `writeRecords` to move it).
    public func caseFile(
        _ id: String,
        _ permission: Permission,
        by principal: Principal,
        route: String
    ) async throws -> CaseFile {
        try await reach("case", permission, by: principal, route: route, at: \.station) {
            guard let caseID = try? CaseID(id) else { return nil }
            return try await store.caseFile(caseID)
        }
    }

    /// `scope` itself, if one of `principal`'s grants with `permission` covers all of it (a county
    /// summary needs the county, not one station of it); otherwise a recorded denial of `kind`.
    public func scope(
        _ scope: Scope,
        _ permission: Permission,
        kind: String,
        by principal: Principal,
        route: String
    ) async throws -> Scope {
        for grant in principal.grants where grant.role.permissions.contains(permission) {
            if try await grant.scope.covers(scope, station: store.station) { return scope }
        }
        throw try await deny(kind, by: principal, route: route)
    }

    /// The volunteer `id` names, if `principal` may use `permission` at their station.
    public func volunteer(
        _ id: String,
        _ permission: Permission,
        by principal: Principal,
        route: String
    ) async throws -> Volunteer {
        try await reach("volunteer", permission, by: principal, route: route, at: \.station) {
            guard let volunteerID = try? VolunteerID(id) else { return nil }
            return try await store.volunteer(volunteerID)
        }
    }

    /// The volunteer activity `id` names, if `principal` may use `permission` at its station
    /// (`writeRecords` to record who attended).
    public func volunteerActivity(
        _ id: String,
        _ permission: Permission,
        by principal: Principal,
        route: String
    ) async throws -> VolunteerActivity {
        try await reach("volunteerActivity", permission, by: principal, route: route, at: \.station) {
            guard let activityID = try? VolunteerActivityID(id) else { return nil }
            return try await store.volunteerActivity(activityID)
        }
    }

    /// The events after `sequence` that `principal` may read records of: those of its stations,
    /// and those of a division inside a division grant. Reads up to `limit` events of the whole log
    /// per call; `next` is where the next call starts, so a caller with a narrow grant still moves on.
    public func events(
        after sequence: EventSequence,
        limit: Int,
        by principal: Principal
    ) async throws -> (events: [StoredEvent], next: EventSequence) {
        let stations = Set(try await self.stations(.readRecords, by: principal).map(\.id))
        let divisions = principal.scopes(for: .readRecords).compactMap { scope -> DivisionCode? in
            if case .within(let code) = scope { return code }
            return nil
        }
        let read = try await store.events(after: sequence, limit: limit)
        let visible = read.filter { stored in
            if let station = stored.event.station { return stations.contains(station) }
            return divisions.contains { $0.contains(stored.event.orgUnit) }
        }
        return (visible, read.last?.sequence ?? sequence)
    }

    /// Records that `principal` was refused a `kind` of object or function on `route`, and returns
    /// the refusal to throw.
    public func deny(_ kind: String, by principal: Principal, route: String) async throws -> AccessRefusal {
        let event = DomainEvent(
            AccessDenied(kind: kind, route: route),
            orgUnit: home,
            station: nil,
            actor: principal.actor,
            at: clock.now()
        )
        try await store.commit(ChangeSet(events: [event]))
        return AccessRefusal(kind: kind, isRecorded: true)
    }

    /// The object `find` finds, if `principal` may use `permission` at its station; otherwise (not
    /// found, or outside the grants, answered alike) the `kind`'s denial, recorded.
    private func reach<Object>(
        _ kind: String,
        _ permission: Permission,
        by principal: Principal,
        route: String,
        at station: KeyPath<Object, StationID>,
        find: () async throws -> Object?
    ) async throws -> Object {
        guard let object = try await find(), try await covers(object[keyPath: station], permission, principal) else {
            throw try await deny(kind, by: principal, route: route)
        }
        return object
    }

    private func covers(_ id: StationID, _ permission: Permission, _ principal: Principal) async throws -> Bool {
        guard let station = try await store.station(id) else { return false }
        return principal.may(permission, at: station)
    }
}
