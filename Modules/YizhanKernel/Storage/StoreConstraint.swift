import Foundation

/// A schema rule a write broke, as the backend named it: its kind, table and columns, without the
/// values — what lets a constraint the checks missed (two writers at once, say) reach a person as
/// the field to fix rather than as `UNIQUE constraint failed` (issue 21.6).
public struct StoreConstraint: Hashable, Sendable {
    /// The kind of rule.
    public enum Kind: String, Hashable, Sendable {
        /// No two rows may share the columns' values.
        case unique
        /// A value must satisfy a condition.
        case check
        /// A value is required.
        case notNull
        /// A value must name an existing row.
        case foreignKey
    }

    /// The kind of rule.
    public var kind: Kind
    /// The table, when the backend said it.
    public var table: String
    /// The columns, in the rule's order (empty when the backend did not say them).
    public var columns: [String]

    /// Creates a constraint.
    public init(kind: Kind, table: String, columns: [String]) {
        self.kind = kind
        self.table = table
        self.columns = columns
    }

    /// SQLite's message for a broken rule, read: `UNIQUE constraint failed: t.a, t.b`,
    /// `NOT NULL constraint failed: t.a`, `CHECK constraint failed: minutes > 0`,
    /// `FOREIGN KEY constraint failed`. `nil` for any other text.
    public init?(sqliteMessage message: String) {
        let rules: [(String, Kind)] = [
            ("UNIQUE constraint failed: ", .unique), ("NOT NULL constraint failed: ", .notNull),
            ("CHECK constraint failed: ", .check), ("FOREIGN KEY constraint failed", .foreignKey),
        ]
        guard let (prefix, kind) = rules.first(where: { message.hasPrefix($0.0) }) else { return nil }
        let rest = message.dropFirst(prefix.count)
        switch kind {
        case .unique, .notNull:
            let names = rest.split(separator: ",").map { String($0).trimmingWhitespace() }
            self.init(
                kind: kind,
                table: names.first.flatMap { $0.split(separator: ".").first.map(String.init) } ?? "",
                columns: names.compactMap { $0.split(separator: ".").last.map(String.init) }
            )
        case .check:
            // The condition's first identifier is the column it checks.
            let identifier = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            self.init(kind: kind, table: "", columns: identifier.isEmpty ? [] : [String(identifier)])
        case .foreignKey:
            self.init(kind: kind, table: "", columns: [])
        }
    }

    /// PostgreSQL's report of a broken rule: its SQLSTATE (`23505` …), table, column (not null),
    /// constraint name (`work_log_minutes_check`) and detail (`Key (a, b)=(…) already exists.`,
    /// of which only the column names before `=` are read). `nil` for another state.
    public init?(sqlState: String, table: String?, column: String?, constraint: String?, detail: String?) {
        let table = table ?? ""
        switch sqlState {
        case "23505":
            var columns: [String] = []
            if let detail, let open = detail.range(of: "Key ("),
                let close = detail.range(of: ")=", range: open.upperBound..<detail.endIndex)
            {
                columns = detail[open.upperBound..<close.lowerBound].split(separator: ",").map {
                    String($0).trimmingWhitespace()
                }
            }
            self.init(kind: .unique, table: table, columns: columns)
        case "23502":
            self.init(kind: .notNull, table: table, columns: column.map { [$0] } ?? [])
        case "23514":
            // PostgreSQL names a column's check `table_column_check`.
            var name = constraint ?? ""
            if name.hasPrefix(table + "_") { name.removeFirst(table.count + 1) }
            if name.hasSuffix("_check") { name.removeLast(6) }
            self.init(kind: .check, table: table, columns: name.isEmpty ? [] : [name])
        case "23503":
            self.init(kind: .foreignKey, table: table, columns: [])
        default:
            return nil
        }
    }
}
