/// An indicator a station is held to, from its template with the station's own overrides
/// (written by `config apply`): what it measures and the target, e.g. at least 10 community
/// organisations per urban community.
public struct StationIndicator: Hashable, Sendable, Codable {
    /// The indicator's id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its unit.
    public var unit: String?
    /// Its period (`year`, `halfYear`, `quarter`, `month`).
    public var period: String?
    /// The metric that computes it, e.g. `organisationsPerUrbanCommunity`.
    public var metric: String?
    /// Target: at least.
    public var atLeast: Int?
    /// Target: at most.
    public var atMost: Int?
    /// Where it comes from (seed and section).
    public var source: String?

    /// Creates an indicator.
    public init(
        id: String,
        name: String,
        unit: String? = nil,
        period: String? = nil,
        metric: String? = nil,
        atLeast: Int? = nil,
        atMost: Int? = nil,
        source: String? = nil
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.period = period
        self.metric = metric
        self.atLeast = atLeast
        self.atMost = atMost
        self.source = source
    }
}
