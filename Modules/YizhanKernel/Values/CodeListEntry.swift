/// A value from an extensible code list: the kernel knows some entries, templates may add others.
///
/// Service kinds, client categories, program slots and room kinds are code lists: a template can add
/// `"legalAid"` without a kernel change, while the kernel still names the entries its rules rely on.
public protocol CodeListEntry: RawRepresentable, Hashable, Sendable, Codable, Comparable,
    CustomStringConvertible
where RawValue == String {
    /// Creates the entry whose code is `rawValue`.
    init(rawValue: String)
    /// The entries the kernel knows, in display order.
    static var known: [Self] { get }
    /// The entry's label in `language`, or its code when the kernel has no label for it.
    func label(in language: Language) -> String
}

extension CodeListEntry {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let left = known.firstIndex(of: lhs) ?? Int.max
        let right = known.firstIndex(of: rhs) ?? Int.max
        return left != right ? left < right : lhs.rawValue < rhs.rawValue
    }

    /// The entry whose code or label (in either language) is `text`, among the known entries.
    public static func matching(_ text: String) -> Self? {
        if let code = known.first(where: { $0.rawValue == text }) { return code }
        return known.first { $0.label(in: .zhHans) == text || $0.label(in: .en) == text }
    }
}
