import Foundation
public import YizhanConfig
public import YizhanKernel

extension LedgerVocabulary {
    /// The vocabulary with each of `assignments` (`服务人次=人数`, `走访日期=date`) read for one
    /// import: the heading on the left is read as the field on the right, named by its id or by any
    /// heading the dictionary knows for it. The mapping wins over the dictionary's own meaning.
    ///
    /// - Throws: `LedgerColumnMappingError` for text without `=`, or a field the ledger has not.
    public func mapping(_ assignments: [String]) throws(LedgerColumnMappingError) -> LedgerVocabulary {
        var vocabulary = self
        for (heading, field) in try resolved(assignments) { vocabulary.read(heading: heading, as: field) }
        return vocabulary
    }

    /// Each of `assignments` as the heading and the field it names.
    ///
    /// - Throws: `LedgerColumnMappingError` as `mapping`.
    public func resolved(_ assignments: [String]) throws(LedgerColumnMappingError) -> [(heading: String, field: String)]
    {
        let fields = Set(exportHeadings.map(\.field) + importOnlyFields)
        var resolved: [(heading: String, field: String)] = []
        for assignment in assignments {
            let parts = assignment.split(separator: "=", maxSplits: 1).map {
                String($0).trimmingCharacters(in: .whitespaces)
            }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw LedgerColumnMappingError(assignment: assignment, fields: exportHeadings, reason: .notAnAssignment)
            }
            let named = fields.contains(parts[1]) ? parts[1] : field(forHeading: parts[1])
            guard let field = named, fields.contains(field) else {
                throw LedgerColumnMappingError(assignment: assignment, fields: exportHeadings, reason: .unknownField)
            }
            resolved.append((parts[0], field))
        }
        return resolved
    }

    /// The vocabulary with a station's own headings (its file beside the shipped dictionary, as
    /// `--save-columns` writes it) read after the dictionary's: the station's word wins.
    public func overlaying(_ station: LedgerHeadersFile) -> LedgerVocabulary {
        var vocabulary = self
        let entry =
            switch ledger {
            case "clients": station.clients
            case "volunteers": station.volunteers
            case "donations": station.donations
            default: station.services
            }
        for (field, headings) in entry.columns.sorted(by: { $0.key < $1.key }) {
            for heading in headings { vocabulary.read(heading: heading, as: field) }
        }
        return vocabulary
    }
}

/// Why a `--column 表头=字段` could not be read.
public struct LedgerColumnMappingError: Error, Sendable, UserFacingError {
    /// What was wrong.
    public enum Reason: Sendable {
        /// No `=` between a heading and a field.
        case notAnAssignment
        /// The field is none of the ledger's.
        case unknownField
    }

    /// The option's text.
    public var assignment: String
    /// The ledger's fields with their names, to choose from.
    public var fields: [(field: String, heading: String)]
    /// What was wrong.
    public var reason: Reason

    public func message(in language: Language) -> String {
        let choices = fields.map { language == .zhHans ? "\($0.heading)(\($0.field))" : "\($0.field) (\($0.heading))" }
            .joined(separator: language == .zhHans ? "、" : ", ")
        switch (reason, language) {
        case (.notAnAssignment, .zhHans):
            return "--column “\(assignment)”应写成 表头=字段,如 --column 服务人次=人数;字段可写:\(choices)"
        case (.notAnAssignment, .en):
            return "--column '\(assignment)' must read heading=field, e.g. --column 服务人次=headCount; fields: \(choices)"
        case (.unknownField, .zhHans):
            return "--column “\(assignment)”:台账没有这个字段;字段可写:\(choices)"
        case (.unknownField, .en):
            return "--column '\(assignment)': the ledger has no such field; fields: \(choices)"
        }
    }
}
