import Foundation
import YizhanKernel

/// Turns one row of a volunteer roster into a checked volunteer, or finds the person registered
/// before as a volunteer of the station.
struct VolunteerRowResolver: PersonRowResolver {
    static let ledger = "volunteers"
    static let requiredFields = [["name"], ["idNumber"]]

    let vocabulary: LedgerVocabulary
    let columns: LedgerColumns
    let villages: [OrgUnit]
    /// Valid ID numbers in the file → their keyed digests.
    let digests: [String: String]
    let today: CivilDate
    /// Not used: a stated consent is a client's informed-consent form (`import clients`).
    let statedConsent: StatedConsent?

    static func owner(of person: Volunteer) -> PersonalDataOwner { .volunteer(person.id) }

    static func registering(
        _ person: Volunteer,
        sealed: SealedPersonalData,
        at station: Station,
        by actor: Actor,
        at instant: Date
    ) -> ChangeSet {
        var volunteer = person
        volunteer.personal = sealed
        var change = ChangeSet()
        change.register(volunteer, at: station, by: actor, at: instant)
        return change
    }

    func resolve(
        _ row: LedgerRow,
        context: StationContext,
        firstRowOfDigest: inout [String: Int]
    ) -> PersonRowOutcome<Volunteer> {
        var issues = RowIssues(row: row.number, columns: columns)
        let idText = columns.cell("idNumber", of: row)
        let digest = LedgerImportSupport.identity(
            idText,
            digests: digests,
            today: today,
            firstRowOfDigest: firstRowOfDigest,
            issues: &issues,
            missing: LocalizedText(
                "身份证号(导入时据此识别已登记的志愿者)",
                en: "an ID number (it is how an import finds volunteers registered before)"
            )
        )
        let registered = context.volunteersWithSameIDNumber.filter {
            digest != nil && $0.personal?.idNumberDigest == digest
        }
        if let digest, issues.isEmpty, registered.contains(where: { $0.station == context.station.id }) {
            firstRowOfDigest[digest] = row.number
            return .registeredBefore
        }
        var rowContext = context
        rowContext.volunteersWithSameIDNumber = registered
        let villageText = columns.cell("village", of: row)
        let request = VolunteerRequest(
            station: context.station.id.rawValue,
            name: columns.cell("name", of: row),
            idNumber: idText.isEmpty ? nil : idText,
            phone: columns.cell("phone", of: row).isEmpty ? nil : columns.cell("phone", of: row),
            village: villageText.isEmpty ? nil : roster(village: villageText),
            registeredOn: columns.cell("registeredOn", of: row).isEmpty ? nil : columns.cell("registeredOn", of: row)
        )
        do {
            let (volunteer, personal) = try RegisterVolunteer.check(request, context: rowContext, today: today)
            guard issues.isEmpty else { return .refused(issues) }
            if let digest { firstRowOfDigest[digest] = row.number }
            return .new(volunteer, personal)
        } catch {
            let fields = [
                "village": "village", "name": "name", "id-number": "idNumber", "phone": "phone",
                "registered-on": "registeredOn",
            ]
            for issue in error.issues {
                let field = fields[issue.field] ?? issue.field
                issues.refuse(field, field == "village" ? villageText : issue.found, issue.expected)
            }
            return .refused(issues)
        }
    }
}
