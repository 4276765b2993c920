import Foundation
import PostgresNIO
import YizhanKernel

/// Decoding rows into kernel entities. A value the kernel refuses throws `StoreError` `.backend`.
extension PostgresStore {
    static func orgUnit(_ row: PostgresRow) throws -> OrgUnit {
        let cells = row.makeRandomAccess()
        return OrgUnit(code: try code(cells, "code"), name: try cells["name"].decode(String.self))
    }

    static func station(_ row: PostgresRow) throws -> Station {
        let cells = row.makeRandomAccess()
        return Station(
            id: try id(cells, "id"),
            name: try cells["name"].decode(String.self),
            kind: try enumValue(cells, "kind"),
            orgUnit: try code(cells, "org_unit_code"),
            areaSquareMeters: try cells["area_m2"].decode(Int.self),
            rooms: try cells["rooms"].decode([String].self).map(RoomKind.init(rawValue:)),
            agency: try optionalID(cells, "agency_id"),
            brandName: try cells["brand_name"].decode(String?.self),
            caseStageDays: CaseStage.limits(fromText: try cells["case_stage_days"].decode(String?.self)),
            clientCategoryNames: Station.categoryNames(fromText: try cells["client_categories"].decode(String?.self)),
            volunteering: Station.volunteering(fromText: try cells["volunteering"].decode(String?.self)),
            indicators: Station.indicators(fromText: try cells["indicators"].decode(String?.self))
        )
    }

    /// The columns a worker is read from.
    static let workerColumns = """
        id, station_id, name, role, birth_date::text AS birth_date, qualification, certificate_number,
        social_work_degree, is_party_member, employer_agency_id
        """

    static func worker(_ row: PostgresRow) throws -> Worker {
        let cells = row.makeRandomAccess()
        let employer: AgencyID? = try optionalID(cells, "employer_agency_id")
        let qualification = try cells["qualification"].decode(String?.self)
        return Worker(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            name: try cells["name"].decode(String.self),
            role: try enumValue(cells, "role"),
            birthDate: try cells["birth_date"].decode(String?.self).map {
                try parse(try? CivilDate(parsing: $0), "birth_date")
            },
            qualification: try qualification.map { try parse(Qualification(rawValue: $0), "qualification") },
            certificateNumber: try cells["certificate_number"].decode(String?.self),
            hasSocialWorkDegree: try cells["social_work_degree"].decode(Bool.self),
            isPartyMember: try cells["is_party_member"].decode(Bool.self),
            employer: employer.map(Employer.agency) ?? .township
        )
    }

    static func program(_ row: PostgresRow) throws -> Program {
        let cells = row.makeRandomAccess()
        return Program(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            name: try cells["name"].decode(String.self),
            version: try cells["version"].decode(Int.self),
            checksum: try cells["checksum"].decode(String?.self)
        )
    }

    static func subProject(_ row: PostgresRow) throws -> SubProject {
        let cells = row.makeRandomAccess()
        return SubProject(
            id: try id(cells, "id"),
            program: try id(cells, "program_id"),
            name: try cells["name"].decode(String.self),
            slot: ProgramSlot(rawValue: try cells["slot"].decode(String.self)),
            isRetired: try cells["retired"].decode(Bool.self)
        )
    }

    static func client(_ row: PostgresRow) throws -> Client {
        let cells = row.makeRandomAccess()
        return Client(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            household: try optionalID(cells, "household_id"),
            village: try code(cells, "village_code"),
            categories: try cells["categories"].decode([String].self).map(ClientCategory.init(rawValue:)),
            personal: try sealed(cells),
            consent: Consent(
                storedDate: try cells["consent_on"].decode(String?.self),
                scope: try cells["consent_scope"].decode(String?.self),
                givenBy: try cells["consent_by"].decode(String?.self)
            ),
            risk: try cells["risk_level"].decode(String?.self).flatMap(RiskLevel.init(rawValue:))
        )
    }

    /// The sealed personal data of a client or volunteer row, if it has any.
    static func sealed(_ cells: PostgresRandomAccessRow) throws -> SealedPersonalData? {
        try cells["name_sealed"].decode(String?.self).map { name in
            SealedPersonalData(
                name: name,
                idNumber: try cells["id_number_sealed"].decode(String?.self),
                idNumberDigest: try cells["id_number_digest"].decode(String?.self),
                phone: try cells["phone_sealed"].decode(String?.self),
                phoneDigest: try cells["phone_digest"].decode(String?.self)
            )
        }
    }

