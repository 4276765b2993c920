public import Foundation

/// What the notifier does after one attempt, decided from the receiver's answer.
public enum DeliveryVerdict: Hashable, Sendable {
    /// Accepted.
    case delivered
    /// A failure that may pass: try again on the retry schedule.
    case retry(reason: String)
    /// The receiver asks to slow down: try again after `after` seconds (a rate limit, Retry-After);
    /// not counted as an attempt.
    case wait(after: TimeInterval, reason: String)
    /// A failure that will not pass for this message (it is malformed or refused): dead letter now.
    case drop(reason: String)
    /// The endpoint is gone or no longer accepts this subscription: switch it off.
    case disable(reason: String)
}

/// The receiver's answer to one request.
public struct HTTPReply: Hashable, Sendable {
    /// The HTTP status.
    public var status: Int
    /// The response headers, names lower-cased.
    public var headers: [String: String]
    /// The body (at most the first 64 KiB).
    public var body: Data

    /// Creates a reply.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
