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
    /// The consent the station stated for rows without consent columns of their own.
    let statedConsent: StatedConsent?

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
        let consent = consent(of: row)
        let request = ClientRequest(
            station: context.station.id.rawValue,
            village: roster(village: villageText),
            name: columns.cell("name", of: row),
            idNumber: idText.isEmpty ? nil : idText,
            phone: columns.cell("phone", of: row).isEmpty ? nil : columns.cell("phone", of: row),
            categories: LedgerImportSupport.list(columns.cell("categories", of: row)).map {
                vocabulary.code(for: $0, field: "categories")
            },
            consentDate: consent.date,
            consentScope: consent.scope,
            consentBy: consent.givenBy,
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
                "consent-by": "consentBy", "risk": "risk",
            ]
            for issue in error.issues {
                let field = fields[issue.field] ?? issue.field
                let expected =
                    issue.field == "consent-date" && issue.code == .missing
                    ? LocalizedText(
                        "知情同意日期:台账的「知情同意日期」列,或以 --consent-date D --consent-scope … 声明"
                            + "这些人签署的纸质同意书已存档",
                        en: "the day of consent: a consent-date column, or --consent-date D --consent-scope … "
                            + "stating that the signed forms are on file"
                    )
                    : issue.expected
                issues.refuse(field, field == "village" ? villageText : issue.found, expected)
            }
            return .refused(issues)
        }
    }

    /// The row's consent: each of its consent cells, or the consent stated for the file where the
    /// row leaves a cell empty.
    private func consent(of row: LedgerRow) -> StatedConsent {
        let date = columns.cell("consentDate", of: row)
        let scope = LedgerImportSupport.list(columns.cell("consentScope", of: row))
        let givenBy = columns.cell("consentBy", of: row)
        return StatedConsent(
            date: date.isEmpty ? statedConsent?.date : date,
            scope: scope.isEmpty ? statedConsent?.scope ?? [] : scope,
            givenBy: givenBy.isEmpty ? statedConsent?.givenBy : givenBy
        )
    }
}
