public import Foundation

extension EventType {
    /// An administrative unit was added or renamed.
    public static let orgUnitRegistered = EventType(rawValue: "orgunit.registered")
    /// An operating agency was added or changed.
    public static let agencyRegistered = EventType(rawValue: "agency.registered")
    /// A station was created or its configuration changed.
    public static let stationConfigured = EventType(rawValue: "station.configured")
    /// A worker was registered or their record changed.
    public static let workerRegistered = EventType(rawValue: "worker.registered")
    /// A program (with its sub-projects) was configured.
    public static let programConfigured = EventType(rawValue: "program.configured")
    /// A client was registered.
    public static let clientRegistered = EventType(rawValue: "client.registered")
    /// A client's renewed informed consent replaced the one kept.
    public static let clientConsentRecorded = EventType(rawValue: "client.consentrecorded")
    /// A household was registered.
    public static let householdRegistered = EventType(rawValue: "household.registered")
    /// A volunteer was registered.
    public static let volunteerRegistered = EventType(rawValue: "volunteer.registered")
    /// A service record was made.
    public static let serviceRecorded = EventType(rawValue: "service.recorded")
    /// A case was opened at intake.
    public static let caseOpened = EventType(rawValue: "case.opened")
    /// A case moved to another stage.
    public static let caseMoved = EventType(rawValue: "case.moved")
    /// A case stayed in a stage longer than its template allows.
    public static let caseOverdue = EventType(rawValue: "case.overdue")
    /// A station scheduled a volunteer activity.
    public static let volunteerActivityScheduled = EventType(rawValue: "volunteeractivity.scheduled")
    /// A volunteer's hours at an activity were recorded.
    public static let volunteerHoursRecorded = EventType(rawValue: "volunteerhours.recorded")
    /// An entry was booked in a volunteer's points passbook.
    public static let passbookBooked = EventType(rawValue: "passbook.booked")
    /// A group was formed, or its members or plan changed.
    public static let groupFormed = EventType(rawValue: "group.formed")
    /// A client was referred to an agency (with its `service.recorded`).
    public static let referralMade = EventType(rawValue: "referral.made")
    /// The receiving agency answered, or finished its service.
    public static let referralOutcome = EventType(rawValue: "referral.outcome")
    /// A ledger file was imported (one event per import, not per row).
    public static let ledgerImported = EventType(rawValue: "ledger.imported")
    /// Someone saw a person's data unmasked (`--reveal`).
    public static let personalDataRevealed = EventType(rawValue: "personaldata.revealed")
    /// A file holding people's data unmasked was written (an export with `--reveal`).
    public static let personalDataExported = EventType(rawValue: "personaldata.exported")
    /// Personal data sealed before binding was sealed again, bound to its rows.
    public static let personalDataResealed = EventType(rawValue: "personaldata.resealed")
    /// A person's data was erased; their de-identified row stays.
    public static let personalDataErased = EventType(rawValue: "personaldata.erased")
    /// Every person's data was sealed again under a new key (fingerprints and counts only).
    public static let keyRotated = EventType(rawValue: "key.rotated")
    /// The notifier switched a subscription off after persistent failure.
    public static let subscriptionDisabled = EventType(rawValue: "subscription.disabled")
    /// An operator switched a disabled subscription back on.
    public static let subscriptionEnabled = EventType(rawValue: "subscription.enabled")

