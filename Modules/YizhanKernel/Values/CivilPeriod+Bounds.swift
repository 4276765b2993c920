extension CivilPeriod {
    /// The period from `from` through `to` as a person gives them (`YYYY-MM-DD`, either may be
    /// missing: then the period is open on that side), or `nil` when neither is given. The command
    /// line's `--from`/`--to` and the API's `from`/`to` query parameters both read dates here.
    ///
    /// - Throws: `InputError` naming the field that is no date, or `to` when it falls before `from`.
    public static func bounded(from: String?, to: String?) throws -> CivilPeriod? {
        guard from != nil || to != nil else { return nil }
        var check = FieldCheck()
        func day(_ text: String?, field: String, open: () throws -> CivilDate) -> CivilDate? {
            guard let text else { return try? open() }
            guard let date = try? CivilDate(parsing: text) else {
                check.refuse(.invalidFormat, field, text, "YYYY-MM-DD 格式的日期", "a date as YYYY-MM-DD")
                return nil
            }
            return date
        }
        let start = day(from, field: "from") { try CivilDate(year: 1000, month: 1, day: 1) }
        let end = day(to, field: "to") { try CivilDate(year: 9999, month: 12, day: 31) }
        if let start, let end, end < start {
            check.refuse(.outOfRange, "to", end.description, "不早于 \(start) 的日期", "a date no earlier than \(start)")
        }
        guard check.issues.isEmpty, let start, let end else { throw InputError(issues: check.issues) }
        return try CivilPeriod(start: start, end: end)
    }
}
