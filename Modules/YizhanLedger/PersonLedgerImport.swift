import Foundation
import YizhanKernel

/// What a ledger of people (clients, volunteers) needs beyond what they share: its fields, how a
/// row becomes a person, and the change that registers one.
protocol PersonRowResolver: Sendable {
    /// The person a row describes.
    associatedtype Person: Sendable
    /// The ledger's columns.
    var columns: LedgerColumns { get }
    /// The villages of the station's township.
    var villages: [OrgUnit] { get }
    /// `clients` or `volunteers`, as `ledger.imported` names the ledger.
    static var ledger: String { get }
    /// The fields a ledger must have (each entry: fields of which one must be there).
    static var requiredFields: [[String]] { get }
    /// A resolver for one file.
    init(
        vocabulary: LedgerVocabulary,
        columns: LedgerColumns,
        villages: [OrgUnit],
        digests: [String: String],
        today: CivilDate,
        statedConsent: StatedConsent?
    )
    /// What `row` comes to; `firstRowOfDigest` remembers the row each person was first seen on.
    func resolve(
        _ row: LedgerRow,
        context: StationContext,
        firstRowOfDigest: inout [String: Int]
    ) -> PersonRowOutcome<Person>
    /// Whose data `person`'s is, to seal it bound to them.
    static func owner(of person: Person) -> PersonalDataOwner
    /// The change registering `person` with their sealed data, with its event.
    static func registering(
        _ person: Person,
        sealed: SealedPersonalData,
        at station: Station,
        by actor: Actor,
        at instant: Date
    )
        -> ChangeSet
}

extension PersonRowResolver {
    /// A village's code from its 12-digit code or its name (`东港村`, or `东港` for it); text that is
    /// neither comes back unchanged, for the person check to refuse.
    func roster(village text: String) -> String {
        guard !text.isEmpty, text.count != 12 else { return text }
        let found = villages.first { $0.name == text } ?? villages.first { $0.name.hasPrefix(text) }
        return found?.code.rawValue ?? text
    }
}

/// What a row of a ledger of people comes to.
enum PersonRowOutcome<Person> {
    /// The station registered this person before; nothing to write.
    case registeredBefore
    /// A new person and their data, to be sealed.
    case new(Person, PersonalData)
    /// The row's refused cells.
    case refused(RowIssues)
}

/// Imports a ledger of people: each row checked, sealed with the workspace key and registered with
/// its event, then one `ledger.imported` — all in one transaction. A person is found by the keyed
/// digest of their ID number, never by decrypting, so an ID number is required.
struct PersonLedgerImport<Resolver: PersonRowResolver>: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let vocabulary: LedgerVocabulary
    let clock: WorkClock

    func run(
        _ sheet: LedgerSheet,
        station stationText: String,
        options: LedgerImportOptions,
        progress: (@Sendable (Double) -> Void)?
    ) async throws -> LedgerImportReport {
        let station = try await LedgerImportSupport.station(stationText, in: store, file: sheet.file)
        let columns = try LedgerImportSupport.columns(
            of: sheet,
            vocabulary: vocabulary,
            required: Resolver.requiredFields
        )
        let instant = clock.now()
        let today = clock.day(at: instant)
        let villages = try await store.orgUnits(within: station.orgUnit).filter { $0.level == .village }
        let lastHeader = columns.headerRows.max() ?? 0
        let digests = idNumberDigests(in: sheet, columns: columns, today: today)
        let request = ContextRequest(
            station: station.id,
            villages: villages.map(\.code),
            idNumberDigests: Array(Set(digests.values))
        )
        let report = LedgerImportSupport.report(for: sheet, columns: columns, vocabulary: vocabulary)
        let resolver = Resolver(
            vocabulary: vocabulary,
            columns: columns,
            villages: villages,
            digests: digests,
            today: today,
            statedConsent: options.statedConsent
        )
        let statedConsent = try LedgerImportSupport.statedConsent(options, today: today)
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
                guard row.number > lastHeader,
                    LedgerImportSupport.isRecordRow(row, columns: columns, report: &report)
                else { return }
                report.dataRows += 1
                switch resolver.resolve(row, context: context, firstRowOfDigest: &firstRowOfDigest) {
                case .registeredBefore:
                    report.alreadyImported += 1
                case .refused(let issues):
                    report.rejections += issues.sorted
                case .new(let person, let personal):
                    guard report.rejections.isEmpty || options.skipInvalid else { return }
                    let change = Resolver.registering(
                        person,
                        sealed: try vault.seal(personal, for: Resolver.owner(of: person)),
                        at: context.station,
                        by: options.actor,
                        at: instant
                    )
                    for write in change.writes { try sink.write(write) }
                    events += change.events
                    report.accepted += 1
                }
            }
            throttle.report(1)
            let imported = try LedgerImportSupport.finish(
                &report,
                ledger: Resolver.ledger,
                sheet: sheet,
                station: context.station,
                options: options,
                statedConsent: statedConsent,
                at: instant
            )
            guard let imported else { return ([], report) }
            return (events + [imported], report)
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
