import Foundation
public import YizhanKernel

/// Imports a station's donation ledger (捐赠台账) — a 99公益日 export, a foundation's grants — in one
/// transaction with one `ledger.imported`: each row a gift of money or valued goods, by donor kind.
/// Rows are keyed by their content (with the 流水号 when the ledger has one), so a second import
/// writes nothing and a repeated row is refused. A person's name is never kept for a gift.
public struct DonationLedgerImport: Sendable {
    let store: any StationStore
    let vocabulary: LedgerVocabulary
    let clock: WorkClock

    /// Creates the import over `store` with the donation part of the header dictionary.
    public init(store: any StationStore, vocabulary: LedgerVocabulary, clock: WorkClock = .system) {
        self.store = store
        self.vocabulary = vocabulary
        self.clock = clock
    }

    /// Imports `sheet` as the donation ledger of `station`.
    ///
    /// - Throws: as `ServiceLedgerImport.run`.
    public func run(
        _ sheet: LedgerSheet,
        station stationText: String,
        options: LedgerImportOptions = LedgerImportOptions(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> LedgerImportReport {
        let station = try await LedgerImportSupport.station(stationText, in: store, file: sheet.file)
        let columns = try LedgerImportSupport.columns(
            of: sheet,
            vocabulary: vocabulary,
            required: [["date"], ["amount"]]
        )
        let instant = clock.now()
        let today = clock.day(at: instant)
        let lastHeader = columns.headerRows.max() ?? 0
        let report = LedgerImportSupport.report(for: sheet, columns: columns, vocabulary: vocabulary)
        let (_, result) = try await store.importLedger(checking: ContextRequest(station: station.id)) {
            context,
            sink -> ([DomainEvent], LedgerImportReport) in
            guard let context else { throw LedgerImportError(file: sheet.file, reason: .unknownStation(stationText)) }
            var report = report
            var firstRowOfKey: [LedgerRowKey: Int] = [:]
            var throttle = ProgressThrottle(progress)
            try sheet.forEachRow { row, fraction in
                throttle.report(fraction)
                guard row.number > lastHeader else { return }
                report.dataRows += 1
                var issues = RowIssues(row: row.number, columns: columns)
                guard
                    let donation = Self.donation(
                        from: row,
                        columns: columns,
                        station: context.station.id,
                        today: today,
                        issues: &issues
                    )
                else {
                    report.rejections += issues.sorted
                    return
                }
                if let key = donation.ledgerKey, let earlier = firstRowOfKey[key] {
                    issues.refuse(
                        nil,
                        "",
                        LocalizedText(
                            "与第 \(earlier) 行内容完全相同,视为重复录入;如确是两笔捐赠,请填写流水号",
                            en:
                                "repeats row \(earlier) exactly, taken for a duplicate; give each gift its reference number"
                        )
                    )
                    report.rejections += issues.sorted
                    return
                }
                if let key = donation.ledgerKey { firstRowOfKey[key] = row.number }
                guard report.rejections.isEmpty || options.skipInvalid else { return }
                if try sink.insert(donation) { report.accepted += 1 } else { report.alreadyImported += 1 }
            }
            throttle.report(1)
            let event = try LedgerImportSupport.finish(
                &report,
                ledger: "donations",
                sheet: sheet,
                station: context.station,
                options: options,
                at: instant
            )
            return (event.map { [$0] } ?? [], report)
        }
        return result
    }

    /// The gift `row` describes, or `nil` with its refused cells in `issues`.
    static func donation(
        from row: LedgerRow,
        columns: LedgerColumns,
        station: StationID,
        today: CivilDate,
        issues: inout RowIssues
    ) -> Donation? {
        func cell(_ field: String) -> String { columns.cell(field, of: row) }
        var date: CivilDate?
        do {
            let day = try CivilDate(ledgerText: cell("date"))
            if day > today {
                issues.refuse(
                    "date",
                    cell("date"),
                    LocalizedText("不晚于今天(\(today))的日期", en: "a date no later than today (\(today))")
                )
            } else {
                date = day
            }
        } catch {
            issues.refuse(
                "date",
                cell("date"),
                LocalizedText(error.expectation(in: .zhHans), en: error.expectation(in: .en))
            )
        }
        let amount = try? Fen(parsing: cell("amount"))
        if amount == nil || (amount?.value ?? 0) <= 0 {
            issues.refuse(
                "amount",
                cell("amount"),
                LocalizedText("大于 0 的金额(元,最多两位小数)", en: "an amount above 0 in yuan")
            )
        }
        let donorKind = cell("donorKind").isEmpty ? DonorKind.individual : DonorKind.matching(cell("donorKind"))
        if donorKind == nil {
            issues.refuse(
                "donorKind",
                cell("donorKind"),
                LocalizedText("基金会、企业、个人、基金之一", en: "foundation, enterprise, individual or fund")
            )
        }
        let kind = cell("kind").isEmpty ? DonationKind.money : DonationKind.matching(cell("kind"))
        if kind == nil {
            issues.refuse("kind", cell("kind"), LocalizedText("资金或物资", en: "money or goods"))
        }
        let matchingText = cell("matching")
        let matching = ["是", "yes", "1", "配捐", "true"].contains(matchingText.lowercased())
        if !matchingText.isEmpty, !matching, !["否", "no", "0", "false"].contains(matchingText.lowercased()) {
            issues.refuse("matching", matchingText, LocalizedText("是或否", en: "yes or no"))
        }
        guard issues.isEmpty, let date, let amount, let donorKind, let kind else { return nil }
        // A person's name is not kept: only organisations are named.
        let name = donorKind == .individual || cell("donor").isEmpty ? nil : cell("donor")
        let canonical = [
            "donations/1", station.rawValue, date.description, donorKind.rawValue, name ?? "", kind.rawValue,
            String(amount.value), cell("goods"), cell("purpose"), cell("channel"), String(matching), cell("reference"),
            cell("note"),
        ].joined(separator: "\u{1F}")
        return Donation(
            id: .generate(),
            station: station,
            donorKind: donorKind,
            donorName: name,
            kind: kind,
            amount: amount,
            goods: cell("goods").isEmpty ? nil : cell("goods"),
            receivedOn: date,
            purpose: cell("purpose").isEmpty ? nil : cell("purpose"),
            channel: cell("channel").isEmpty ? nil : cell("channel"),
            isMatching: matching,
            ledgerKey: LedgerImportSupport.key(canonical)
        )
    }

    /// The gift one set of named `fields` describes (as `yizhan donation add` gives them), checked as
    /// an imported row is.
    ///
    /// - Throws: `InputError` naming every refused field.
    public static func checkedDonation(
        fields: [String],
        values: [String],
        station: StationID,
        today: CivilDate
    ) throws -> Donation {
        let columns = LedgerColumns(
            columnOfField: Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($0.element, $0.offset) }),
            headings: Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($0.offset, $0.element) }),
            headerRows: [],
            ignoredHeadings: []
        )
        var issues = RowIssues(row: 1, columns: columns)
        guard
            var donation = donation(
                from: LedgerRow(number: 1, cells: values),
                columns: columns,
                station: station,
                today: today,
                issues: &issues
            )
        else {
            throw InputError(
                issues: issues.sorted.map { rejection in
                    InputIssue(
                        code: .invalidFormat,
                        field: rejection.heading,
                        found: rejection.value,
                        expected: rejection.reason
                    )
                }
            )
        }
        donation.ledgerKey = nil  // typed in, not imported: two equal gifts are two gifts
        return donation
    }
}
