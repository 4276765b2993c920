/// The service totals a plugin's context has read, by query: a plugin whose indicators and sections
/// ask the store the same question (澉浦's progress per household, asked by each of its six
/// figures) reads the records once per report.
actor ServiceTotalsMemo {
    private var answers: [ServiceTotalsQuery: [ServiceTotal]] = [:]

    /// The totals `query` gives, read from `store` the first time it is asked.
    func totals(_ query: ServiceTotalsQuery, from store: any StationStore) async throws -> [ServiceTotal] {
        if let known = answers[query] { return known }
        let read = try await store.serviceTotals(query)
        answers[query] = read
        return read
    }
}
