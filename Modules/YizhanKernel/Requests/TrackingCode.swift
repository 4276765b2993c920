/// The code a resident who filed through the public form gets back, to follow their request
/// without an account: 12 characters of an alphabet without look-alikes (no 0, 1, I, O), about
/// 60 bits, shown in groups of four (`7KQ2-MX9D-4HTP`). Stores keep only its digest
/// (`PersonalDataVault.trackingDigest(of:)`), so the code opens nothing to whoever reads the
/// database; guessing is throttled where every server process sees it.
public struct TrackingCode: Hashable, Sendable, CustomStringConvertible {
    /// The characters codes are made of.
    public static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    /// How many characters a code has.
    public static let length = 12

    /// The code's characters, without the dashes.
    public let rawValue: String

    /// A new code from the system's random source.
    public static func generate() -> TrackingCode {
        var random = SystemRandomNumberGenerator()
        let characters = (0..<length).map { _ in alphabet[Int(random.next(upperBound: UInt32(alphabet.count)))] }
        return TrackingCode(checked: String(characters))
    }

    /// The code `text` writes, however typed: lower case, spaces and dashes are forgiven; `nil`
    /// when it cannot be one.
    public init?(typed text: String) {
        let kept = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard kept.count == Self.length, kept.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        rawValue = kept
    }

    private init(checked: String) { rawValue = checked }

    /// The code in groups of four: `7KQ2-MX9D-4HTP`.
    public var description: String {
        stride(from: 0, to: rawValue.count, by: 4).map { start -> String in
            let from = rawValue.index(rawValue.startIndex, offsetBy: start)
            return String(rawValue[from..<rawValue.index(from, offsetBy: 4)])
        }.joined(separator: "-")
    }
}
