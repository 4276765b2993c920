public import Foundation

/// How many failed sign-ins are allowed before a wait (ASVS 6.3.1): per account and per address,
/// counted in the store so that every server process counts the same failures (issue 23.7).
public struct LoginThrottle: Hashable, Sendable {
    /// Failures of one account allowed within `window`.
    public var perAccount: Int
    /// Failures from one address allowed within `window` (a shared office gets more).
    public var perAddress: Int
    /// The window failures are counted in; a refused sign-in waits until the oldest leaves it.
    public var window: TimeInterval

    /// Creates a throttle: 5 failures of an account, 20 from an address, in 15 minutes.
    public init(perAccount: Int = 5, perAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = window
    }

    /// The subject a failure of `account` counts against.
    public static func subject(account: UserID) -> String { "account:" + account.rawValue }

    /// The subject a failure from an address counts against, given the address's keyed digest
    /// (the address itself is never stored).
    public static func subject(addressDigest: String) -> String { "address:" + addressDigest }
}

/// One failed sign-in, counted against a subject (`account:<id>` or `address:<digest>`).
public struct LoginFailure: Hashable, Sendable {
    /// What the failure counts against.
    public var subject: String
    /// When it happened.
    public var at: Date

    /// Creates a failure.
    public init(subject: String, at: Date) {
        self.subject = subject
        self.at = Date(millisecondsSince1970: at.millisecondsSince1970)
    }
}