    /// Every event type the kernel emits.
    public static let kernelTypes: [EventType] = [
        .orgUnitRegistered, .agencyRegistered, .stationConfigured, .workerRegistered, .programConfigured,
        .clientRegistered, .clientConsentRecorded, .householdRegistered, .volunteerRegistered, .serviceRecorded,
        .serviceCorrected, .serviceVoided, .caseOpened, .caseMoved, .caseOverdue, .volunteerActivityScheduled,
        .volunteerHoursRecorded, .volunteerHoursCorrected, .volunteerHoursVoided, .passbookBooked, .groupFormed,
        .budgetSet, .expenseRecorded, .overspendAuthorised, .donationReceived, .expenseCorrected, .expenseVoided,
        .donationCorrected, .donationVoided, .volunteerTeamFormed, .staffTrained, .workLogRecorded, .liaisonAssigned,
        .organisationRecorded, .microWishProgressed, .charityFundOpened, .charityFundGranted, .resourceRegistered,
        .referralMade, .referralOutcome, .ledgerImported, .personalDataRevealed, .personalDataExported,
        .personalDataResealed, .personalDataErased, .keyRotated, .complianceChecked, .complianceBreached,
        .complianceRestored, .evaluationOpened, .evaluationScored, .evaluationSubmitted, .rectificationRaised,
        .rectificationDue, .rectificationCompleted, .deadlineApproaching, .subscriptionDisabled, .subscriptionEnabled,
        .accountCreated, .accountChanged, .tokenCreated, .tokenRevoked, .authFailed, .accessDenied, .approvalSubmitted,
        .approvalApproved, .approvalReturned, .approvalUnapproved, .approvalAccepted, .approvalReopened,
        .approvalOverdue, .approvalPending, .requestFiled, .requestAccepted, .requestStarted, .requestTransferred,
        .requestSentBack, .requestAnswered, .requestClosed, .requestRated, .requestReopened, .requestOverdue,
        .requestEscalated, .disputeMediated, .disputeSettled, .disputeComplex, .disputeReferred,
    ]
}

/// `orgunit.registered`: a division code and its level (unit names are public, not personal data).
public struct OrgUnitRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.orgUnitRegistered
    public static let schemaVersion = 1
    /// The unit's code.
    public var code: DivisionCode
    /// The unit's level.
    public var level: OrgLevel
    /// The unit's public name.
    public var name: String

    /// Describes `unit`.
    public init(_ unit: OrgUnit) {
        code = unit.code
        level = unit.level
        name = unit.name
    }
}

/// `agency.registered`: an operating agency (an organisation's public name, not personal data).
public struct AgencyRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.agencyRegistered
    public static let schemaVersion = 1
    /// The agency.
    public var agency: AgencyID
    /// Its registered name.
    public var name: String

    /// Describes `agency`.
    public init(_ agency: Agency) {
        self.agency = agency.id
        name = agency.name
    }
}

/// `station.configured`: the station's facts as configured.
public struct StationConfigured: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.stationConfigured
    public static let schemaVersion = 1
    /// The station.
    public var station: StationID
    /// Its kind.
    public var kind: StationKind
    /// Its township.
    public var orgUnit: DivisionCode
    /// Its area in m².
    public var areaSquareMeters: Int
    /// Its rooms.
    public var rooms: [RoomKind]
    /// Its operating agency.
    public var agency: AgencyID?

    /// Describes `station`.
    public init(_ station: Station) {
        self.station = station.id
        kind = station.kind
        orgUnit = station.orgUnit
        areaSquareMeters = station.areaSquareMeters
        rooms = station.rooms
        agency = station.agency
    }
}

/// `worker.registered`: a worker's role and credentials — no name and no birth date.
public struct WorkerRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.workerRegistered
    public static let schemaVersion = 1
    /// The worker.
    public var worker: WorkerID
    /// The worker's station.
    public var station: StationID
    /// The worker's role.
    public var role: WorkerRole
    /// The certificate level held, if any.
    public var qualification: Qualification?
    /// Whether the worker is a party member.
    public var isPartyMember: Bool

    /// Describes `worker` without personal data.
    public init(_ worker: Worker) {
        self.worker = worker.id
        station = worker.station
        role = worker.role
        qualification = worker.qualification
        isPartyMember = worker.isPartyMember
    }
}

