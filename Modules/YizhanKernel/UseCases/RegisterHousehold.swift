import Foundation

/// Registers a household (家庭) in a village of the station's township, with `household.registered`;
/// clients then join it with `yizhan client add --household`.
public struct RegisterHousehold: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Registers a household of `station` in `village` (a 12-digit code).
    ///
    /// - Throws: `InputError` for an unknown station or a village outside its township.
    @discardableResult
    public func register(station: String, village: String, actor: Actor) async throws -> Household {
        let instant = clock.now()
        let unknownStation = InputError(issues: [
            InputIssue(
                code: .unknownReference,
                field: "station",
                found: station,
                expected: LocalizedText("已登记的社工站标识", en: "the id of a registered station")
            )
        ])
        guard let stationID = try? StationID(station) else { throw unknownStation }
        let villages = (try? DivisionCode(village)).map { [$0] } ?? []
        let (_, household) = try await store.commit(checking: ContextRequest(station: stationID, villages: villages)) {
            context -> (ChangeSet, Household) in
            guard let context else { throw unknownStation }
            var check = FieldCheck()
            let code = check.village(village, context: context)
            guard check.issues.isEmpty, let code else { throw InputError(issues: check.issues) }
            let household = Household(id: .generate(), station: context.station.id, village: code)
            var change = ChangeSet()
            change.register(household, at: context.station, by: actor, at: instant)
            return (change, household)
        }
        return household
    }
}
