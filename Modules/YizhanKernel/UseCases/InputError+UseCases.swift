/// The refusals the use cases share.
extension InputError {
    /// One refused field: what was found and what was expected, in both languages.
    public static func single(
        _ code: InputIssue.Code,
        _ field: String,
        _ found: String,
        _ zh: String,
        _ en: String
    )
        -> InputError
    {
        InputError(issues: [InputIssue(code: code, field: field, found: found, expected: LocalizedText(zh, en: en))])
    }

    /// The station `text` names is not registered.
    public static func unknownStation(_ text: String) -> InputError {
        single(.unknownReference, "station", text, "已登记的社工站标识", "the id of a registered station")
    }

    /// The station id `text`, or `unknownStation` when it is not one.
    public static func stationID(_ text: String) throws -> StationID {
        guard let id = try? StationID(text) else { throw unknownStation(text) }
        return id
    }

    /// `text` names no service record of the station asked for.
    public static func unknownRecord(_ text: String) -> InputError {
        single(
            .unknownReference,
            "record",
            text,
            "本站的服务记录编号(yizhan record list 可查)",
            "the id of a service record of this station (see yizhan record list)"
        )
    }
}
