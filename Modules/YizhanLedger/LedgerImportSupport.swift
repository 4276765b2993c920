import Crypto
import Foundation
import YizhanKernel

/// What both imports share: finding the station and the heading rows, collecting refused cells,
/// and reporting progress.
enum LedgerImportSupport {
    /// The registered station `text` names.
    static func station(_ text: String, in store: any StationStore, file: String) async throws -> Station {
        guard let id = try? StationID(text), let station = try await store.station(id) else {
            throw LedgerImportError(file: file, reason: .unknownStation(text))
        }
        return station
    }

    /// The ledger's columns, with every field in `required` (each entry: fields of which one must be there).
    static func columns(
        of sheet: LedgerSheet,
        vocabulary: LedgerVocabulary,
        required: [[String]]
    ) throws -> LedgerColumns {
        let columns = LedgerColumns.find(in: sheet.firstRows(12), vocabulary: vocabulary)
        let found = columns?.columnOfField ?? [:]
        let missing = required.filter { alternatives in !alternatives.contains { found[$0] != nil } }.map {
            $0.joined(separator: "|")
        }
        guard let columns, missing.isEmpty else {
            let headings = Dictionary(
                uniqueKeysWithValues: vocabulary.exportHeadings.map { ($0.field, $0.heading) }
            )
            var names: [String: String] = [:]
            for alternatives in required {
                names[alternatives.joined(separator: "|")] = alternatives.map { headings[$0] ?? $0 }.joined(
                    separator: "/"
                )
            }
            throw LedgerImportError(
                file: sheet.file,
                reason: .missingColumns(
                    found: columns.map { $0.headings.sorted { $0.key < $1.key }.map(\.value) } ?? [],
                    missing: missing.isEmpty ? required.map { $0.joined(separator: "|") } : missing,
                    vocabulary: names
                )
            )
        }
        return columns
    }

    /// Whether `row` is one to read: a totals row (noted with the person-times in its
    /// `personTimesField` column, if any) or a note under the table is noted in `report` and skipped.
    static func isRecordRow(
        _ row: LedgerRow,
        columns: LedgerColumns,
        report: inout LedgerImportReport,
        personTimesField: String? = nil
    ) -> Bool {
        switch LedgerRowRole.of(row, columns: columns) {
        case .data:
            return true
        case .note:
            report.totals.noteRows.append(row.number)
        case .total(let subtotal):
            let stated = personTimesField.flatMap { Int(columns.cell($0, of: row)) }
            report.totals.add(total: row.number, subtotal: subtotal, personTimes: stated)
        }
        return false
    }

    /// The consent a station stated for a whole file (`--consent-date D --consent-scope …`),
    /// checked once before any row: a wrong date there would refuse every row for the same reason.
    static func statedConsent(_ options: LedgerImportOptions, today: CivilDate) throws -> Consent? {
        try options.statedConsent.flatMap { stated in
            stated.isEmpty
                ? nil
                : try RegisterClient.checkConsent(
                    date: stated.date,
                    scope: stated.scope,
                    givenBy: stated.givenBy,
                    today: today
                )
        }
    }

    /// The report before any data row is read.
    static func report(
        for sheet: LedgerSheet,
        columns: LedgerColumns,
        vocabulary: LedgerVocabulary
    ) -> LedgerImportReport {
        var report = LedgerImportReport(
            file: sheet.file,
            format: sheet.format,
            encoding: sheet.encoding,
            digest: sheet.digest,
            headerRows: columns.headerRows,
            columns: vocabulary.exportHeadings.compactMap { entry in
                columns.columnOfField[entry.field].map { (entry.field, columns.headings[$0] ?? entry.heading) }
            },
            ignoredHeadings: columns.ignoredHeadings
        )
        report.columnOfField = columns.columnOfField
        report.fieldNames = Dictionary(
            vocabulary.exportHeadings.map { ($0.field, $0.heading) },
            uniquingKeysWith: { first, _ in first }
        )
        return report
    }

