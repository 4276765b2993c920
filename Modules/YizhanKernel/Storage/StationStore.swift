/// Where a workspace keeps its rows and its event log: SQLite for a county, PostgreSQL beyond.
///
/// Every adapter implements it natively and passes the same conformance suite
/// (`YizhanKernelTesting.StoreConformance`). All methods are safe to call from any task.
public protocol StationStore: EventLog, LedgerWriting, DirectoryReading, ServiceReading, CaseReading,
    ReferralReading, GroupReading, VolunteerLedger, FundLedger, DonationReading, StaffLedger, CommunityLedger,
    EvaluationLedger, ApprovalLedger, RequestLedger, SummaryReading,
    StoreSnapshotting,
    DeliveryLedger,
    DataKeyBinding,
    AccountLedger
{
    /// Brings the schema up to date; safe to call on every start.
    func migrate() async throws
}

/// The write side and the event log.
public protocol EventLog: Sendable {
    /// Commits `change` in one transaction: every row and event, or nothing.
    ///
    /// - Returns: the sequence of the last event appended (`nil` for an empty change set).
    /// - Throws: `StoreError` with code `.constraintViolation` when a row breaks a rule of the
    ///   schema (an unknown station, a duplicate record id, a negative duration …), `.invalidChange`
    ///   when rows come without events.
    @discardableResult
    func commit(_ change: ChangeSet) async throws -> EventSequence?

    /// Reads the context `request` names and commits the change set `build` makes from it, all in
    /// one write transaction: the checks and the write see the same data, and nothing is written
    /// when `build` throws.
    ///
    /// - Parameter build: runs inside the transaction and returns the change set and a value to hand
    ///   back; it must not block or do I/O. Its errors are rethrown unchanged (an `InputError`, say).
    /// - Returns: the sequence of the last event appended, and `build`'s value.
    func commit<Output: Sendable>(
        checking request: ContextRequest,
        _ build: @escaping @Sendable (StationContext?) throws -> (ChangeSet, Output)
    ) async throws -> (sequence: EventSequence?, output: Output)

    /// Up to `limit` events with a sequence greater than `sequence`, in sequence order.
    func events(after sequence: EventSequence, limit: Int) async throws -> [StoredEvent]

    /// The sequence of the newest event (`.start` when the log is empty).
    func lastEventSequence() async throws -> EventSequence
}

/// Look-ups and lists of the reference data: units, stations, staff, programs.
public protocol DirectoryReading: Sendable {
    /// The unit with `code`, if registered.
    func orgUnit(_ code: DivisionCode) async throws -> OrgUnit?
    /// The units within `code` (itself included), ordered by code.
    func orgUnits(within code: DivisionCode) async throws -> [OrgUnit]
    /// The agency with `id`, if registered.
    func agency(_ id: AgencyID) async throws -> Agency?
    /// The stations within `scope`, ordered by township code, then id.
    func stations(in scope: Scope) async throws -> [Station]
    /// The station with `id`, if any.
    func station(_ id: StationID) async throws -> Station?
    /// The workers of `station`, ordered by role, then id.
    func workers(of station: StationID) async throws -> [Worker]
    /// The programs of `station` with their sub-projects, ordered by id.
    func programs(of station: StationID) async throws -> [ProgramWithSubProjects]
    /// The station `request` names and what its records are checked against, in one read (`nil`
    /// if the station is unknown).
    func stationContext(_ request: ContextRequest) async throws -> StationContext?
    /// The clients among `ids` that exist, in no particular order.
    func clients(_ ids: [ClientID]) async throws -> [Client]
    /// Up to `limit` clients in `scope`, ordered by id.
    func clients(in scope: Scope, limit: Int) async throws -> [Client]
    /// The households in `scope`, ordered by id.
    func households(in scope: Scope) async throws -> [Household]
    /// Up to `limit` volunteers in `scope`, ordered by id.
    func volunteers(in scope: Scope, limit: Int) async throws -> [Volunteer]
    /// When each client and volunteer in `scope` whose personal data is still kept was last
    /// active (a retention review's dates): clients first, then volunteers, each by id.
    func personalDataActivity(in scope: Scope) async throws -> [PersonActivity]
}

/// Cases (个案) with their stage histories.
public protocol CaseReading: Sendable {
    /// The case with `id` and its history, if any.
    func caseFile(_ id: CaseID) async throws -> CaseFile?
    /// Up to `limit` cases in `scope` (only those still open when `openOnly`), ordered by id.
    func caseFiles(in scope: Scope, openOnly: Bool, limit: Int) async throws -> [CaseFile]
}

