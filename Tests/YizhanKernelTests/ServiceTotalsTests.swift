import Foundation
import Testing
import YizhanKernel

/// Totals grouped several ways at once, summed back to one dimension; UUIDv7 bounds for `--as-of`.
struct ServiceTotalsTests {
    private func total(
        _ station: String,
        _ kind: ServiceKind,
        _ month: String,
        records: Int,
        people: Int
    ) throws
        -> ServiceTotal
    {
        ServiceTotal(
            station: try StationID(station),
            kind: kind,
            month: month,
            records: records,
            personTimes: kind == .training ? 0 : people,
            trainingPersonTimes: kind == .training ? people : 0,
            durationMinutes: records * 30
        )
    }

    @Test func groupsRollUpToEachDimensionInKeyOrder() throws {
        let groups = [
            try total("ganpu", .homeVisit, "2021-02", records: 2, people: 3),
            try total("baibu", .homeVisit, "2021-01", records: 1, people: 1),
            try total("baibu", .training, "2021-02", records: 1, people: 30),
            try total("baibu", .homeVisit, "2021-02", records: 4, people: 6),
        ]
        let byStation = groups.rolledUp(to: .station)
        #expect(byStation.map(\.station?.rawValue) == ["baibu", "ganpu"])
        #expect(byStation.map(\.records) == [6, 2])
        #expect(byStation.map(\.personTimes) == [7, 3])
        #expect(byStation.map(\.trainingPersonTimes) == [30, 0])
        #expect(byStation.allSatisfy { $0.kind == nil && $0.month == nil })
        let byMonth = groups.rolledUp(to: .month)
        #expect(byMonth.map(\.month) == ["2021-01", "2021-02"])
        #expect(byMonth.map(\.durationMinutes) == [30, 210])
        let byKind = groups.rolledUp(to: .kind)
        #expect(byKind.map(\.kind) == [.homeVisit, .training])
        #expect(byKind.map(\.personTimes) == [10, 0])
        #expect([ServiceTotal]().rolledUp(to: .kind).isEmpty)
    }

    @Test func uuidv7LowerBoundSortsBetweenMilliseconds() {
        var generator = SystemRandomNumberGenerator()
        let milliseconds: UInt64 = 1_625_068_800_000
        let bound = UUIDv7.lowerBound(milliseconds: milliseconds)
        #expect(bound == "017a5da6-0800-7000-8000-000000000000")
        for _ in 0..<100 {
            #expect(UUIDv7.make(milliseconds: milliseconds - 1, using: &generator) < bound)
            #expect(UUIDv7.make(milliseconds: milliseconds, using: &generator) >= bound)
        }
    }
}