    static func serviceRecord(_ row: PostgresRow) throws -> ServiceRecord {
        let cells = row.makeRandomAccess()
        let headCount = try cells["head_count"].decode(Int?.self)
        let clients: [ClientID] = try idList(cells, "clients")
        return ServiceRecord(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            kind: ServiceKind(rawValue: try cells["kind"].decode(String.self)),
            date: try parse(try? CivilDate(parsing: try cells["service_date"].decode(String.self)), "service_date"),
            durationMinutes: try cells["duration_minutes"].decode(Int.self),
            village: try cells["village_code"].decode(String?.self).map {
                try parse(try? DivisionCode($0), "village_code")
            },
            workers: try idList(cells, "workers"),
            workerNames: try ServiceRecord.decodeWorkerNames(try cells["worker_names"].decode(String?.self)),
            participants: headCount.map(Participants.headCount) ?? .clients(clients),
            program: try optionalID(cells, "program_id"),
            programVersion: try cells["program_version"].decode(Int?.self),
            subProject: try optionalID(cells, "sub_project_id"),
            ledgerKey: try cells["ledger_key"].decode(Int64?.self).map(LedgerRowKey.init),
            group: try optionalID(cells, "group_id"),
            fields: try fields(cells),
            photos: try cells["photos"].decode(Int.self)
        )
    }

    /// The extra fields of a record row (`fields`, JSONB read as text), or none.
    static func fields(_ cells: PostgresRandomAccessRow) throws -> [String: String] {
        let json = try cells["fields"].decode(String?.self)
        do {
            return try ServiceRecord.decodeFields(json)
        } catch {
            throw StoreError(code: .backend, location: "service_record.fields", reason: "not a JSON object of strings")
        }
    }

    static func storedEvent(_ row: PostgresRow) throws -> StoredEvent {
        let cells = row.makeRandomAccess()
        let event = DomainEvent(
            id: try id(cells, "id"),
            type: EventType(rawValue: try cells["type"].decode(String.self)),
            occurredAt: Date(millisecondsSince1970: try cells["occurred_at_ms"].decode(Int64.self)),
            orgUnit: try code(cells, "org_unit_code"),
            station: try optionalID(cells, "station_id"),
            actor: Actor(rawValue: try cells["actor"].decode(String.self)),
            schemaVersion: try cells["schema_version"].decode(Int.self),
            payload: try cells["payload"].decode(String.self)
        )
        return StoredEvent(sequence: EventSequence(rawValue: try cells["sequence"].decode(Int64.self)), event: event)
    }

    // MARK: Columns

    static func id<Entity>(_ cells: PostgresRandomAccessRow, _ column: String) throws -> Identifier<Entity> {
        try parse(try? Identifier<Entity>(try cells[column].decode(String.self)), column)
    }

    static func optionalID<Entity>(_ cells: PostgresRandomAccessRow, _ column: String) throws -> Identifier<Entity>? {
        try cells[column].decode(String?.self).map { try parse(try? Identifier<Entity>($0), column) }
    }

    static func idList<Entity>(_ cells: PostgresRandomAccessRow, _ column: String) throws -> [Identifier<Entity>] {
        let text = try cells[column].decode(String?.self) ?? ""
        return try text.split(separator: ",").map { try parse(try? Identifier<Entity>(String($0)), column) }
    }

    static func code(_ cells: PostgresRandomAccessRow, _ column: String) throws -> DivisionCode {
        try parse(try? DivisionCode(try cells[column].decode(String.self)), column)
    }

    static func enumValue<Value: RawRepresentable>(_ cells: PostgresRandomAccessRow, _ column: String) throws -> Value
    where Value.RawValue == String {
        try parse(Value(rawValue: try cells[column].decode(String.self)), column)
    }

    static func parse<Value>(_ value: Value?, _ column: String) throws -> Value {
        guard let value else {
            throw StoreError(code: .backend, location: column, reason: "a stored value is not valid for its column")
        }
        return value
    }
}
