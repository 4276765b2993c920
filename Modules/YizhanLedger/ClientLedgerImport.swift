public import Foundation
public import YizhanKernel

/// Imports a station's client ledger (服务对象花名册): each row is checked as `yizhan client add`
/// checks a client (`RegisterClient.check`), sealed with the workspace key, and written with its
/// `client.registered`; then one `ledger.imported` — all in one transaction.
///
/// A person is found by the keyed digest of their ID number, never by decrypting: a row whose person
/// the station has registered already is left as it is (importing the file again writes nothing),
/// a person registered at another station is refused, and a second row for one person in the same
/// file is refused as a duplicate. An ID number is therefore required in a client ledger.
public struct ClientLedgerImport: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let vocabulary: LedgerVocabulary
    let now: @Sendable () -> Date

    /// Creates the import over `store`; `vault` seals each person's data and digests ID numbers.
    public init(
        store: any StationStore,
        vault: any PersonalDataVault,
        vocabulary: LedgerVocabulary,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.vault = vault
        self.vocabulary = vocabulary
        self.now = now
    }

    /// Imports `sheet` as the client ledger of `station`.
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
            required: [["name"], ["idNumber"], ["village"]]
        )
        let instant = now()
        let today = CivilDate(shanghaiDayOf: instant.timeIntervalSince1970)
        let villages = try await store.orgUnits(within: station.orgUnit).filter { $0.level == .village }
        let lastHeader = columns.headerRows.max() ?? 0
        let digests = idNumberDigests(in: sheet, columns: columns, today: today)
        let request = ContextRequest(
            station: station.id,
            villages: villages.map(\.code),
            idNumberDigests: Array(Set(digests.values))
        )
        let report = LedgerImportSupport.report(for: sheet, columns: columns, vocabulary: vocabulary)
        let resolver = ClientRowResolver(
            vocabulary: vocabulary,
            columns: columns,
            villages: villages,
            digests: digests,
            today: today
        )
        let vault = self.vault
        let (_, result) = try await store.importLedger(checking: request) {
            context,
            sink -> ([DomainEvent], LedgerImportReport) in
            guard let context else { throw LedgerImportError(file: sheet.file, reason: .unknownStation(stationText)) }
            var report = report
            var events: [DomainEvent] = []
            var firstRowOfDigest: [String: Int] = [:]
            var throttle = ProgressThrottle(progress)
            try sheet.forEachRow { row, fraction in
                throttle.report(fraction)
                guard row.number > lastHeader else { return }
                report.dataRows += 1
                switch resolver.client(from: row, context: context, firstRowOfDigest: &firstRowOfDigest) {
                case .registeredBefore:
                    report.alreadyImported += 1
                case .refused(let issues):
                    report.rejections += issues.sorted
                case .new(let client, let personal):
                    guard report.rejections.isEmpty || options.skipInvalid else { return }
                    var sealed = client
                    sealed.personal = try vault.seal(personal)
                    var change = ChangeSet()
                    change.register(sealed, at: context.station, by: options.actor, at: instant)
                    for write in change.writes { try sink.write(write) }
                    events += change.events
                    report.accepted += 1
                }
            }
            throttle.report(1)
            if !report.rejections.isEmpty, !options.skipInvalid {
                report.accepted = 0
                report.alreadyImported = 0
                report.refused = true
                throw LedgerImportError(file: sheet.file, reason: .refused(report))
            }
            report.written = report.accepted > 0
            guard report.written else { return ([], report) }
            events.append(
                DomainEvent(
                    LedgerImported(
                        ledger: "clients",
                        station: context.station.id,
                        accepted: report.accepted,
                        alreadyImported: report.alreadyImported,
                        rejected: report.rejectedRows,
                        fileDigest: sheet.digest
                    ),
                    orgUnit: context.station.orgUnit,
                    station: context.station.id,
                    actor: options.actor,
                    at: instant
                )
            )
            return (events, report)
        }
        return result
    }

    /// The valid ID numbers of the file with their keyed digests, read before the transaction so
    /// that the context holds the people registered with them.
    private func idNumberDigests(in sheet: LedgerSheet, columns: LedgerColumns, today: CivilDate) -> [String: String] {
        guard let column = columns.columnOfField["idNumber"] else { return [:] }
        let lastHeader = columns.headerRows.max() ?? 0
        var digests: [String: String] = [:]
        sheet.forEachRow { row, _ in
            guard row.number > lastHeader, let number = try? IDNumber(row[column], today: today) else { return }
            digests[number.rawValue] = vault.digest(of: number)
        }
        return digests
    }
}
