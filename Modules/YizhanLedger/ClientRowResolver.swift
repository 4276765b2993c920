import Foundation
import YizhanKernel

/// Turns one client-ledger row into a checked client, or finds the person registered before.
struct ClientRowResolver: PersonRowResolver {
    static let ledger = "clients"
    static let requiredFields = [["name"], ["idNumber"], ["village"]]

    let vocabulary: LedgerVocabulary
    let columns: LedgerColumns
    let villages: [OrgUnit]
    /// Valid ID numbers in the file → their keyed digests.
    let digests: [String: String]
    let today: CivilDate

    static func owner(of person: Client) -> PersonalDataOwner { .client(person.id) }

    static func registering(
        _ person: Client,
        sealed: SealedPersonalData,
        at station: Station,
        by actor: Actor,
        at instant: Date
    ) -> ChangeSet {
        var client = person
        client.personal = sealed
        var change = ChangeSet()
        change.register(client, at: station, by: actor, at: instant)
        return change
    }

    /// Resolves `row`; `firstRowOfDigest` remembers the row each person was first seen on.
    func resolve(
        _ row: LedgerRow,
        context: StationContext,
        firstRowOfDigest: inout [String: Int]
    ) -> PersonRowOutcome<Client> {
        var issues = RowIssues(row: row.number, columns: columns)
        let idText = columns.cell("idNumber", of: row)
        let digest = LedgerImportSupport.identity(
            idText,
            digests: digests,
            today: today,
            firstRowOfDigest: firstRowOfDigest,
            issues: &issues,
            missing: LocalizedText(
                "身份证号(导入时据此识别已登记的人;无身份证号的服务对象请用 yizhan client add 登记)",
                en:
                    "an ID number (it is how an import finds people registered before; use yizhan client add for people without one)"
            )
        )
        let registered = context.sameIDNumber.filter { digest != nil && $0.personal?.idNumberDigest == digest }
        if let digest, issues.isEmpty, registered.contains(where: { $0.station == context.station.id }) {
            firstRowOfDigest[digest] = row.number
            return .registeredBefore
        }
        var rowContext = context
        rowContext.sameIDNumber = registered
        let villageText = columns.cell("village", of: row)
        let request = ClientRequest(
            station: context.station.id.rawValue,
            village: roster(village: villageText),
            name: columns.cell("name", of: row),
            idNumber: idText.isEmpty ? nil : idText,
            phone: columns.cell("phone", of: row).isEmpty ? nil : columns.cell("phone", of: row),
            categories: LedgerImportSupport.list(columns.cell("categories", of: row)).map {
                vocabulary.code(for: $0, field: "categories")
            },
            consentDate: columns.cell("consentDate", of: row).isEmpty ? nil : columns.cell("consentDate", of: row),
            consentScope: LedgerImportSupport.list(columns.cell("consentScope", of: row)),
            risk: columns.cell("risk", of: row).isEmpty ? nil : columns.cell("risk", of: row)
        )
        do {
            let (client, personal) = try RegisterClient.check(request, context: rowContext, today: today)
            guard issues.isEmpty else { return .refused(issues) }
            if let digest { firstRowOfDigest[digest] = row.number }
            return .new(client, personal)
        } catch {
            let fields = [
                "village": "village", "name": "name", "id-number": "idNumber", "phone": "phone",
                "category": "categories", "consent-date": "consentDate", "consent-scope": "consentScope",
                "risk": "risk",
            ]
            for issue in error.issues {
                let field = fields[issue.field] ?? issue.field
                issues.refuse(field, field == "village" ? villageText : issue.found, issue.expected)
            }
            return .refused(issues)
        }
    }
}
