import Foundation
import GRDB
import YizhanKernel

/// Decoding rows into kernel entities. A value the kernel refuses (a corrupt code, an invalid
/// date) throws `StoreError` `.backend` rather than crashing.
extension SQLiteStore {
    /// The rows of `sql`, through the connection's statement cache (a read prepares its SQL once).
    static func rows(_ db: Database, sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    static func orgUnit(_ row: Row) throws -> OrgUnit {
        OrgUnit(code: try code(row, "code"), name: try row.decode(forColumn: "name"))
    }

    static func station(_ row: Row) throws -> Station {
        Station(
            id: try id(row, "id"),
            name: try row.decode(forColumn: "name"),
            kind: try enumValue(row, "kind"),
            orgUnit: try code(row, "org_unit_code"),
            areaSquareMeters: try row.decode(forColumn: "area_m2"),
            rooms: try stringList(row, "rooms").map(RoomKind.init(rawValue:)),
            agency: try optionalID(row, "agency_id"),
            brandName: try row.decode(forColumn: "brand_name"),
            caseStageDays: CaseStage.limits(fromText: try row.decode(forColumn: "case_stage_days")),
            clientCategoryNames: Station.categoryNames(fromText: try row.decode(forColumn: "client_categories")),
            volunteering: Station.volunteering(fromText: try row.decode(forColumn: "volunteering")),
            indicators: Station.indicators(fromText: try row.decode(forColumn: "indicators"))
        )
    }

    /// The columns a worker is read from.
    static let workerColumns = """
        id, station_id, name, role, birth_date, qualification, certificate_number, social_work_degree, is_party_member,
        employer_agency_id
        """

    static func worker(_ row: Row) throws -> Worker {
        let employer: AgencyID? = try optionalID(row, "employer_agency_id")
        let qualification: String? = try row.decode(forColumn: "qualification")
        return Worker(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            name: try row.decode(forColumn: "name"),
            role: try enumValue(row, "role"),
            birthDate: try optionalDate(row, "birth_date"),
            qualification: try qualification.map { try parse(Qualification(rawValue: $0), "qualification") },
            certificateNumber: try row.decode(forColumn: "certificate_number"),
            hasSocialWorkDegree: try row.decode(forColumn: "social_work_degree"),
            isPartyMember: try row.decode(forColumn: "is_party_member"),
            employer: employer.map(Employer.agency) ?? .township
        )
    }

    static func program(_ row: Row) throws -> Program {
        Program(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            name: try row.decode(forColumn: "name"),
            version: try row.decode(forColumn: "version"),
            checksum: try row.decode(forColumn: "checksum")
        )
    }

    static func subProject(_ row: Row) throws -> SubProject {
        SubProject(
            id: try id(row, "id"),
            program: try id(row, "program_id"),
            name: try row.decode(forColumn: "name"),
            slot: ProgramSlot(rawValue: try row.decode(forColumn: "slot")),
            isRetired: try row.decode(forColumn: "retired")
        )
    }

    static func client(_ row: Row) throws -> Client {
        Client(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            household: try optionalID(row, "household_id"),
            village: try code(row, "village_code"),
            categories: try stringArray(row, "categories").map(ClientCategory.init(rawValue:)),
            personal: try sealed(row),
            consent: Consent(
                storedDate: try row.decode(forColumn: "consent_on"),
                scope: try row.decode(forColumn: "consent_scope"),
                givenBy: try row.decode(forColumn: "consent_by")
            ),
            risk: (try row.decode(String?.self, forColumn: "risk_level")).flatMap(RiskLevel.init(rawValue:))
        )
    }

    /// The sealed personal data of a client row, if it has any.
    static func sealed(_ row: Row) throws -> SealedPersonalData? {
        let name: String? = try row.decode(forColumn: "name_sealed")
        return try name.map { name in
            SealedPersonalData(
                name: name,
                idNumber: try row.decode(forColumn: "id_number_sealed"),
                idNumberDigest: try row.decode(forColumn: "id_number_digest"),
                phone: try row.decode(forColumn: "phone_sealed"),
                phoneDigest: try row.decode(forColumn: "phone_digest")
            )
        }
    }

    static func serviceRecord(_ row: Row) throws -> ServiceRecord {
        let headCount: Int? = try row.decode(forColumn: "head_count")
        let clients = try idList(row, "clients") as [ClientID]
        return ServiceRecord(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            kind: ServiceKind(rawValue: try row.decode(forColumn: "kind")),
            date: try date(row, "service_date"),
            durationMinutes: try row.decode(forColumn: "duration_minutes"),
            village: try optionalCode(row, "village_code"),
            workers: try idList(row, "workers"),
            workerNames: try ServiceRecord.decodeWorkerNames(try row.decode(forColumn: "worker_names")),
            participants: headCount.map(Participants.headCount) ?? .clients(clients),
            program: try optionalID(row, "program_id"),
            programVersion: try row.decode(forColumn: "program_version"),
            subProject: try optionalID(row, "sub_project_id"),
            ledgerKey: (try row.decode(Int64?.self, forColumn: "ledger_key")).map(LedgerRowKey.init),
            group: try optionalID(row, "group_id"),
            fields: try fields(row),
            photos: try row.decode(forColumn: "photos")
        )
    }

    /// The extra fields of a record row (`fields`, JSON), or none.
    static func fields(_ row: Row) throws -> [String: String] {
        let json: String? = try row.decode(forColumn: "fields")
        do {
            return try ServiceRecord.decodeFields(json)
        } catch {
            throw StoreError(code: .backend, location: "service_record.fields", reason: "not a JSON object of strings")
        }
    }

    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let event = DomainEvent(
            id: try id(row, "id"),
            type: EventType(rawValue: try row.decode(forColumn: "type")),
            occurredAt: Date(millisecondsSince1970: try row.decode(forColumn: "occurred_at_ms")),
            orgUnit: try code(row, "org_unit_code"),
            station: try optionalID(row, "station_id"),
            actor: Actor(rawValue: try row.decode(forColumn: "actor")),
            schemaVersion: try row.decode(forColumn: "schema_version"),
            payload: try row.decode(forColumn: "payload")
        )
        return StoredEvent(sequence: EventSequence(rawValue: try row.decode(forColumn: "sequence")), event: event)
    }

