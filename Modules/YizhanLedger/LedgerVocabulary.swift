public import Foundation
public import YizhanConfig
public import YizhanKernel

/// One ledger's part of the header dictionary, ready for look-ups: headings and cell words are
/// compared normalised (`LedgerHeadersFile.normalized`).
public struct LedgerVocabulary: Sendable {
    /// Which ledger: `services`, `clients` or `volunteers`.
    public let ledger: String
    /// The fields in export order, each with the heading exports write.
    public private(set) var exportHeadings: [(field: String, heading: String)]
    /// The fields an import reads beyond those it exports (a service ledger's person served by name).
    public private(set) var importOnlyFields: [String] = []
    private var fieldsByHeading: [String: String]
    private var codesByWord: [String: [String: String]]
    /// The words exports write for codes, by field: the brand plugins' element names.
    private var wordsByCode: [String: [String: String]] = [:]

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
        if ledger == "services" { importOnlyFields = LedgerHeadersFile.serviceImportFields }
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

    /// The word exports write for `code` of `field` (an element's name), or the code unchanged.
    public func word(for code: String, field: String) -> String {
        wordsByCode[field]?[code] ?? code
    }

    /// The ledger field of plugin record field `id`: `fields.<id>`, as `RecordService` names its issues.
    public static func pluginField(_ id: String) -> String { "fields.\(id)" }

    /// The vocabulary with the record fields of the brand plugins serving `station` as columns, after
    /// the dictionary's own: each headed by the field's name (Chinese or English) or its id, its
    /// cells an element's name or id (`第一色桥` or `bridge1`). A heading the dictionary already
    /// knows keeps its meaning.
    public func adding(plugins registry: PluginRegistry, for station: Station) -> LedgerVocabulary {
        var vocabulary = self
        for manifest in registry.plugins(serving: station) {
            vocabulary.add(
                registry.contributions[manifest.id]?.fields ?? [],
                names: registry.elementNames[manifest.id] ?? [:]
            )
        }
        return vocabulary
    }

    /// Reads `heading` as `field` from now on, whatever the dictionary said it was.
    mutating func read(heading: String, as field: String) {
        fieldsByHeading[LedgerHeadersFile.normalized(heading)] = field
    }

    /// Adds `fields` as columns, their options' words from `names`.
    private mutating func add(_ fields: [PluginRecordField], names: [String: String]) {
        for field in fields {
            let key = Self.pluginField(field.id)
            let headings = [field.name.zhHans, field.name.en, field.id].map(LedgerHeadersFile.normalized)
            for heading in headings where fieldsByHeading[heading] == nil {
                fieldsByHeading[heading] = key
            }
            // Before the record id, which stays the last column.
            let recordColumn = exportHeadings.firstIndex { $0.field == "record" } ?? exportHeadings.endIndex
            exportHeadings.insert((key, field.name.zhHans), at: recordColumn)
            let options = field.options ?? []
            codesByWord[key] = Dictionary(
                options.compactMap { option in names[option].map { (LedgerHeadersFile.normalized($0), option) } },
                uniquingKeysWith: { first, _ in first }
            )
            wordsByCode[key] = Dictionary(
                options.compactMap { option in names[option].map { (option, $0) } },
                uniquingKeysWith: { first, _ in first }
            )
        }
    }
}

extension LedgerVocabulary {
    /// Loads and checks the header dictionary at `url`; returns the vocabulary of `ledger`.
    ///
    /// - Throws: `ConfigErrors` naming the file, line and column of every problem.
    public static func load(from url: URL, ledger: String) throws(ConfigErrors) -> LedgerVocabulary {
        LedgerVocabulary(try headersFile(at: url), ledger: ledger)
    }

    /// Loads and checks a header dictionary (the shipped one, or a station's own).
    ///
    /// - Throws: `ConfigErrors` naming the file, line and column of every problem.
    public static func headersFile(at url: URL) throws(ConfigErrors) -> LedgerHeadersFile {
        let loaded = try ConfigLoader.loadWithPositions(LedgerHeadersFile.self, from: url)
        let problems = loaded.value.dictionaryProblems().map { loaded.problem(.invalidValue, at: $0.0, $0.1) }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return loaded.value
    }
}
