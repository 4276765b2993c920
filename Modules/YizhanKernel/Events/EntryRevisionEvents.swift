/// `expense.corrected`: an expense has a new version; which facts changed and the amounts, never
/// the reason (free text stays in the store).
public struct ExpenseCorrected: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.expenseCorrected
    public static let schemaVersion = 1
    /// The expense.
    public var expense: ExpenseID
    /// Its budget line.
    public var line: BudgetLineID
    /// The station.
    public var station: StationID
    /// The version it is at now.
    public var version: Int
    /// The facts that changed (`amount`, `date`, `purpose`, `authorise`).
    public var changed: [String]
    /// The amount before, in fen, so that a subscriber's running totals follow.
    public var amountBefore: Fen
    /// The amount after, in fen.
    public var amount: Fen

    /// Describes `revision`, a correction of an expense of `station`.
    public init(_ revision: EntryRevision<Expense>, station: StationID) {
        expense = revision.entry
        line = revision.previous.line
        self.station = station
        version = revision.version
        changed = revision.changedFields
        amountBefore = revision.previous.amount
        amount = revision.current?.amount ?? .zero
    }
}

/// `expense.voided`: an expense no longer counts against its line; it stays in the history.
public struct ExpenseVoided: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.expenseVoided
    public static let schemaVersion = 1
    /// The expense.
    public var expense: ExpenseID
    /// Its budget line.
    public var line: BudgetLineID
    /// The station.
    public var station: StationID
    /// The version the void makes.
    public var version: Int
    /// The amount no longer counted, in fen.
    public var amount: Fen

    /// Describes `revision`, a void of an expense of `station`.
    public init(_ revision: EntryRevision<Expense>, station: StationID) {
        expense = revision.entry
        line = revision.previous.line
        self.station = station
        version = revision.version
        amount = revision.previous.amount
    }
}

/// `donation.corrected`: a gift has a new version; which facts changed and the amounts.
public struct DonationCorrected: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.donationCorrected
    public static let schemaVersion = 1
    /// The gift.
    public var donation: DonationID
    /// The station that received it.
    public var station: StationID
    /// The version it is at now.
    public var version: Int
    /// The facts that changed (`amount`, `date`, `donorKind`, `donor` …).
    public var changed: [String]
    /// The amount (or the goods' value) before, in fen.
    public var amountBefore: Fen
    /// The amount after, in fen.
    public var amount: Fen

    /// Describes `revision`, a correction of a gift.
    public init(_ revision: EntryRevision<Donation>) {
        donation = revision.entry
        station = revision.previous.station
        version = revision.version
        changed = revision.changedFields
        amountBefore = revision.previous.amount
        amount = revision.current?.amount ?? .zero
    }
}

/// `donation.voided`: a gift no longer counts; it stays in the history.
public struct DonationVoided: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.donationVoided
    public static let schemaVersion = 1
    /// The gift.
    public var donation: DonationID
    /// The station that received it.
    public var station: StationID
    /// The version the void makes.
    public var version: Int
    /// The amount (or the goods' value) no longer counted, in fen.
    public var amount: Fen

    /// Describes `revision`, a void of a gift.
    public init(_ revision: EntryRevision<Donation>) {
        donation = revision.entry
        station = revision.previous.station
        version = revision.version
        amount = revision.previous.amount
    }
}

extension EventType {
    /// An expense was corrected (a new version).
    public static let expenseCorrected = EventType(rawValue: "expense.corrected")
    /// An expense was voided.
    public static let expenseVoided = EventType(rawValue: "expense.voided")
    /// A gift was corrected (a new version).
    public static let donationCorrected = EventType(rawValue: "donation.corrected")
    /// A gift was voided.
    public static let donationVoided = EventType(rawValue: "donation.voided")
}

/// `volunteerhours.corrected`: an attendance has new times; which changed, the minutes before and
/// after and the points that moved — ids and numbers only, never the reason.
public struct VolunteerHoursCorrected: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerHoursCorrected
    public static let schemaVersion = 1
    /// The attendance.
    public var hours: VolunteerHoursID
    /// Its activity.
    public var activity: VolunteerActivityID
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station that recorded it.
    public var station: StationID
    /// The version it is at now.
    public var version: Int
    /// The facts that changed (`check-in`, `check-out`, `minutes`).
    public var changed: [String]
    /// Minutes credited before.
    public var minutesBefore: Int
    /// Minutes credited now.
    public var minutes: Int
    /// Points added or taken back.
    public var points: Int
    /// Points that could not be taken back (spent already).
    public var unrecovered: Int

    /// Describes `revision`, a correction of an attendance at `activity`, and how its points moved.
    public init(_ revision: EntryRevision<VolunteerHours>, at activity: VolunteerActivity, adjustment: PointsAdjustment)
    {
        hours = revision.entry
        self.activity = activity.id
        volunteer = revision.previous.volunteer
        station = activity.station
        version = revision.version
        changed = revision.changedFields
        minutesBefore = revision.previous.minutes
        minutes = revision.current?.minutes ?? 0
        points = adjustment.points
        unrecovered = adjustment.unrecovered
    }
}

/// `volunteerhours.voided`: an attendance no longer counts; the minutes it credited and the points
/// taken back. It stays in the history.
public struct VolunteerHoursVoided: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.volunteerHoursVoided
    public static let schemaVersion = 1
    /// The attendance.
    public var hours: VolunteerHoursID
    /// Its activity.
    public var activity: VolunteerActivityID
    /// The volunteer.
    public var volunteer: VolunteerID
    /// The station that recorded it.
    public var station: StationID
    /// The version the void makes.
    public var version: Int
    /// Minutes no longer credited.
    public var minutes: Int
    /// Points taken back (zero or negative).
    public var points: Int
    /// Points that could not be taken back (spent already).
    public var unrecovered: Int

    /// Describes `revision`, a void of an attendance at `activity`, and how its points moved.
    public init(_ revision: EntryRevision<VolunteerHours>, at activity: VolunteerActivity, adjustment: PointsAdjustment)
    {
        hours = revision.entry
        self.activity = activity.id
        volunteer = revision.previous.volunteer
        station = activity.station
        version = revision.version
        minutes = revision.previous.minutes
        points = adjustment.points
        unrecovered = adjustment.unrecovered
    }
}

extension EventType {
    /// A volunteer's attendance was corrected (a new version).
    public static let volunteerHoursCorrected = EventType(rawValue: "volunteerhours.corrected")
    /// A volunteer's attendance was voided.
    public static let volunteerHoursVoided = EventType(rawValue: "volunteerhours.voided")
}