/// Groups (小组) and their members; their sessions are service records (`ServiceRecordQuery.group`).
public protocol GroupReading: Sendable {
    /// The group with `id`, if any.
    func group(_ id: GroupID) async throws -> ServiceGroup?
    /// The groups in `scope`, ordered by id.
    func groups(in scope: Scope) async throws -> [ServiceGroup]
}

/// The gifts stations received.
public protocol DonationReading: Sendable {
    /// The gifts in `scope` (received in `period` when given), oldest first; voided ones left out.
    func donations(in scope: Scope, period: CivilPeriod?) async throws -> [Donation]
    /// The gift with `id`, voided or not, with its version.
    func donation(_ id: DonationID) async throws -> StoredEntry<Donation>?
    /// Applies `revision` of a gift in one transaction with its events — unless the gift is to a
    /// charity fund that would then have granted more than it received; then nothing changes and
    /// the outcome gives the fund's balance. `events` makes the events from the fund's balance
    /// after it (`nil` for a gift to no fund). Revisions and grants of one fund run one after the other.
    ///
    /// - Throws: `StoreError` `.constraintViolation` when the store no longer holds `revision.previous`.
    func reviseDonation(
        _ revision: EntryRevision<Donation>,
        events: @escaping @Sendable (Fen?) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome
    /// The revisions of entry `id` (an expense or a gift), oldest first.
    func entryRevisions<Entry: RevisableEntry>(of id: Entry.ID) async throws -> [EntryRevision<Entry>]
}

/// Budget lines and the expenses booked against them.
public protocol FundLedger: Sendable {
    /// The budget line with `id`, if any.
    func budgetLine(_ id: BudgetLineID) async throws -> BudgetLine?
    /// The lines in `scope` (of `year` when given) with what has been spent on each, ordered by id.
    func budgetLines(in scope: Scope, year: Int?) async throws -> [BudgetLineSpending]
    /// Books `expense` in one transaction with its events — unless it would take the line past its
    /// amount and `authorised` is false; then nothing changes. `events` makes the events from what
    /// remains of the line after the expense. Bookings on one line run one after the other.
    func bookExpense(
        _ expense: Expense,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> ExpenseBooking
    /// The expense with `id`, voided or not, with its version.
    func expense(_ id: ExpenseID) async throws -> StoredEntry<Expense>?
    /// The expenses booked against `line`, oldest first, voided ones included (and marked).
    func expenses(of line: BudgetLineID) async throws -> [StoredEntry<Expense>]
    /// Applies `revision` of an expense in one transaction with its events — unless it raises the
    /// amount past what remains of the line and `authorised` is false; then nothing changes and the
    /// outcome gives what the line has for the expense. `events` makes the events from what remains
    /// of the line after it. Revisions and bookings on one line run one after the other.
    ///
    /// - Throws: `StoreError` `.constraintViolation` when the store no longer holds `revision.previous`.
    func reviseExpense(
        _ revision: EntryRevision<Expense>,
        authorised: Bool,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> EntryRevisionOutcome
}

/// What became of a revision of an entry that draws on a balance (a budget line, a charity fund).
public enum EntryRevisionOutcome: Hashable, Sendable {
    /// It was applied; what remains of the line or the fund after it (`nil`: a gift to no fund).
    case revised(remaining: Fen?)
    /// It would over-spend the line unauthorised, or leave the fund below zero; nothing changed.
    /// `remaining` is what the line has for the expense, or the fund's balance.
    case refused(remaining: Fen)
}

/// A budget line and what has been spent on it.
public struct BudgetLineSpending: Hashable, Sendable, Codable {
    /// The line.
    public var line: BudgetLine
    /// The sum of its expenses.
    public var spent: Fen

    /// Pairs them.
    public init(line: BudgetLine, spent: Fen) {
        self.line = line
        self.spent = spent
    }
}

/// Volunteer activities, hours and the points passbook.
public protocol VolunteerLedger: Sendable {
    /// The volunteer with `id`, if registered.
    func volunteer(_ id: VolunteerID) async throws -> Volunteer?
    /// The teams in `scope`, ordered by id.
    func volunteerTeams(in scope: Scope) async throws -> [VolunteerTeam]
    /// The activity with `id`, if any.
    func volunteerActivity(_ id: VolunteerActivityID) async throws -> VolunteerActivity?
    /// `station`'s activities, the latest held first, at most `limit`.
    func volunteerActivities(of station: StationID, limit: Int) async throws -> [VolunteerActivity]
    /// The attendances at `activity`, voided ones left out, in check-in order.
    func attendances(at activity: VolunteerActivityID) async throws -> [VolunteerHours]
    /// The volunteer's attendances with their activities, oldest first, voided ones left out: only
    /// at `station`'s activities when given, only those held in `period` when given.
    func volunteerHours(
        of volunteer: VolunteerID,
        at station: StationID?,
        in period: CivilPeriod?
    ) async throws
        -> [VolunteerAttendance]
    /// The attendance with `id`, voided or not, with its version.
    func attendance(_ id: VolunteerHoursID) async throws -> StoredEntry<VolunteerHours>?
    /// Applies `revision` of an attendance in one transaction with the points it moves and its
    /// events. `booking` gets the points booked for the attendance so far and the volunteer's
    /// balance, both read in the transaction, and gives the passbook entry and events to write with
    /// it. Writers are serialised per volunteer, as `appendPassbook`'s are.
    ///
    /// - Throws: `StoreError` `.constraintViolation` when the store no longer holds `revision.previous`.
    func reviseHours(
        _ revision: EntryRevision<VolunteerHours>,
        booking: @escaping @Sendable (_ booked: Int, _ balance: Int) -> HoursRevisionBooking
    ) async throws -> HoursRevisionBooking
    /// The volunteer's passbook, in the order booked.
    func passbook(of volunteer: VolunteerID) async throws -> [PassbookEntry]
    /// Books `entry` with `change` (the attendance that earns it, say) in one transaction, with the
    /// event `event` makes from the balance after it — unless its key was booked before, or it would
    /// take the balance below zero; then nothing of `change` is written either. Writers are
    /// serialised per volunteer, so two processes redeeming at once cannot overdraw.
    func appendPassbook(
        _ entry: PassbookEntry,
        alongside change: ChangeSet,
        event: @escaping @Sendable (Int) -> DomainEvent
    ) async throws -> PassbookAppend
}

/// An attendance with the activity it was at.
public struct VolunteerAttendance: Hashable, Sendable, Codable {
    /// The attendance.
    public var hours: VolunteerHours
    /// Its activity.
    public var activity: VolunteerActivity

    /// Pairs them.
    public init(hours: VolunteerHours, activity: VolunteerActivity) {
        self.hours = hours
        self.activity = activity
    }
}

/// Referrals and what came of them.
public protocol ReferralReading: Sendable {
    /// The referral of service record `record`, if it is one.
    func referral(_ record: ServiceRecordID) async throws -> ReferralListing?
    /// Up to `limit` referrals in `scope` (only those still pending when `pendingOnly`), newest first.
    func referrals(in scope: Scope, pendingOnly: Bool, limit: Int) async throws -> [ReferralListing]
}

/// A referral with the facts of its service record a list shows.
public struct ReferralListing: Hashable, Sendable, Codable {
    /// The referral.
    public var referral: Referral
    /// The station that referred.
    public var station: StationID
    /// The day of the referral.
    public var date: CivilDate
    /// The clients referred.
    public var clients: [ClientID]

    /// Creates a listing.
    public init(referral: Referral, station: StationID, date: CivilDate, clients: [ClientID]) {
        self.referral = referral
        self.station = station
        self.date = date
        self.clients = clients
    }
}

/// Service records and the aggregations reports need; aggregation happens in the store.
public protocol ServiceReading: Sendable {
    /// The records matching `query`, newest first.
    func serviceRecords(_ query: ServiceRecordQuery) async throws -> [ServiceRecord]
    /// Record counts, person-times and minutes grouped as `query` asks.
    func serviceTotals(_ query: ServiceTotalsQuery) async throws -> [ServiceTotal]
    /// Per station: area, workers, certified workers, party members, programs, sub-projects.
    func stationTallies(in scope: Scope) async throws -> [StationTally]
    /// The record with `id` as it stands, voided or not; `nil` when there is none.
    func serviceRecord(_ id: ServiceRecordID) async throws -> StoredServiceRecord?
    /// The revisions of record `id`, oldest first.
    func serviceRevisions(of id: ServiceRecordID) async throws -> [ServiceRevision]
}

/// A program and its sub-projects, read together.
public struct ProgramWithSubProjects: Hashable, Sendable, Codable {
    /// The program.
    public var program: Program
    /// Its sub-projects, ordered by slot, then id.
    public var subProjects: [SubProject]

    /// Creates the pair.
    public init(program: Program, subProjects: [SubProject]) {
        self.program = program
        self.subProjects = subProjects
    }
}
