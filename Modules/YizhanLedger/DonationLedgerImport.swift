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
        let matchingText = cell("matching")
        let matching = ["是", "yes", "1", "配捐", "true"].contains(matchingText.lowercased())
        if !matchingText.isEmpty, !matching, !["否", "no", "0", "false"].contains(matchingText.lowercased()) {
            issues.refuse("matching", matchingText, LocalizedText("是或否", en: "yes or no"))
        }
        // The kernel's one check of a gift, as `yizhan donation add` runs it.
        let request = DonationRequest(
            date: cell("date"),
            amount: cell("amount"),
            donorKind: cell("donorKind"),
            donor: cell("donor"),
            kind: cell("kind"),
            goods: cell("goods"),
            purpose: cell("purpose"),
            channel: cell("channel"),
            isMatching: matching
        )
        let checked: Donation
        do {
            checked = try ReceiveDonation.check(request, station: station, today: today)
        } catch {
            for issue in error.issues {
                let field = issue.field == "donor-kind" ? "donorKind" : issue.field
                issues.refuse(
                    field,
                    issue.field == "amount" || issue.field == "date" ? cell(field) : issue.found,
                    issue.expected
                )
            }
            return nil
        }
        guard issues.isEmpty else { return nil }
        var donation = checked
        let canonical = [
            "donations/1", station.rawValue, donation.receivedOn.description, donation.donorKind.rawValue,
            donation.donorKind == .individual || cell("donor").isEmpty ? "" : cell("donor"), donation.kind.rawValue,
            String(donation.amount.value), cell("goods"),
            cell("purpose"), cell("channel"), String(matching), cell("reference"), cell("note"),
        ].joined(separator: "\u{1F}")
        donation.ledgerKey = LedgerImportSupport.key(canonical)
        return donation
    }
}
