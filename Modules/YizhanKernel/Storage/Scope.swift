/// Which stations a query covers: all of them, those within a division, or one.
public enum Scope: Hashable, Sendable {
    /// Every station in the store.
    case all
    /// The stations whose township lies within the division (a county, a city, a province).
    case within(DivisionCode)
    /// One station.
    case station(StationID)
}

extension Scope: CustomStringConvertible {
    /// `全部`, a division code, or a station id: how messages name the scope.
    public var description: String {
        switch self {
        case .all: "*"
        case .within(let code): String(code.significantPrefix)
        case .station(let id): id.rawValue
        }
    }
}

extension Scope {
    /// Whether `station` is one of the stations the scope covers.
    public func covers(_ station: Station) -> Bool {
        switch self {
        case .all: true
        case .within(let code): code.contains(station.orgUnit)
        case .station(let id): station.id == id
        }
    }
}

extension Scope {
    /// Whether every station `inner` covers is one this scope covers, now or later: a division
    /// covers the divisions inside it and the stations in them; a station covers only itself.
    /// `station` finds a station's township (nil when unknown, which nothing covers but `.all`).
    public func covers(_ inner: Scope, station: (StationID) async throws -> Station?) async rethrows -> Bool {
        switch (self, inner) {
        case (.all, _): return true
        case (_, .all): return false
        case (.station(let a), .station(let b)): return a == b
        case (.station, .within): return false
        case (.within(let code), .within(let other)): return code.contains(other)
        case (.within(let code), .station(let id)):
            guard let found = try await station(id) else { return false }
            return code.contains(found.orgUnit)
        }
    }
}
