public import Foundation
public import YizhanConfig

/// One ledger's part of the header dictionary, ready for look-ups: headings and cell words are
/// compared normalised (`LedgerHeadersFile.normalized`).
public struct LedgerVocabulary: Sendable {
    /// Which ledger: `services`, `clients` or `volunteers`.
    public let ledger: String
    /// The fields in export order, each with the heading exports write.
    public let exportHeadings: [(field: String, heading: String)]
    private let fieldsByHeading: [String: String]
    private let codesByWord: [String: [String: String]]

    /// The vocabulary of `ledger` (`services` or `clients`) in `file`.
    public init(_ file: LedgerHeadersFile, ledger: String) {
        self.ledger = ledger
        let (entry, fields) =
            switch ledger {
            case "clients": (file.clients, LedgerHeadersFile.clientFields)
            case "volunteers": (file.volunteers, LedgerHeadersFile.volunteerFields)
            case "donations": (file.donations, LedgerHeadersFile.donationFields)
            default: (file.services, LedgerHeadersFile.serviceFields)
            }
        exportHeadings = fields.compactMap { field in entry.columns[field]?.first.map { (field, $0) } }
        var headings: [String: String] = [:]
        for (field, names) in entry.columns {
            for name in names { headings[LedgerHeadersFile.normalized(name)] = field }
        }
        fieldsByHeading = headings
        codesByWord = (entry.values ?? [:]).mapValues { words in
            Dictionary(
                words.map { (LedgerHeadersFile.normalized($0.key), $0.value) },
                uniquingKeysWith: { first, _ in first }
            )
        }
    }

    /// The field a heading means, if the dictionary knows it.
    public func field(forHeading heading: String) -> String? {
        fieldsByHeading[LedgerHeadersFile.normalized(heading)]
    }

    /// The code a cell's word means for `field` (`入户走访` → `homeVisit`), or the word unchanged.
    public func code(for word: String, field: String) -> String {
        codesByWord[field]?[LedgerHeadersFile.normalized(word)] ?? word
    }

    /// The heading exports write for `field`.
    public func heading(of field: String) -> String {
        exportHeadings.first { $0.field == field }?.heading ?? field
    }
}

extension LedgerVocabulary {
    /// Loads and checks the header dictionary at `url`; returns the vocabulary of `ledger`.
    ///
    /// - Throws: `ConfigErrors` naming the file, line and column of every problem.
    public static func load(from url: URL, ledger: String) throws(ConfigErrors) -> LedgerVocabulary {
        let loaded = try ConfigLoader.loadWithPositions(LedgerHeadersFile.self, from: url)
        let problems = loaded.value.dictionaryProblems().map { loaded.problem(.invalidValue, at: $0.0, $0.1) }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return LedgerVocabulary(loaded.value, ledger: ledger)
    }
}
