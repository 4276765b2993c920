public import YizhanKernel

/// What a metric measured for one station: a number and what it is made of, the items present, a
/// coverage, or the day something was completed.
public enum MetricValue: Hashable, Sendable {
    /// A number; `parts` are what it is made of (per worker, per village) and `aggregate` says how
    /// they make it.
    case number(Int, parts: [MetricPart], aggregate: MetricAggregate)
    /// The items present (rooms, program slots, evaluations).
    case items([String])
    /// Which of a set are covered, and which are not (villages with and without a liaison).
    case coverage(covered: [MetricPart], missing: [MetricPart])
    /// The day something was completed (`nil` while it is not), and what is still pending.
    case completion(CivilDate?, pending: [MetricPart])
}

/// How a number's parts make it.
public enum MetricAggregate: Hashable, Sendable {
    /// Their sum: the number is a total, and no single part fails a rule.
    case total
    /// Their least: each part is held to the rule (every worker's training hours).
    case minimum
}

/// One part of a measurement: a worker, a village, a station.
public struct MetricPart: Hashable, Sendable {
    /// Its identifier (worker id, village code, station id): what events carry.
    public var item: String
    /// How people know it (a worker's or a village's name): shown, never put in events.
    public var label: String
    /// Its value.
    public var value: Int

    /// Creates a part.
    public init(item: String, label: String, value: Int = 1) {
        self.item = item
        self.label = label
        self.value = value
    }
}