/// `program.configured`: a program's version, its current sub-projects and what changed since the
/// version before (the fields of the change are absent for a program's first version).
public struct ProgramConfigured: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.programConfigured
    public static let schemaVersion = 1
    /// The program.
    public var program: ProgramID
    /// The station running it.
    public var station: StationID
    /// Its configuration version.
    public var version: Int
    /// Its current (not retired) sub-projects.
    public var subProjects: [SubProjectID]
    /// The version this one replaces.
    public var previousVersion: Int?
    /// Sub-projects added since the previous version.
    public var added: [SubProjectID]?
    /// Sub-projects retired since the previous version.
    public var retired: [SubProjectID]?
    /// Sub-projects whose name or slot changed.
    public var changed: [SubProjectID]?
    /// Whether the program's own name changed.
    public var renamed: Bool?

    /// Describes `program` and its `subProjects`, and, when given, what changed since `previous`.
    public init(_ program: Program, subProjects: [SubProject], previous: ProgramWithSubProjects? = nil) {
        self.program = program.id
        station = program.station
        version = program.version
        self.subProjects = subProjects.filter { !$0.isRetired }.map(\.id)
        guard let previous else { return }
        let before = Dictionary(
            previous.subProjects.filter { !$0.isRetired }.map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        let after = Dictionary(
            subProjects.filter { !$0.isRetired }.map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        previousVersion = previous.program.version
        added = after.keys.filter { before[$0] == nil }.sorted()
        retired = before.keys.filter { after[$0] == nil }.sorted()
        changed = after.keys.filter { id in
            before[id].map { $0.name != after[id]?.name || $0.slot != after[id]?.slot } ?? false
        }.sorted()
        renamed = previous.program.name != program.name
    }
}

/// `client.consentrecorded`: which client's consent changed, from which day and to what scope.
/// Who gave it is left out: a guardian's consent would tell every subscriber the client is a child
/// under 14 (PIPL art. 28 counts minors' data as sensitive).
public struct ClientConsentRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.clientConsentRecorded
    public static let schemaVersion = 1
    /// The client.
    public var client: ClientID
    /// The serving station.
    public var station: StationID
    /// The day the consent was given.
    public var on: CivilDate
    /// What it covers, as codes (`service`, `referral` …).
    public var scope: [String]

    /// Describes the consent `client` now holds.
    public init?(_ client: Client) {
        guard let consent = client.consent else { return nil }
        self.client = client.id
        station = client.station
        on = consent.on
        scope = consent.scope.map(\.rawValue)
    }
}

/// `client.registered`: where a client lives and their categories — never who they are.
public struct ClientRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.clientRegistered
    /// Version 2: no categories. Whether a person is 社区矫正对象, 残疾人 or 留守儿童 is sensitive
    /// personal information (PIPL art. 28), and every subscriber of every kind receives this event,
    /// chat groups included (issue 21.9); the categories stay in the store, behind its scopes.
    public static let schemaVersion = 2
    /// The client.
    public var client: ClientID
    /// The serving station.
    public var station: StationID
    /// The client's village.
    public var village: DivisionCode

    /// Describes `client` without personal data or sensitive traits.
    public init(_ client: Client) {
        self.client = client.id
        station = client.station
        village = client.village
    }
}

/// `personaldata.revealed`: which fields of whose data were shown unmasked, and by whom — the
/// audit trail of `--reveal`; the values themselves are never in it.
public struct PersonalDataRevealed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.personalDataRevealed
    /// Version 2: a volunteer's data can be revealed too, so `client` became optional. Version 3:
    /// the purpose the reveal was asked for (absent from older events). Version 4: a resident
    /// request's content can be revealed too (`request`).
    public static let schemaVersion = 4
    /// The client whose data was shown, if a client's.
    public var client: ClientID?
    /// The volunteer whose data was shown, if a volunteer's.
    public var volunteer: VolunteerID?
    /// The resident request whose content was shown, if a request's.
    public var request: RequestID?
    /// The station that serves them.
    public var station: StationID
    /// The fields shown: `name`, `idNumber`, `phone`.
    public var fields: [String]
    /// Why they were shown.
    public var purpose: RevealPurpose?

    /// Describes a reveal of a client's data.
    public init(client: ClientID, station: StationID, fields: [String], purpose: RevealPurpose) {
        self.client = client
        self.station = station
        self.fields = fields
        self.purpose = purpose
    }

    /// Describes a reveal of a resident request's content (`description`, `name`, `phone`, `notes`).
    public init(request: RequestID, station: StationID, fields: [String], purpose: RevealPurpose) {
        self.request = request
        self.station = station
        self.fields = fields
        self.purpose = purpose
    }

    /// Describes a reveal of a volunteer's data.
    public init(volunteer: VolunteerID, station: StationID, fields: [String], purpose: RevealPurpose) {
        self.volunteer = volunteer
        self.station = station
        self.fields = fields
        self.purpose = purpose
    }
}

