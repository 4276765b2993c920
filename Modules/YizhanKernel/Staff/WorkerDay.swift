/// One worker's day as a training or a work log is checked against it: the minutes logged and the
/// trainings recorded that day, read inside the transaction that writes the new entry, so two
/// entries made at once cannot together pass a limit that each passes alone (issue 21.4).
public struct WorkerDay: Hashable, Sendable, Codable {
    /// Which worker's day a `ContextRequest` asks for.
    public struct Key: Hashable, Sendable, Codable {
        /// The worker.
        public var worker: WorkerID
        /// The day.
        public var day: CivilDate

        /// Creates a key.
        public init(worker: WorkerID, day: CivilDate) {
            self.worker = worker
            self.day = day
        }
    }

    /// The worker and day.
    public var key: Key
    /// Minutes logged that day, at the station and in villages.
    public var minutesLogged: Int
    /// Titles of the trainings recorded for the worker that day.
    public var trainingTitles: [String]

    /// Creates a day.
    public init(key: Key, minutesLogged: Int, trainingTitles: [String]) {
        self.key = key
        self.minutesLogged = minutesLogged
        self.trainingTitles = trainingTitles
    }
}
