import PostgresNIO

/// SQL text built piece by piece, with every value bound as `$n` — never spliced into the text.
struct SQLBuilder {
    private(set) var text: String
    private(set) var binds = PostgresBindings()

    init(_ text: String = "") { self.text = text }

    /// Appends SQL text (fixed by the code, never user input).
    mutating func append(_ fragment: String) { text += fragment }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: some PostgresThrowingDynamicTypeEncodable) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    /// The query to run.
    var query: PostgresQuery { PostgresQuery(unsafeSQL: text, binds: binds) }
}
