/// A small, fast, seedable random number generator (Steele, Lea & Flood's SplitMix64): the same
/// seed gives the same numbers on every machine, which makes the demo workspace and the
/// randomised tests reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, computed here rather than by the standard library so that it cannot
    /// change between Swift versions. The modulo bias is below 2⁻⁴⁰ for the small ranges used.
    public mutating func uniform(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// An element of `elements`, which must not be empty.
    public mutating func pick<Element>(_ elements: [Element]) -> Element? {
        elements.isEmpty ? nil : elements[uniform(0...(elements.count - 1))]
    }
}
