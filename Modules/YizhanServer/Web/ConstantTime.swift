/// Comparing secrets without leaking, by how long it takes, how much of them matched.
enum ConstantTime {
    /// Whether `a` and `b` are the same text, in time that depends only on their lengths.
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
