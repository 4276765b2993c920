/// A case as a screen or an API shows it: its stage, how long it has been there against the
/// station's limit, and its history. The command line and the server show cases through this.
public struct CaseCard: Hashable, Sendable, Codable {
    /// The case id.
    public var id: String
    /// The station id.
    public var station: String
    /// The client's id.
    public var client: String
    /// The current stage's code.
    public var stage: String
    /// The day the case entered it, `YYYY-MM-DD`.
    public var since: String
    /// Days spent in it so far.
    public var days: Int
    /// The station's limit for the stage, in days (none for a final stage or one without).
    public var limit: Int?
    /// Whether the case has stayed longer than the limit.
    public var overdue: Bool
    /// Every stage so far, oldest first.
    public var history: [Entry]

    /// One stage of the history.
    public struct Entry: Hashable, Sendable, Codable {
        /// The stage's code.
        public var stage: String
        /// The day it began.
        public var since: String
        /// The worker who owned it.
        public var worker: String
    }

    /// The card of `file` at `station` (whose limits judge it overdue), as on `date`.
    public init(_ file: CaseFile, station: Station?, on date: CivilDate) {
        id = file.id.rawValue
        self.station = file.station.rawValue
        client = file.client.rawValue
        stage = file.stage.rawValue
        since = file.current.since.description
        days = file.daysInStage(on: date)
        limit = file.stage.isFinal ? nil : station?.caseStageDays[file.stage]
        overdue = file.isOverdue(on: date, limits: station?.caseStageDays ?? [:])
        history = file.history.map {
            Entry(stage: $0.stage.rawValue, since: $0.since.description, worker: $0.worker.rawValue)
        }
    }
}
