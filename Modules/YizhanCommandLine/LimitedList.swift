public import YizhanKernel

/// A list read one past its `--limit`, so that what is printed can say the limit cut it instead of
/// passing the first 50 off as all of them (issue 21.15).
public struct LimitedList<Element: Sendable>: Sendable {
    /// At most `limit` elements, in the order read.
    public var items: [Element]
    /// Whether more were there than `limit`.
    public var isCut: Bool

    /// The first `limit` (at least 1) of `all`, marked cut when `all` holds more.
    public init(first limit: Int, of all: some Collection<Element>) {
        items = Array(all.prefix(max(1, limit)))
        isCut = all.count > max(1, limit)
    }

    /// A list of `items`, cut or not.
    public init(items: [Element], isCut: Bool) {
        self.items = items
        self.isCut = isCut
    }

    /// Reads with `fetch(limit + 1)` and keeps `limit` (at least 1).
    public static func read(
        limit: Int,
        _ fetch: (Int) async throws -> [Element]
    ) async throws -> LimitedList<Element> {
        let limit = max(1, limit)
        let fetched = try await fetch(limit == Int.max ? limit : limit + 1)
        return LimitedList(items: Array(fetched.prefix(limit)), isCut: fetched.count > limit)
    }

    /// The closing line: how many are shown of `noun`, and, when cut, how to see the rest.
    public func summary(
        _ noun: (zh: String, en: String),
        note: (zh: String, en: String)? = nil,
        in language: Language
    )
        -> String
    {
        let extra = note.map { language == .zhHans ? $0.zh : $0.en } ?? ""
        switch (isCut, language) {
        case (false, .zhHans): return "共 \(items.count) \(noun.zh)\(extra)"
        case (false, .en): return "\(items.count) \(noun.en)\(extra)"
        case (true, .zhHans): return "显示前 \(items.count) \(noun.zh)\(extra);还有更多,用 --limit 列出更多"
        case (true, .en): return "the first \(items.count) \(noun.en)\(extra); there are more: raise --limit"
        }
    }
}
