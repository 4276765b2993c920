/// Applies a retention policy (保存期限): lists who in a scope has personal data past its period,
/// and erases it, all in one change set, once the operator confirms how many they reviewed.
///
/// The confirmation is the count the review printed: if anyone became due or stopped being due
/// since (a new service, a case reopened), the counts differ and nothing is erased, so that what
/// is erased is exactly what was reviewed.
public struct ReviewRetention: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// One person whose data is due for erasure.
    public struct Due: Hashable, Sendable {
        /// The person and when they were last active.
        public var activity: PersonActivity
        /// The day their period ran out.
        public var dueOn: CivilDate
    }

    /// Creates the use case.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Everyone in `scope` whose data `policy` makes due today, clients first, each kind by id.
    public func due(in scope: Scope, policy: RetentionPolicy) async throws -> [Due] {
        let today = clock.today
        return try await store.personalDataActivity(in: scope).compactMap { activity in
            guard let day = policy.dueDay(of: activity), day <= today else { return nil }
            return Due(activity: activity, dueOn: day)
        }
    }

    /// Erases the data of everyone `due(in:policy:)` lists, with reason 保存期满, when they are
    /// `confirmed` people; returns them.
    ///
    /// - Throws: `InputError` on `confirm` when the count differs from those due now; nothing changes.
    @discardableResult
    public func erase(in scope: Scope, policy: RetentionPolicy, confirmed: Int, actor: Actor) async throws -> [Due] {
        let due = try await due(in: scope, policy: policy)
        guard confirmed == due.count else {
            throw InputError.single(
                .conflict,
                "confirm",
                "\(confirmed)",
                "现在到期的人数 \(due.count)(名单有变,请重新核对到期名单)",
                "the number due now, \(due.count) (the list changed: review it again)"
            )
        }
        try await ErasePersonalData(store: store, clock: clock)
            .erase(due.map(\.activity.person), in: scope, reason: .retentionExpired, actor: actor)
        return due
    }
}
