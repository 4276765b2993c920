/// Which events a subscription receives: event types (with `*` wildcards) within a scope.
///
/// ```swift
/// let selector = EventSelector(types: ["service.*"], scope: .within(DivisionCode("330424")!))
/// selector.accepts(event)  // a service event of any township of Haiyan
/// ```
public struct EventSelector: Hashable, Sendable, Codable {
    /// Type patterns: `service.recorded`, `service.*` (every type of the noun) or `*` (every type).
    public var types: [String]
    /// Where the events must come from.
    public var scope: EventScope

    /// Creates a selector.
    public init(types: [String], scope: EventScope = .everywhere) {
        self.types = types
        self.scope = scope
    }

    /// Whether `event` is of a selected type and within the scope.
    public func accepts(_ event: DomainEvent) -> Bool {
        scope.contains(event) && types.contains { Self.pattern($0, matches: event.type) }
    }

    /// Whether one type pattern matches `type`: `*` matches every type, `noun.*` every type of the
    /// noun, anything else only itself.
    public static func pattern(_ pattern: String, matches type: EventType) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") {
            return type.rawValue.hasPrefix(pattern.dropLast())
        }
        return pattern == type.rawValue
    }
}

/// The part of the country a subscription covers.
public enum EventScope: Hashable, Sendable, Codable {
    /// Every event.
    case everywhere
    /// The events of one station.
    case station(StationID)
    /// The events of a unit and everything within it (a county's whole subtree).
    case within(DivisionCode)

    /// Whether `event` comes from inside the scope.
    public func contains(_ event: DomainEvent) -> Bool {
        switch self {
        case .everywhere: true
        case .station(let station): event.station == station
        case .within(let unit): unit.contains(event.orgUnit)
        }
    }
}
