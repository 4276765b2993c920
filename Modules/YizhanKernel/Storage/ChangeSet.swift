/// What one use case changes: the rows and the events that describe them, committed together.
///
/// A store commits a change set in one transaction or not at all. A change set that writes rows
/// must carry at least one event: nothing a report, a check or a subscriber relies on is ever
/// changed without its event.
public struct ChangeSet: Sendable, Hashable {
    /// The rows to write, in order.
    public var writes: [Write]
    /// The events that describe them, in order; they are appended to the log in this order.
    public var events: [DomainEvent]

    /// Creates a change set.
    public init(writes: [Write] = [], events: [DomainEvent] = []) {
        self.writes = writes
        self.events = events
    }

    /// Whether the change set holds nothing to commit.
    public var isEmpty: Bool { writes.isEmpty && events.isEmpty }

    /// Appends another change set's writes and events after this one's.
    public mutating func append(_ other: ChangeSet) {
        writes += other.writes
        events += other.events
    }
}

/// One row to write. Reference data (units, agencies, stations, workers, programs, people) is
/// upserted by id; a service record is a fact and is inserted once — writing the same record id
/// again is a constraint violation.
///
/// Every store adapter switches over this enum exhaustively, so the compiler checks that each
/// adapter covers each kind of write.
public enum Write: Sendable, Hashable, Codable {
    /// Upsert an administrative unit.
    case orgUnit(OrgUnit)
    /// Upsert an operating agency.
    case agency(Agency)
    /// Upsert a station.
    case station(Station)
    /// Upsert a worker.
    case worker(Worker)
    /// Upsert a program.
    case program(Program)
    /// Upsert a sub-project.
    case subProject(SubProject)
    /// Upsert a household.
    case household(Household)
    /// Upsert a client.
    case client(Client)
    /// Upsert a volunteer.
    case volunteer(Volunteer)
    /// Insert a service record.
    case serviceRecord(ServiceRecord)
    /// Revise a stored service record: replace it by `current` (or void it) and keep `previous` in
    /// its history, only if the store holds exactly `previous`, not voided, at `version − 1`
    /// (otherwise the change breaks, so that two corrections at once cannot both apply).
    case serviceRevision(ServiceRevision)
    /// Upsert a case's summary (its client, current stage, overdue notice); its history goes in by
    /// `caseStage`.
    case caseFile(CaseFile)
    /// Insert a gift (a fact, inserted once).
    case donation(Donation)
    /// Revise a stored gift: replace it by `current` (or void it) and keep `previous` in its
    /// history, only if the store holds exactly `previous`, not voided, at `version − 1`; a revision
    /// that would leave its charity fund granting more than it received breaks the change.
    case donationRevision(EntryRevision<Donation>)
    /// Upsert a budget line.
    case budgetLine(BudgetLine)
    /// Insert an expense (booked through `FundLedger.bookExpense`, which checks the line).
    case expense(Expense)
    /// Revise a stored expense, as `donationRevision` does a gift; a correction that raises the
    /// amount past what remains of its line breaks the change unless it carries an over-spend reason.
    case expenseRevision(EntryRevision<Expense>)
    /// Upsert a community social organisation.
    case organisation(CommunityOrganisation)
    /// Write a micro-wish at its status: a new wish is inserted, a later status replaces the stored
    /// wish only if it is at the status before (otherwise the change breaks).
    case microWish(MicroWish)
    /// Upsert a community charity fund.
    case charityFund(CharityFund)
    /// Insert a grant from a fund (booked through `CommunityLedger.grant`, which checks the balance).
    case charityGrant(CharityGrant)
    /// Upsert a resource on the map.
    case resource(CommunityResource)
    /// Insert a worker's training record (a fact, inserted once).
    case training(TrainingRecord)
    /// Insert a worker's work-log entry (a fact, inserted once).
    case workLog(WorkLog)
    /// Upsert a village liaison assignment, by village, worker and first day.
    case liaison(VillageLiaison)
    /// Upsert a volunteer team and its members (the members listed replace those stored).
    case volunteerTeam(VolunteerTeam)
    /// Upsert a volunteer activity.
    case volunteerActivity(VolunteerActivity)
    /// Insert a volunteer's attendance (a fact, inserted once).
    case volunteerHours(VolunteerHours)
    /// Revise a stored attendance, as `expenseRevision` does an expense: its minutes change or it is
    /// voided; the points that follow are a `passbookEntry` of the same change.
    case hoursRevision(EntryRevision<VolunteerHours>)
    /// Insert a passbook entry; an entry whose key is booked already breaks the change (credits
    /// only: debits go through `VolunteerLedger.appendPassbook` or `reviseHours`, which check the
    /// balance).
    case passbookEntry(PassbookEntry)
    /// Upsert a group and its members (the members listed replace those stored).
    case serviceGroup(ServiceGroup)
    /// Upsert the referral details of a `referral` service record.
    case referral(Referral)
    /// Upsert the last result of a standard's rule for a subject.
    case complianceState(ComplianceState)
    /// Write an evaluation: a new one is inserted open; a submitted one replaces the stored one only
    /// if that is still open (otherwise the change breaks).
    case evaluation(Evaluation)
    /// Upsert an assessor's score of an indicator, only while its evaluation is open (otherwise the
    /// change breaks: a submitted evaluation is frozen).
    case evaluationScore(EvaluationScore)
    /// Write a rectification item: a new one is inserted; a done one replaces the stored one only if
    /// that is not done yet (otherwise the change breaks).
    case rectification(Rectification)
    /// Record that a reminder with `key` was raised; a key raised already breaks the change, so that
    /// no reminder goes out twice.
    case notice(key: String, on: CivilDate)
    /// Insert one stage of a case's history at `position` (from 0): a fact, inserted once, so that
    /// two moves of one case at once cannot both succeed.
    case caseStage(CaseID, position: Int, CaseStageEntry)
    /// Upsert a user's account by id; a login name another account has breaks the change.
    case account(UserAccount)
    /// Upsert an API token by id (created once, later only revoked).
    case apiToken(APIToken)
    /// Take one approval step: insert it at its position in the period's history and move the
    /// period's state to where it leads, only if the state is still the step's `from` at version
    /// `position` (otherwise the change breaks, so that of an approve and a return at once only
    /// one is taken).
    case approvalStep(ApprovalStep)
    /// Take one step of a resident's request: the filing (position 0) inserts the request with its
    /// sealed content; a later step replaces the stored request only if it is still at the step's
    /// `position` as its version (otherwise the change breaks, so that of two steps at once only one
    /// is taken). The step goes into the request's history at its position.
    case requestStep(RequestStep)
    /// Replace a request's sealed content and its steps' sealed notes (by position), in a key
    /// rotation; the request must exist.
    case requestResealed(RequestID, content: SealedRequestContent, notes: [Int: String])
    /// Replace the bound personal-data key's check value `from` by `to`, only if `from` is the one
    /// bound and the store holds exactly `sealedRows` rows with sealed data — people, requests, and
    /// requests' steps with a note (otherwise the change breaks): written after every row sealed
    /// again under the new key, so that the rows and the binding change together or not at all, and
    /// a person or a request registered meanwhile is not left behind.
    case dataKeyRotation(from: String, to: String, sealedRows: Int)
}
