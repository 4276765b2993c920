public import Foundation

/// When to try a failed delivery again: exponential backoff with full jitter, then a dead letter.
///
/// Attempt n (1-based) failed → wait a random time in [base·2ⁿ⁻¹ / 2, base·2ⁿ⁻¹], capped at `cap`.
/// With the defaults (10 s, cap 1 h, 8 attempts) the seven waits add up to 10.6–21.2 minutes before
/// the eighth failure makes a dead letter.
public struct RetryPolicy: Hashable, Sendable {
    /// The first wait.
    public var base: TimeInterval
    /// The longest wait.
    public var cap: TimeInterval
    /// Attempts in all before the dead letter.
    public var maxAttempts: Int

    /// Creates a policy.
    public init(base: TimeInterval = 10, cap: TimeInterval = 3_600, maxAttempts: Int = 8) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The wait after the `attempts`-th failed attempt, or `nil` when the schedule is exhausted.
    /// `random` is in [0, 1).
    public func delay(afterAttempts attempts: Int, random: Double) -> TimeInterval? {
        guard attempts < maxAttempts else { return nil }
        let exponent = Double(max(0, attempts - 1))
        let ceiling = min(cap, base * pow(2, exponent))
        return ceiling / 2 + ceiling / 2 * random
    }
}