/// `personaldata.exported`: a file holding people's data unmasked was written — which ledger, how
/// many people, why, and the file's SHA-256, so that a copy found later can be told for what it is.
/// The file's name is left out (a path may name people); its digest identifies it.
public struct PersonalDataExported: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.personalDataExported
    public static let schemaVersion = 1
    /// The station whose people the file lists.
    public var station: StationID
    /// The ledger: `clients` or `volunteers`.
    public var ledger: String
    /// How many people the file shows unmasked (each has a `personaldata.revealed` before it).
    public var people: Int
    /// Why it was written.
    public var purpose: RevealPurpose
    /// The file's format: `csv` or `xlsx`.
    public var format: String
    /// The file's size in bytes.
    public var bytes: Int
    /// The file's SHA-256, in lowercase hex.
    public var sha256: String

    /// Describes a file written.
    public init(
        station: StationID,
        ledger: String,
        people: Int,
        purpose: RevealPurpose,
        format: String,
        bytes: Int,
        sha256: String
    ) {
        self.station = station
        self.ledger = ledger
        self.people = people
        self.purpose = purpose
        self.format = format
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// `household.registered`: a household's village.
public struct HouseholdRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.householdRegistered
    public static let schemaVersion = 1
    /// The household.
    public var household: HouseholdID
    /// The serving station.
    public var station: StationID
    /// The household's village.
    public var village: DivisionCode

    /// Describes `household`.
    public init(_ household: Household) {
        self.household = household.id
        station = household.station
        village = household.village
    }
}

/// `volunteer.registered`: a volunteer's station and registration day — never who they are.
public struct VolunteerRegistered: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerRegistered
    public static let schemaVersion = 1
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station they registered with.
    public var station: StationID
    /// The day they registered.
    public var registeredOn: CivilDate

    /// Describes `volunteer` without personal data.
    public init(_ volunteer: Volunteer) {
        self.volunteer = volunteer.id
        station = volunteer.station
        registeredOn = volunteer.registeredOn
    }
}

/// `service.recorded`: what was done, when, where and for how many — never for whom by name.
public struct ServiceRecorded: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.serviceRecorded
    public static let schemaVersion = 1
    /// The record.
    public var record: ServiceRecordID
    /// The station that did the work.
    public var station: StationID
    /// The kind of work.
    public var kind: ServiceKind
    /// The civil date of the work.
    public var date: CivilDate
    /// Minutes spent.
    public var durationMinutes: Int
    /// Person-times counted.
    public var personTimes: Int
    /// The village, if any.
    public var village: DivisionCode?
    /// The program, if any.
    public var program: ProgramID?
    /// The program version, if any.
    public var programVersion: Int?
    /// The sub-project, if any.
    public var subProject: SubProjectID?
    /// How many workers took part, those named only as text included (never their names).
    public var workerCount: Int
    /// The group, for a group session.
    public var group: GroupID?

    /// Describes `record`; client identifiers stay in the store.
    public init(_ record: ServiceRecord) {
        group = record.group
        self.record = record.id
        station = record.station
        kind = record.kind
        date = record.date
        durationMinutes = record.durationMinutes
        personTimes = record.personTimes
        village = record.village
        program = record.program
        programVersion = record.programVersion
        subProject = record.subProject
        workerCount = record.workers.count + record.workerNames.count
    }
}

