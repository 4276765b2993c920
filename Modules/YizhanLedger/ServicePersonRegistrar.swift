import Foundation
import YizhanKernel

/// The people a service ledger names by name and ID number (服务对象姓名 beside 身份证号) as a
/// station's own sheet does: a person not registered yet is registered from the row, with
/// consent from the row's columns or stated for the file, exactly as `client add` registers one;
/// a person registered before must bear the name the row gives (issue 22.1).
struct ServicePersonRegistrar: Sendable {
    /// The service ledger's columns.
    let columns: LedgerColumns
    /// The client check over the service ledger's columns (name, ID number, village, consent).
    let people: ClientRowResolver
    /// ID numbers of the clients column → their keyed digests.
    let digests: [String: String]
    let today: CivilDate
    /// Whether rows may register people (`--no-register` refuses them instead).
    let registers: Bool

    /// What a row's person comes to.
    enum Outcome {
        /// Nothing to do: the row names its clients otherwise, or names people registered before.
        case none
        /// A person to register with the row's record.
        case unregistered(Client, PersonalData)
        /// The row is refused: no consent, no village, a name unlike the registered person's.
        case refused(RowIssues)
    }

    init(
        columns: LedgerColumns,
        vocabulary: LedgerVocabulary,
        villages: [OrgUnit],
        digests: [String: String],
        today: CivilDate,
        statedConsent: StatedConsent?,
        registers: Bool
    ) {
        self.columns = columns
        var fields: [String: Int] = [:]
        for (client, service) in [
            ("name", "clientName"), ("idNumber", "clients"), ("village", "village"), ("consentDate", "consentDate"),
            ("consentScope", "consentScope"), ("consentBy", "consentBy"),
        ] {
            fields[client] = columns.columnOfField[service]
        }
        people = ClientRowResolver(
            vocabulary: vocabulary,
            columns: LedgerColumns(
                columnOfField: fields,
                headings: columns.headings,
                headerRows: columns.headerRows,
                ignoredHeadings: []
            ),
            villages: villages,
            digests: digests,
            today: today,
            statedConsent: statedConsent
        )
        self.digests = digests
        self.today = today
        self.registers = registers
    }

    /// The person `row` registers, if it names one person by ID number who is not registered at
    /// the station; `openName` opens a registered client's name to compare with the row's.
    func outcome(
        of row: LedgerRow,
        context: StationContext,
        openName: (Client) throws -> String?
    ) rethrows -> Outcome {
        let tokens = LedgerImportSupport.list(columns.cell("clients", of: row))
        guard tokens.count == 1, let digest = digests[tokens[0]] else { return .none }
        let name = columns.cell("clientName", of: row)
        if let registered = context.sameIDNumber.first(where: {
            $0.station == context.station.id && $0.personal?.idNumberDigest == digest
        }) {
            guard !name.isEmpty, let known = try openName(registered), known != name else { return .none }
            var issues = RowIssues(row: row.number, columns: columns)
            issues.refuse(
                "clientName",
                String(name.prefix(1)) + String(repeating: "*", count: max(1, name.count - 1)),
                LocalizedText(
                    "与按身份证号找到的已登记服务对象姓名不符;请核对姓名或身份证号",
                    en: "the name of the client registered with this ID number differs; check the name or the ID number"
                )
            )
            return .refused(issues)
        }
        guard registers, columns.columnOfField["clientName"] != nil else { return .none }
        var none: [String: Int] = [:]
        switch people.resolve(row, context: context, firstRowOfDigest: &none) {
        case .new(let client, let personal): return .unregistered(client, personal)
        case .refused(let issues): return .refused(issues)
        case .registeredBefore: return .none
        }
    }
}
