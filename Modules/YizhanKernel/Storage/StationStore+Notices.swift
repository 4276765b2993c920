extension StationStore {
    /// Raises each reminder once: commits every candidate whose key has not been raised, its
    /// event with its `notice` row, and returns the events raised. A key raised meanwhile by
    /// another process is skipped, as one raised before.
    public func raiseOnce(
        _ candidates: [(key: String, event: DomainEvent)],
        on day: CivilDate
    ) async throws
        -> [DomainEvent]
    {
        let raised = try await raisedNotices(among: candidates.map(\.key))
        var events: [DomainEvent] = []
        for candidate in candidates where !raised.contains(candidate.key) {
            do {
                try await commit(ChangeSet(writes: [.notice(key: candidate.key, on: day)], events: [candidate.event]))
                events.append(candidate.event)
            } catch let error as StoreError where error.code == .constraintViolation {
                continue  // raised meanwhile by another process
            }
        }
        return events
    }
}
