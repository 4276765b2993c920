import Foundation
public import YizhanKernel

/// Imports a station's donation ledger (捐赠台账) — a 99公益日 export, a foundation's grants — in one
/// transaction with one `ledger.imported`: each row a gift of money or valued goods, by donor kind.
/// Rows are keyed by their content (with the 流水号 when the ledger has one), so a second import
/// writes nothing and a repeated row is refused. A person's name is never kept for a gift.
///
/// A row that names a stored gift by its 登记编号 (as `yizhan export donations` writes it) is that
/// gift: left alone when it reads the same, reported as a difference when it was edited since, and
/// with `applyCorrections` corrected from the row — a new version with its `donation.corrected`
/// event, in the import's one transaction. A gift to a charity fund is corrected one at a time by
/// `yizhan donation correct`, which checks the fund's balance.
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
        let stored = try await storedGifts(named: sheet, columns: columns)
        let (_, result) = try await store.importLedger(checking: ContextRequest(station: station.id)) {
            context,
            sink -> ([DomainEvent], LedgerImportReport) in
            guard let context else { throw LedgerImportError(file: sheet.file, reason: .unknownStation(stationText)) }
            var report = report
            var firstRowOfKey: [LedgerRowKey: Int] = [:]
            var firstRowOfGift: [DonationID: Int] = [:]
            var corrections: [DomainEvent] = []
            var throttle = ProgressThrottle(progress)
            try sheet.forEachRow { row, fraction in
                throttle.report(fraction)
                guard row.number > lastHeader,
                    LedgerImportSupport.isRecordRow(row, columns: columns, report: &report)
                else { return }
                report.dataRows += 1
                var issues = RowIssues(row: row.number, columns: columns)
                // The gift the row describes, checked as `donation add` checks one.
                func read(_ issues: inout RowIssues) -> Donation? {
                    Self.donation(
                        from: row,
                        columns: columns,
                        station: context.station.id,
                        today: today,
                        issues: &issues
                    )
                }
                if let column = columns.columnOfField["donation"], !row[column].isEmpty {
                    // A row of an exported ledger that names its stored gift is that gift.
                    guard let id = try? DonationID(row[column]), let found = stored[id],
                        found.entry.station == context.station.id
                    else {
                        issues.refuse(
                            "donation",
                            row[column],
                            LocalizedText(
                                "本站已登记的捐赠的登记编号(由 yizhan export donations 写出);新增的行请将登记编号留空",
                                en:
                                    "the id of a gift of this station (as yizhan export donations writes it); leave it empty on new rows"
                            )
                        )
                        report.rejections += issues.sorted
                        return
                    }
                    if let earlier = firstRowOfGift[id] {
                        issues.refuse(
                            "donation",
                            row[column],
                            LocalizedText(
                                "与第 \(earlier) 行是同一笔捐赠;一笔捐赠只写一行",
                                en: "names the same gift as row \(earlier); one row a gift"
                            )
                        )
                        report.rejections += issues.sorted
                        return
                    }
                    firstRowOfGift[id] = row.number
                    guard let read = read(&issues) else {
                        report.rejections += issues.sorted
                        return
                    }
                    guard !found.isVoided,
                        let revision = Self.revision(of: found, to: read, row.number, sheet, options, instant)
                    else {
                        report.alreadyImported += 1
                        return
                    }
                    report.differences.append(
                        LedgerDifference(row: row.number, record: id.rawValue, changed: revision.changedFields)
                    )
                    guard options.applyCorrections else { return }
                    if let fund = found.entry.charityFund {
                        issues.refuse(
                            "donation",
                            row[column],
                            LocalizedText(
                                "这笔捐赠捐入了社区慈善基金 \(fund.rawValue),请用 yizhan donation correct 逐笔更正(核对基金余额)",
                                en:
                                    "this gift went to charity fund \(fund.rawValue); correct it with yizhan donation correct, which checks the fund's balance"
                            )
                        )
                        report.rejections += issues.sorted
                        return
                    }
                    guard report.rejections.isEmpty || options.skipInvalid else { return }
                    try sink.write(.donationRevision(revision))
                    report.corrected += 1
                    corrections.append(
                        DomainEvent(
                            DonationCorrected(revision),
                            orgUnit: context.station.orgUnit,
                            station: context.station.id,
                            actor: options.actor,
                            at: instant
                        )
                    )
                    return
                }
                guard let donation = read(&issues) else {
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
                if try sink.insert(donation) {
                    report.accepted += 1
                    if options.dryRun, report.preview.count < 5 {
                        report.preview.append(.donation(donation, row: row.number))
                    }
                    try sink.record(.donationReceived(donation, at: context.station, actor: options.actor, at: instant))
                } else {
                    report.alreadyImported += 1
                }
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
            return (corrections + (event.map { [$0] } ?? []), report)
        }
        return result
    }

    /// The stored gifts the 登记编号 column names, read before the transaction; the revision
    /// written inside it applies only to the version read here.
    private func storedGifts(
        named sheet: LedgerSheet,
        columns: LedgerColumns
    ) async throws -> [DonationID: StoredEntry<Donation>] {
        guard let column = columns.columnOfField["donation"] else { return [:] }
        var ids: Set<DonationID> = []
        let lastHeader = columns.headerRows.max() ?? 0
        sheet.forEachRow { row, _ in
            if row.number > lastHeader, let id = try? DonationID(row[column]) { ids.insert(id) }
        }
        var stored: [DonationID: StoredEntry<Donation>] = [:]
        for id in ids { stored[id] = try await store.donation(id) }
        return stored
    }

    /// The correction that makes `found` read as the row does, or `nil` when they agree.
    static func revision(
        of found: StoredEntry<Donation>,
        to read: Donation,
        _ row: Int,
        _ sheet: LedgerSheet,
        _ options: LedgerImportOptions,
        _ instant: Date
    ) -> EntryRevision<Donation>? {
        var current = read
        current.id = found.entry.id
        current.station = found.entry.station
        current.ledgerKey = found.entry.ledgerKey
        current.charityFund = found.entry.charityFund
        let revision = EntryRevision(
            version: found.version + 1,
            change: .corrected,
            previous: found.entry,
            current: current,
            reason: "台账再导入更正:文件 \(sheet.digest.prefix(8)) 第 \(row) 行",
            revisedAt: instant,
            actor: options.actor
        )
        return revision.changedFields.isEmpty ? nil : revision
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
