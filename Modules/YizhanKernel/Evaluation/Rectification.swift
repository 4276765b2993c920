/// A rectification item (整改) an evaluation raised: what must be put right, by whom and by when.
public struct Rectification: Hashable, Sendable, Codable, Identifiable {
    /// The item's identifier.
    public var id: RectificationID
    /// The evaluation that raised it.
    public var evaluation: EvaluationID
    /// The station that must act.
    public var station: StationID
    /// The indicator it concerns, if one.
    public var indicator: String?
    /// What must be done, e.g. 为 8 号村指定定点联系社工.
    public var item: String
    /// The worker responsible.
    public var owner: WorkerID
    /// The day it was raised.
    public var raisedOn: CivilDate
    /// The day it is due.
    public var dueOn: CivilDate
    /// The day it was put right, once done.
    public var doneOn: CivilDate?

    /// Creates an item.
    public init(
        id: RectificationID,
        evaluation: EvaluationID,
        station: StationID,
        indicator: String? = nil,
        item: String,
        owner: WorkerID,
        raisedOn: CivilDate,
        dueOn: CivilDate,
        doneOn: CivilDate? = nil
    ) {
        self.id = id
        self.evaluation = evaluation
        self.station = station
        self.indicator = indicator
        self.item = item
        self.owner = owner
        self.raisedOn = raisedOn
        self.dueOn = dueOn
        self.doneOn = doneOn
    }

    /// Whether it is still to be done and its due day has come by `day`.
    public func isDue(on day: CivilDate) -> Bool { doneOn == nil && dueOn <= day }
}

/// Identifies a rectification item.
public typealias RectificationID = Identifier<Rectification>
