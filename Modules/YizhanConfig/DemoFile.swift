public import YizhanKernel

/// The demo workspace's recipe under `config/demo/`: which divisions and stations to load and how
/// to generate a deterministic synthetic year of service records.
public struct DemoFile: Hashable, Sendable, Codable {
    /// The workspace's display name.
    public var name: String
    /// The divisions file, relative to this file.
    public var divisions: String
    /// The folder of station files, relative to this file.
    public var stations: String
    /// The year the synthetic records fall in.
    public var year: Int
    /// The seed of the generator: the same seed gives the same records.
    public var seed: UInt64
    /// Per station and year: how many records of each kind, with their ranges.
    public var services: [String: ServiceVolume]

    /// How many records of one kind a station makes in the year, and their ranges.
    public struct ServiceVolume: Hashable, Sendable, Codable {
        /// Records per station per year.
        public var records: Int
        /// People per record: `[least, most]`.
        public var people: [Int]
        /// Minutes per record: `[least, most]`.
        public var minutes: [Int]
        /// Whether the work happens in a village (else at the station).
        public var inVillage: Bool?
    }
}

/// The workspace file `yizhan.yaml` at the root of every workspace.
public struct WorkspaceFile: Hashable, Sendable, Codable {
    /// The workspace's display name.
    public var name: String
    /// The county it serves.
    public var county: DivisionCode
    /// Where the data lives: `sqlite:PATH`, relative to the workspace.
    public var database: String
    /// Whether `yizhan demo` built it (and may rebuild it).
    public var demo: Bool?

    /// Creates a workspace file.
    public init(name: String, county: DivisionCode, database: String, demo: Bool? = nil) {
        self.name = name
        self.county = county
        self.database = database
        self.demo = demo
    }
}
