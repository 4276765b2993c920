import Foundation

/// A role over a scope of the hierarchy: `socialWorker` at 百步, `countyAdmin` within 330424.
///
/// A grant's scope is a station or a division; `AccountWork` never grants `Scope.all` (a
/// province's code covers its stations).
public struct Grant: Hashable, Sendable {
    /// What the holder may do.
    public var role: Role
    /// Where: `.station(id)` or `.within(code)`.
    public var scope: Scope

    /// Creates a grant.
    public init(role: Role, scope: Scope) {
        self.role = role
        self.scope = scope
    }

    /// Whether the grant allows `permission` at `station`.
    public func allows(_ permission: Permission, at station: Station) -> Bool {
        role.permissions.contains(permission) && scope.covers(station)
    }
}

extension Grant: CustomStringConvertible {
    /// `socialWorker@baibu`, `countyAdmin@330424`: how the command line writes a grant.
    public var description: String { "\(role.rawValue)@\(scope)" }
}

extension Grant: Codable {
    private enum CodingKeys: String, CodingKey { case role, station, division, all }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        role = try container.decode(Role.self, forKey: .role)
        if let station = try container.decodeIfPresent(StationID.self, forKey: .station) {
            scope = .station(station)
        } else if let division = try container.decodeIfPresent(DivisionCode.self, forKey: .division) {
            scope = .within(division)
        } else {
            scope = .all
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(role, forKey: .role)
        switch scope {
        case .station(let id): try container.encode(id, forKey: .station)
        case .within(let code): try container.encode(code, forKey: .division)
        case .all: try container.encode(true, forKey: .all)
        }
    }
}

extension Grant {
    /// `grants` as the JSON text both stores keep (sorted keys: the same grants, the same text).
    public static func encodedList(_ grants: [Grant]) -> String { encoded(grants) ?? "[]" }

    /// The grant as the JSON text both stores keep.
    public var encodedText: String { Self.encoded(self) ?? "{}" }

    /// The grants a store kept as `text`.
    ///
    /// - Throws: `StoreError` `.backend` when the text is not a list of grants.
    public static func decodeList(_ text: String, column: String) throws(StoreError) -> [Grant] {
        try decoded(text, column: column)
    }

    /// The grant a store kept as `text`.
    ///
    /// - Throws: `StoreError` `.backend` when the text is not a grant.
    public static func decode(_ text: String, column: String) throws(StoreError) -> Grant {
        try decoded(text, column: column)
    }

    private static func encoded(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func decoded<Value: Decodable>(_ text: String, column: String) throws(StoreError) -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw StoreError(code: .backend, location: column, reason: "a stored value is not valid for its column")
        }
    }
}

extension Grant {
    /// Reads a grant as the command line writes it: `ROLE@STATION` or `ROLE@DIVISION`
    /// (`socialWorker@baibu`, `countyAdmin@330424`).
    ///
    /// - Throws: `InputError` naming `field` when the role or the scope is not written right.
    public init(parsing text: String, field: String = "grant") throws(InputError) {
        let parts = text.split(separator: "@", maxSplits: 1).map { String($0).trimmingWhitespace() }
        let roles = Role.allCases.map(\.rawValue).joined(separator: "、")
        func refusal(_ expected: LocalizedText) -> InputError {
            InputError(issues: [InputIssue(code: .invalidFormat, field: field, found: text, expected: expected)])
        }
        guard parts.count == 2, let role = Role(rawValue: parts[0]) else {
            throw refusal(
                LocalizedText(
                    "角色@社工站标识或区划代码,如 socialWorker@baibu、countyAdmin@330424(角色:\(roles))",
                    en: "ROLE@STATION or ROLE@DIVISION, e.g. socialWorker@baibu, countyAdmin@330424 (roles: \(roles))"
                )
            )
        }
        if parts[1].allSatisfy(\.isASCIIDigit), let code = try? DivisionCode(parts[1]) {
            self.init(role: role, scope: .within(code))
        } else if let station = try? StationID(parts[1]) {
            self.init(role: role, scope: .station(station))
        } else {
            throw refusal(
                LocalizedText("@ 之后为社工站标识或 6/9 位区划代码", en: "a station id or a 6- or 9-digit division code after @")
            )
        }
    }
}
