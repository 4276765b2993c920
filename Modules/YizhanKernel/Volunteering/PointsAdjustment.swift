/// What a correction or void of an attendance does to the points it earned (issue 21.3): the
/// points booked for it move to what the corrected minutes earn. Points the volunteer has spent
/// already are not taken back below a zero balance: they stay with the volunteer, counted as
/// `unrecovered`, and the points booked for the attendance keep them, so that a later correction
/// upwards gives nothing twice.
public struct PointsAdjustment: Hashable, Sendable, Codable {
    /// The points booked for the attendance before: what it earned and every adjustment since.
    public var booked: Int
    /// The points the attendance earns as it now stands (0 once voided).
    public var target: Int
    /// The volunteer's balance before.
    public var balanceBefore: Int
    /// The points added (positive) or taken back (negative); 0 when nothing moves.
    public var points: Int
    /// The points the change would take back that the balance does not hold (spent already).
    public var unrecovered: Int

    /// The adjustment that moves `booked` to `target` on a passbook holding `balance`.
    public init(booked: Int, target: Int, balance: Int) {
        self.booked = booked
        self.target = target
        balanceBefore = balance
        let wanted = target - booked
        points = wanted >= 0 ? wanted : -min(-wanted, max(balance, 0))
        unrecovered = points - wanted
    }

    /// The balance after it.
    public var balance: Int { balanceBefore + points }

    /// The passbook entry of the adjustment for `revision` of an attendance at `activity`, dated on
    /// the activity's day as the points earned were; `nil` when no point moves.
    public func entry(
        for revision: EntryRevision<VolunteerHours>,
        at activity: VolunteerActivity
    ) -> PassbookEntry? {
        guard points != 0 else { return nil }
        return PassbookEntry(
            key: "hours:\(revision.entry):v\(revision.version)",
            volunteer: revision.previous.volunteer,
            station: activity.station,
            kind: .adjusted,
            points: points,
            on: activity.heldOn,
            reference: revision.entry.rawValue
        )
    }
}

/// What a store writes for a revision of an attendance, beside the revision itself: the points'
/// passbook entry, if any, and the events.
public struct HoursRevisionBooking: Sendable {
    /// How the points moved.
    public var adjustment: PointsAdjustment
    /// The passbook entry that moves them (`nil` when none moves).
    public var entry: PassbookEntry?
    /// The events of the change.
    public var events: [DomainEvent]

    /// Bundles them.
    public init(adjustment: PointsAdjustment, entry: PassbookEntry?, events: [DomainEvent]) {
        self.adjustment = adjustment
        self.entry = entry
        self.events = events
    }
}
