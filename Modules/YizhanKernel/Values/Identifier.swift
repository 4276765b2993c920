/// A typed identifier: a `StationID` can never be passed where a `WorkerID` is expected.
///
/// Raw values are 1–64 characters of ASCII letters, digits, `.`, `_` and `-` — ids written in
/// configuration (`baibu`) and generated ones (UUIDv7 text) alike.
public struct Identifier<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier's text.
    public let rawValue: String

    /// Validates and wraps `rawValue`.
    public init(_ rawValue: String) throws(IdentifierError) {
        guard Self.isValid(rawValue) else { throw IdentifierError(found: rawValue) }
        self.rawValue = rawValue
    }

    /// Wraps text known to be valid, such as a generated UUID.
    init(trusted rawValue: String) { self.rawValue = rawValue }

    /// A new time-ordered identifier (UUIDv7, lower-case).
    public static func generate() -> Identifier<Entity> {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A new time-ordered identifier drawn from `generator`, stamped with `milliseconds` since 1970.
    public static func generate(
        using generator: inout some RandomNumberGenerator,
        milliseconds: UInt64 = UUIDv7.nowMilliseconds()
    ) -> Identifier<Entity> {
        Identifier(trusted: UUIDv7.make(milliseconds: milliseconds, using: &generator))
    }

    /// The identifier's text.
    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether `text` is a well-formed identifier.
    public static func isValid(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count)
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D || byte == 0x2E || byte == 0x5F
            }
    }
}

extension Identifier: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message(in: .en))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Text that is not a well-formed identifier.
public struct IdentifierError: Error, Hashable, Sendable, UserFacingError {
    /// What was given.
    public let found: String

    /// The message in the reader's language.
    public func message(in language: Language) -> String {
        switch language {
        case .zhHans: "标识“\(found)”无效:应为 1–64 个英文字母、数字、点、下划线或连字符"
        case .en: "identifier '\(found)' is invalid: use 1–64 ASCII letters, digits, '.', '_' or '-'"
        }
    }
}

/// Identifies an `OrgUnit`'s station operator agency.
public typealias AgencyID = Identifier<Agency>
/// Identifies a `Station`.
public typealias StationID = Identifier<Station>
/// Identifies a `Worker`.
public typealias WorkerID = Identifier<Worker>
/// Identifies a `Program`.
public typealias ProgramID = Identifier<Program>
/// Identifies a `SubProject`.
public typealias SubProjectID = Identifier<SubProject>
/// Identifies a `Household`.
public typealias HouseholdID = Identifier<Household>
/// Identifies a `Client`.
public typealias ClientID = Identifier<Client>
/// Identifies a `ServiceRecord`.
public typealias ServiceRecordID = Identifier<ServiceRecord>
/// Identifies a `Volunteer`.
public typealias VolunteerID = Identifier<Volunteer>
/// Identifies a `DomainEvent`; a UUIDv7, so ids sort by time of creation.
public typealias EventID = Identifier<DomainEvent>