    /// Ends an import inside its transaction: ends a preview (rolling every row back) with what the
    /// import would do; refuses the file (rolling every row back) when rows were refused and bad
    /// rows are not skipped; else returns `ledger.imported` when anything was written.
    static func finish(
        _ report: inout LedgerImportReport,
        ledger: String,
        sheet: LedgerSheet,
        station: Station,
        options: LedgerImportOptions,
        statedConsent: Consent? = nil,
        at instant: Date
    ) throws -> DomainEvent? {
        if options.dryRun {
            // The same checks and counts as the import, then the transaction is rolled back.
            report.dryRun = true
            report.refused = !report.rejections.isEmpty && !options.skipInvalid
            if report.refused {
                report.accepted = 0
                report.alreadyImported = 0
            }
            throw LedgerImportError(file: sheet.file, reason: .dryRun(report))
        }
        if !report.rejections.isEmpty, !options.skipInvalid {
            report.accepted = 0
            report.alreadyImported = 0
            report.refused = true
            throw LedgerImportError(file: sheet.file, reason: .refused(report))
        }
        report.written = report.accepted > 0 || report.corrected > 0
        guard report.written else { return nil }
        return DomainEvent(
            LedgerImported(
                ledger: ledger,
                station: station.id,
                accepted: report.accepted,
                alreadyImported: report.alreadyImported,
                rejected: report.rejectedRows,
                fileDigest: sheet.digest,
                statedConsent: statedConsent
            ),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: options.actor,
            at: instant
        )
    }

    /// Checks a person's ID number cell: required, and not a person an earlier row of the file named.
    ///
    /// - Returns: the number's keyed digest, when it is valid.
    static func identity(
        _ text: String,
        digests: [String: String],
        today: CivilDate,
        firstRowOfDigest: [String: Int],
        issues: inout RowIssues,
        missing: LocalizedText
    ) -> String? {
        let digest = (try? IDNumber(text, today: today)).flatMap { digests[$0.rawValue] }
        if text.isEmpty {
            issues.refuse("idNumber", "", missing)
        } else if let digest, let earlier = firstRowOfDigest[digest] {
            issues.refuse(
                "idNumber",
                masked(text),
                LocalizedText("与第 \(earlier) 行是同一人(身份证号相同)", en: "the same person as row \(earlier) (same ID number)")
            )
        }
        return digest
    }

    /// The first 64 bits of the SHA-256 of a row's canonical text.
    static func key(_ canonical: String) -> LedgerRowKey {
        let digest = SHA256.hash(data: Data(canonical.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return LedgerRowKey(rawValue: Int64(bitPattern: value))
    }

    /// A value that may be personal (an ID number, a phone) as a report may show it.
    static func masked(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 5)
            + String(characters.suffix(2))
    }

    /// `text` masked when it could be an ID number or a phone (a run of 7 or more digits), else as is:
    /// client ids and the like are not personal and stay readable.
    static func maskedIfPersonal(_ text: String) -> String {
        text.filter { $0.isASCII && $0.isNumber }.count >= 7 && text.count <= 20 ? masked(text) : text
    }

    /// Splits a cell listing several values: `张三、李四`, `w1,w2`, `w1；w2`.
    static func list(_ cell: String) -> [String] {
        cell.split(whereSeparator: { "、,，;；/ \u{3000}".contains($0) }).map(String.init)
    }
}

/// The refused cells of one row, each field refused once.
struct RowIssues {
    let row: Int
    let columns: LedgerColumns
    private(set) var rejections: [LedgerRejection] = []
    private(set) var fields: Set<String> = []

    init(row: Int, columns: LedgerColumns) {
        self.row = row
        self.columns = columns
    }

    mutating func refuse(_ field: String?, _ value: String, _ reason: LocalizedText) {
        if let field {
            guard fields.insert(field).inserted else { return }
        }
        let column = field.flatMap { columns.columnOfField[$0] }
        rejections.append(
            LedgerRejection(
                row: row,
                column: column,
                heading: column.flatMap { columns.headings[$0] } ?? "",
                value: value,
                reason: reason
            )
        )
    }

    var isEmpty: Bool { rejections.isEmpty }

    /// Marks `field` as dealt with, so that a consequence of another refusal is not reported again.
    mutating func suppress(_ field: String) { fields.insert(field) }

    /// The refused cells from left to right, a refusal of the whole row last.
    var sorted: [LedgerRejection] { rejections.sorted { ($0.column ?? Int.max) < ($1.column ?? Int.max) } }
}

/// Calls a progress handler at most once per percent.
struct ProgressThrottle {
    let handler: (@Sendable (Double) -> Void)?
    private var last = -1.0

    init(_ handler: (@Sendable (Double) -> Void)?) { self.handler = handler }

    mutating func report(_ fraction: Double) {
        guard let handler, fraction - last >= 0.01 || fraction >= 1 && last < 1 else { return }
        last = fraction
        handler(fraction)
    }
}

extension LedgerSheet {
    /// Up to `count` rows from the top (blank ones left out).
    func firstRows(_ count: Int) -> [LedgerRow] {
        struct Enough: Error {}
        var rows: [LedgerRow] = []
        try? forEachRow { row, _ in
            rows.append(row)
            if rows.count == count { throw Enough() }
        }
        return rows
    }
}
