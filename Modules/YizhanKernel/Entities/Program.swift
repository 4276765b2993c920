/// A service program (服务项目) a station runs under its contract, configured in YAML.
///
/// Seed 000 §二.一 counts 9 programs with 63 sub-projects across Haiyan's 9 stations: one program per
/// station, whose sub-projects fill the “123N” slots (see `SubProject.slot`).
public struct Program: Hashable, Sendable, Codable, Identifiable {
    /// The program's identifier.
    public var id: ProgramID
    /// The station that runs it.
    public var station: StationID
    /// The program's name.
    public var name: String
    /// The configuration version the program is at; records keep the version they were made under.
    public var version: Int
    /// A digest of the configured content (name and sub-projects), to tell a change from a re-apply.
    public var checksum: String?

    /// Creates a program.
    public init(id: ProgramID, station: StationID, name: String, version: Int = 1, checksum: String? = nil) {
        self.id = id
        self.station = station
        self.name = name
        self.version = version
        self.checksum = checksum
    }
}

/// A sub-project (子项目) of a program, in one of its template's slots.
public struct SubProject: Hashable, Sendable, Codable, Identifiable {
    /// The sub-project's identifier.
    public var id: SubProjectID
    /// The program it belongs to.
    public var program: ProgramID
    /// The sub-project's name.
    public var name: String
    /// The template slot it fills, e.g. `core` or `brand` in Haiyan's “123N”.
    public var slot: ProgramSlot
    /// Whether a later configuration dropped it: kept for the records made under it, closed to new ones.
    public var isRetired: Bool

    /// Creates a sub-project.
    public init(id: SubProjectID, program: ProgramID, name: String, slot: ProgramSlot, isRetired: Bool = false) {
        self.id = id
        self.program = program
        self.name = name
        self.slot = slot
        self.isRetired = isRetired
    }
}

/// A program slot a template defines; Haiyan's “123N” has core ×1, brand ×2, basic ×3, optional ×N.
public struct ProgramSlot: CodeListEntry {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// 核心项目.
    public static let core = ProgramSlot(rawValue: "core")
    /// 品牌项目.
    public static let brand = ProgramSlot(rawValue: "brand")
    /// 基础项目.
    public static let basic = ProgramSlot(rawValue: "basic")
    /// 自选项目.
    public static let optional = ProgramSlot(rawValue: "optional")

    public static let known: [ProgramSlot] = [.core, .brand, .basic, .optional]

    public func label(in language: Language) -> String {
        switch (rawValue, language) {
        case ("core", .zhHans): "核心项目"
        case ("brand", .zhHans): "品牌项目"
        case ("basic", .zhHans): "基础项目"
        case ("optional", .zhHans): "自选项目"
        default: rawValue
        }
    }
}
