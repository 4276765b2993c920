public import Foundation

extension Date {
    /// Whole milliseconds since 1970 UTC, rounded to the nearest: the precision events are kept at.
    public var millisecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The instant `milliseconds` after 1970 UTC.
    public init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// `2021-11-05 17:00:03`: the wall-clock time in Asia/Shanghai (UTC+8, no daylight saving).
    public var shanghaiText: String {
        let (seconds, remainder) = millisecondsSince1970.quotientAndRemainder(dividingBy: 1000)
        let local = Int(remainder < 0 ? seconds - 1 : seconds) + 8 * 3600
        let (days, dayRemainder) = local.quotientAndRemainder(dividingBy: 86_400)
        let day = CivilDate(daysSinceEpoch: dayRemainder < 0 ? days - 1 : days)
        let second = local - day.daysSinceEpoch * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day) \(two(second / 3600)):\(two(second % 3600 / 60)):\(two(second % 60))"
    }
}
