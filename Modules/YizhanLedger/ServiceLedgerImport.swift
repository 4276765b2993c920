import Foundation
public import YizhanKernel

/// Imports a station's service ledger (服务台账): each row becomes a service record, checked exactly
/// as `yizhan record add` checks one (`RecordService.check`) and written with its `service.recorded`
/// event as one recorded by hand, all rows and a closing `ledger.imported` in one transaction.
///
/// - Names are resolved within the station: a village by its name or code, workers by name or id
///   (a worker named otherwise, 王社工, is kept on the record as written and warned of; `strict`
///   refuses the row instead),
///   a program and sub-project by name or id, named clients by client id or ID number.
/// - A row's identity is its content (date, kind, minutes, village, workers, participants, program,
///   sub-project and remark): a row imported before is not written again, and a row that repeats an
///   earlier row of the same file is refused as a duplicate. Two real sessions that would read the
///   same are told apart in the remark column.
/// - A row with a record id (`记录编号`, written by `yizhan export services`) is that stored record, so
///   an exported ledger can be imported again; new rows leave it empty. A row that reads otherwise
///   than its record (edited after the export) is reported as a difference, never passed over, and
///   with `applyCorrections` corrects the record: a new version with its `service.corrected` event.
/// - By default one refused row refuses the file and nothing is written; with `skipInvalid` the good
///   rows are written. Either way the report lists every refused cell.
public struct ServiceLedgerImport: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let vocabulary: LedgerVocabulary
    let plugins: PluginRegistry
    let clock: WorkClock

    /// Creates the import over `store`; `vault` digests ID numbers named in the clients column, and
    /// the record fields of the `plugins` serving the station are read from columns headed by their
    /// names (`LedgerVocabulary.adding(plugins:for:)`).
    public init(
        store: any StationStore,
        vault: any PersonalDataVault,
        vocabulary: LedgerVocabulary,
        plugins: PluginRegistry = PluginRegistry(),
        clock: WorkClock = .system
    ) {
        self.store = store
        self.vault = vault
        self.vocabulary = vocabulary
        self.plugins = plugins
        self.clock = clock
    }

    /// Imports `sheet` as the service ledger of `station`.
    ///
    /// - Parameter progress: called with the share of the file read, at most once a percent.
    /// - Returns: the report; `written` says whether anything was written.
    /// - Throws: `LedgerImportError` for an unknown station, missing columns, or refused rows in an
    ///   all-or-nothing import (its report inside); `StoreError` when the store fails.
    public func run(
        _ sheet: LedgerSheet,
        station stationText: String,
        options: LedgerImportOptions = LedgerImportOptions(),
        progress: (@Sendable (Double) -> Void)? = nil
    ) async throws -> LedgerImportReport {
        let station = try await LedgerImportSupport.station(stationText, in: store, file: sheet.file)
        let vocabulary = self.vocabulary.adding(plugins: plugins, for: station)
        let columns = try LedgerImportSupport.columns(
            of: sheet,
            vocabulary: vocabulary,
            required: [["date"], ["kind"], ["duration"], ["clients", "headCount"]]
        )
        let instant = clock.now()
        let today = clock.day(at: instant)
        let villages = try await store.orgUnits(within: station.orgUnit).filter { $0.level == .village }
        let named = namedClients(in: sheet, columns: columns, today: today)
        let request = ContextRequest(
            station: station.id,
            clients: named.ids,
            villages: villages.map(\.code),
            idNumberDigests: Array(named.digests.values)
        )
        var resolver = ServiceRowResolver(
            vocabulary: vocabulary,
            columns: columns,
            villages: villages,
            digests: named.digests,
            today: today,
            pluginFields: plugins.fields(for: station)
        )
        resolver.strictWorkers = options.strict
        if options.noRegister {
            resolver.unregistered = LocalizedText(
                "本站已登记的服务对象(--no-register 不登记新的人;去掉它即按台账的姓名与身份证号登记)",
                en:
                    "a client registered at this station (--no-register registers nobody; without it the row's name and ID number register them)"
            )
        } else if columns.columnOfField["clientName"] == nil {
            resolver.unregistered = LocalizedText(
                "本站已登记的服务对象(先用 yizhan import clients 导入花名册,或在台账中加“服务对象姓名”列,导入时即登记)",
                en:
                    "a client registered at this station (import the client ledger first, or add a 服务对象姓名 column to register them on import)"
            )
        }
        let rowResolver = resolver
        let report = LedgerImportSupport.report(for: sheet, columns: columns, vocabulary: vocabulary)
        let stored = try await storedRecords(named: sheet, columns: columns)
        let registrar = ServicePersonRegistrar(
            columns: columns,
            vocabulary: vocabulary,
            villages: villages,
            digests: named.digests,
            today: today,
            statedConsent: options.statedConsent,
            registers: !options.noRegister
        )
        let statedConsent = try LedgerImportSupport.statedConsent(options, today: today)
        let vault = self.vault
        let (_, result) = try await store.importLedger(checking: request) {
            context,
            sink -> ([DomainEvent], LedgerImportReport) in
            guard var context else { throw LedgerImportError(file: sheet.file, reason: .unknownStation(stationText)) }
            // Clients named by ID number are checked like those named by id.
            context.clients += context.sameIDNumber.filter { $0.station == context.station.id }
            var report = report
            var firstRowOfKey: [LedgerRowKey: Int] = [:]
            var corrections: [DomainEvent] = []
            var openedNames: [ClientID: String?] = [:]
            var throttle = ProgressThrottle(progress)
            let lastHeader = columns.headerRows.max() ?? 0
            try sheet.forEachRow { row, fraction in
                throttle.report(fraction)
                guard row.number > lastHeader,
                    LedgerImportSupport.isRecordRow(
                        row,
                        columns: columns,
                        report: &report,
                        personTimesField: "headCount"
                    )
                else { return }
                report.dataRows += 1
                if let column = columns.columnOfField["record"], !row[column].isEmpty {
                    // A row of an exported ledger that names its stored record is that record.
                    if let id = try? ServiceRecordID(row[column]), let found = stored[id], try sink.recordExists(id) {
                        let (read, issues) = rowResolver.record(from: row, context: context)
                        guard let read, issues.isEmpty else {
                            report.rejections += issues.sorted
                            return
                        }
                        report.totals.readPersonTimes += read.personTimes
                        let revision = Self.revision(
                            of: found,
                            to: read,
                            row: row.number,
                            sheet: sheet,
                            options,
                            instant
                        )
                        guard let revision, !found.isVoided else {
                            report.alreadyImported += 1
                            return
                        }
                        report.differences.append(
                            LedgerDifference(row: row.number, record: id.rawValue, changed: revision.changedFields)
                        )
                        guard options.applyCorrections, report.rejections.isEmpty || options.skipInvalid else { return }
                        try sink.write(.serviceRevision(revision))
                        report.corrected += 1
                        corrections.append(
                            DomainEvent(
                                ServiceCorrected(revision),
                                orgUnit: context.station.orgUnit,
                                station: context.station.id,
                                actor: options.actor,
                                at: instant
                            )
                        )
                    } else {
                        var issues = RowIssues(row: row.number, columns: columns)
                        issues.refuse(
                            "record",
                            row[column],
                            LocalizedText(
                                "本站已有记录的编号(由 yizhan export 写出);新增的行请将记录编号留空",
                                en:
                                    "the id of a record of this station (as yizhan export writes it); leave it empty on new rows"
                            )
                        )
                        report.rejections += issues.sorted
                    }
                    return
                }
                // A person named by name and ID number and not registered yet is registered with the
                // row's record; the record is checked as if they were (and dropped with it if refused).
                var rowContext = context
                var newPerson: (Client, PersonalData)?
                switch try registrar.outcome(
                    of: row,
                    context: context,
                    openName: { client in
                        if let known = openedNames[client.id] { return known }
                        let name = try vault.open(client)?.name
                        openedNames[client.id] = name
                        return name
                    }
                ) {
                case .none:
                    break
                case .refused(let issues):
                    report.rejections += issues.sorted
                    return
                case .unregistered(var client, let personal):
                    // Sealed now, so that the record's check finds them by their ID number's digest.
                    client.personal = try vault.seal(personal, for: .client(client.id))
                    rowContext.clients.append(client)
                    rowContext.sameIDNumber.append(client)
                    newPerson = (client, personal)
                }
                var (record, issues) = rowResolver.record(from: row, context: rowContext)
                if var found = record, issues.isEmpty {
                    if let earlier = firstRowOfKey[found.ledgerKey ?? LedgerRowKey(rawValue: 0)] {
                        issues.refuse(
                            nil,
                            "",
                            LocalizedText(
                                "与第 \(earlier) 行内容完全相同,视为重复录入;如确是两次服务,请在备注中写明区别",
                                en:
                                    "repeats row \(earlier) exactly, taken for a duplicate; if these were two services, tell them apart in the remark"
                            )
                        )
                    } else if let key = found.ledgerKey {
                        firstRowOfKey[key] = row.number
                        found.station = context.station.id
                        record = found
                    }
                }
                guard issues.isEmpty, let record else {
                    report.rejections += issues.sorted
                    return
                }
                report.totals.readPersonTimes += record.personTimes
                if let (client, _) = newPerson {
                    // Later rows of the same person find them registered.
                    context.clients.append(client)
                    context.sameIDNumber.append(client)
                }
                guard report.rejections.isEmpty || options.skipInvalid else { return }
                if let (client, personal) = newPerson {
                    let change = ClientRowResolver.registering(
                        client,
                        sealed: try client.personal ?? vault.seal(personal, for: .client(client.id)),
                        at: context.station,
                        by: options.actor,
                        at: instant
                    )
                    for write in change.writes { try sink.write(write) }
                    for event in change.events { try sink.record(event) }
                    report.registered += 1
                    if options.dryRun, report.registeredPreview.count < 5 {
                        report.registeredPreview.append(
                            LedgerPreviewRow(
                                row: row.number,
                                zhHans: "登记新服务对象 \(personal.maskedName)(\(personal.idNumber?.masked ?? ""))",
                                en: "registers a new client \(personal.maskedName) (\(personal.idNumber?.masked ?? ""))"
                            )
                        )
                    }
                }
                if try sink.insert(record) {
                    report.accepted += 1
                    report.noteWorkerNames(of: record, row: row.number)
                    if options.dryRun, report.preview.count < 5 {
                        report.preview.append(.service(record, row: row.number))
                    }
                    try sink.record(.serviceRecorded(record, at: context.station, actor: options.actor, at: instant))
                } else {
                    report.alreadyImported += 1
                }
            }
            throttle.report(1)
            if !report.workerNames.isEmpty { report.stationWorkers = ServiceRowResolver.roster(context) }
            let event = try LedgerImportSupport.finish(
                &report,
                ledger: "services",
                sheet: sheet,
                station: context.station,
                options: options,
                statedConsent: report.registered > 0 ? statedConsent : nil,
                at: instant
            )
            return (corrections + (event.map { [$0] } ?? []), report)
        }
        return result
    }

    /// The stored records the record column names, read before the transaction.
    private func storedRecords(
        named sheet: LedgerSheet,
        columns: LedgerColumns
    ) async throws -> [ServiceRecordID: StoredServiceRecord] {
        guard let column = columns.columnOfField["record"] else { return [:] }
        var ids: [ServiceRecordID] = []
        let lastHeader = columns.headerRows.max() ?? 0
        sheet.forEachRow { row, _ in
            if row.number > lastHeader, let id = try? ServiceRecordID(row[column]) { ids.append(id) }
        }
        var stored: [ServiceRecordID: StoredServiceRecord] = [:]
        for id in ids { stored[id] = try await store.serviceRecord(id) }
        return stored
    }

    /// The correction that makes `found` read as the row does, or `nil` when they agree. The
    /// sub-project's version stays when the row names the same one.
    static func revision(
        of found: StoredServiceRecord,
        to read: ServiceRecord,
        row: Int,
        sheet: LedgerSheet,
        _ options: LedgerImportOptions,
        _ instant: Date
    ) -> ServiceRevision? {
        var current = read
        current.id = found.record.id
        current.station = found.record.station
        current.ledgerKey = found.record.ledgerKey
        current.group = found.record.group
        if current.program == found.record.program, current.subProject == found.record.subProject {
            current.programVersion = found.record.programVersion
        }
        let revision = ServiceRevision(
            record: found.record.id,
            version: found.version + 1,
            change: .corrected,
            previous: found.record,
            current: current.normalized,
            reason: "台账再导入更正:文件 \(sheet.digest.prefix(8)) 第 \(row) 行",
            revisedAt: instant,
            actor: options.actor
        )
        return revision.changedFields.isEmpty ? nil : revision
    }

    /// The client ids and the digests of the ID numbers the clients column names, read before the
    /// transaction so that the context holds those clients.
    private func namedClients(
        in sheet: LedgerSheet,
        columns: LedgerColumns,
        today: CivilDate
    ) -> (ids: [ClientID], digests: [String: String]) {
        guard let column = columns.columnOfField["clients"] else { return ([], [:]) }
        var ids: Set<ClientID> = []
        var digests: [String: String] = [:]
        let lastHeader = columns.headerRows.max() ?? 0
        sheet.forEachRow { row, _ in
            guard row.number > lastHeader else { return }
            for token in LedgerImportSupport.list(row[column]) {
                if let number = try? IDNumber(token, today: today) {
                    digests[token] = vault.digest(of: number)
                } else if let id = try? ClientID(token) {
                    ids.insert(id)
                }
            }
        }
        return (ids.sorted { $0.rawValue < $1.rawValue }, digests)
    }
}