extension DomainEvent {
    /// The `service.recorded` event for `record`, made at `station` (scoped to its township).
    public static func serviceRecorded(
        _ record: ServiceRecord,
        at station: Station,
        actor: Actor,
        at instant: Date
    )
        -> DomainEvent
    {
        DomainEvent(ServiceRecorded(record), orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant)
    }
}

/// `ledger.imported`: a station's ledger file was imported — how many rows were written, found
/// already imported and refused. One event per import: a chat group learns "西塘桥 imported 1,765
/// records", not 1,765 messages. The file is named by its SHA-256, never by its rows.
public struct LedgerImported: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.ledgerImported
    /// Version 2: the consent a station stated for rows without their own (`--consent-date`).
    public static let schemaVersion = 2
    /// Which ledger: `services` or `clients`.
    public var ledger: String
    /// The station whose ledger it is.
    public var station: StationID
    /// Rows written.
    public var accepted: Int
    /// Rows an earlier import had written already (left as they were).
    public var alreadyImported: Int
    /// Rows refused (written only with `--skip-invalid`, which leaves them out).
    public var rejected: Int
    /// The file's SHA-256, hex.
    public var fileDigest: String
    /// The day of the consent forms the station stated are on file, for rows without their own.
    public var statedConsentOn: CivilDate?
    /// What that consent covers, as codes.
    public var statedConsentScope: [String]?

    /// Describes an import.
    public init(
        ledger: String,
        station: StationID,
        accepted: Int,
        alreadyImported: Int,
        rejected: Int,
        fileDigest: String,
        statedConsent: Consent? = nil
    ) {
        self.ledger = ledger
        self.station = station
        self.accepted = accepted
        self.alreadyImported = alreadyImported
        self.rejected = rejected
        self.fileDigest = fileDigest
        statedConsentOn = statedConsent?.on
        statedConsentScope = statedConsent?.scope.map(\.rawValue)
    }
}

/// `personaldata.resealed`: the values sealed before they were bound to their rows were sealed
/// again, bound (issue 21.12); how many people's, never whose.
public struct PersonalDataResealed: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.personalDataResealed
    public static let schemaVersion = 1
    /// Clients whose data was sealed again.
    public var clients: Int
    /// Volunteers whose data was sealed again.
    public var volunteers: Int

    /// Describes a reseal.
    public init(clients: Int, volunteers: Int) {
        self.clients = clients
        self.volunteers = volunteers
    }
}

/// `key.rotated`: every client's and volunteer's data sealed again, and its ID numbers and phones
/// digested again, under a new personal-data key. The fingerprints are check values, which reveal
/// nothing of either key.
public struct KeyRotated: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.keyRotated
    public static let schemaVersion = 1
    /// The old key's fingerprint.
    public var from: String
    /// The new key's fingerprint.
    public var to: String
    /// Clients whose data was sealed again.
    public var clients: Int
    /// Volunteers whose data was sealed again.
    public var volunteers: Int

    /// Describes a rotation.
    public init(from: String, to: String, clients: Int, volunteers: Int) {
        self.from = from
        self.to = to
        self.clients = clients
        self.volunteers = volunteers
    }
}

/// `personaldata.erased`: whose data was erased (by id), at which station, why, and by whom (the
/// event's actor); nothing of the data itself.
public struct PersonalDataErased: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.personalDataErased
    public static let schemaVersion = 1
    /// The client whose data was erased, if a client's.
    public var client: ClientID?
    /// The volunteer whose data was erased, if a volunteer's.
    public var volunteer: VolunteerID?
    /// The station that served them.
    public var station: StationID
    /// Why.
    public var reason: ErasureReason

    /// Describes a client's erasure.
    public init(client: ClientID, station: StationID, reason: ErasureReason) {
        self.client = client
        self.station = station
        self.reason = reason
    }

    /// Describes a volunteer's erasure.
    public init(volunteer: VolunteerID, station: StationID, reason: ErasureReason) {
        self.volunteer = volunteer
        self.station = station
        self.reason = reason
    }
}