    // MARK: Columns

    static func id<Entity>(_ row: Row, _ column: String) throws -> Identifier<Entity> {
        let text: String = try row.decode(forColumn: column)
        return try parse(try? Identifier<Entity>(text), column)
    }

    static func optionalID<Entity>(_ row: Row, _ column: String) throws -> Identifier<Entity>? {
        let text: String? = try row.decode(forColumn: column)
        return try text.map { try parse(try? Identifier<Entity>($0), column) }
    }

    static func idList<Entity>(_ row: Row, _ column: String) throws -> [Identifier<Entity>] {
        let text: String? = try row.decode(forColumn: column)
        guard let text else { return [] }
        return try text.split(separator: ",").sorted().map { try parse(try? Identifier<Entity>(String($0)), column) }
    }

    static func code(_ row: Row, _ column: String) throws -> DivisionCode {
        let text: String = try row.decode(forColumn: column)
        return try parse(try? DivisionCode(text), column)
    }

    static func optionalCode(_ row: Row, _ column: String) throws -> DivisionCode? {
        let text: String? = try row.decode(forColumn: column)
        return try text.map { try parse(try? DivisionCode($0), column) }
    }

    static func date(_ row: Row, _ column: String) throws -> CivilDate {
        let text: String = try row.decode(forColumn: column)
        return try parse(try? CivilDate(parsing: text), column)
    }

    static func optionalDate(_ row: Row, _ column: String) throws -> CivilDate? {
        let text: String? = try row.decode(forColumn: column)
        return try text.map { try parse(try? CivilDate(parsing: $0), column) }
    }

    static func enumValue<Value: RawRepresentable>(_ row: Row, _ column: String) throws -> Value
    where Value.RawValue == String {
        try parse(Value(rawValue: try row.decode(forColumn: column)), column)
    }

    /// A comma-separated list that SQLite built from a JSON array (`json_each` + `group_concat`).
    static func stringList(_ row: Row, _ column: String) throws -> [String] {
        let text: String? = try row.decode(forColumn: column)
        return text.map { $0.split(separator: ",").map(String.init) } ?? []
    }

    static func stringArray(_ row: Row, _ column: String) throws -> [String] {
        let text: String = try row.decode(forColumn: column)
        return try parse(try? JSONDecoder().decode([String].self, from: Data(text.utf8)), column)
    }

    static func parse<Value>(_ value: Value?, _ column: String) throws -> Value {
        guard let value else {
            throw StoreError(code: .backend, location: column, reason: "a stored value is not valid for its column")
        }
        return value
    }
}
