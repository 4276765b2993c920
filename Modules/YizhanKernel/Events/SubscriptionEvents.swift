/// `subscription.disabled`: the notifier stopped delivering to a subscription that kept failing
/// (HTTP 410, or a robot's "token invalid" codes). Its pending deliveries wait for `enable`.
public struct SubscriptionDisabled: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.subscriptionDisabled
    public static let schemaVersion = 1
    /// The subscription's name.
    public var subscription: String
    /// Why, in words safe to show (never the URL or the secret).
    public var reason: String
    /// The HTTP status that decided it, if any.
    public var httpStatus: Int?

    /// Describes a disabling.
    public init(subscription: String, reason: String, httpStatus: Int?) {
        self.subscription = subscription
        self.reason = reason
        self.httpStatus = httpStatus
    }
}

/// `subscription.enabled`: an operator switched a disabled subscription back on.
public struct SubscriptionEnabled: EventPayload, Decodable, Hashable {
    public static let eventType = EventType.subscriptionEnabled
    public static let schemaVersion = 1
    /// The subscription's name.
    public var subscription: String

    /// Describes an enabling.
    public init(subscription: String) {
        self.subscription = subscription
    }
}
