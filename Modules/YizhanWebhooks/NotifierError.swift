public import YizhanKernel

/// A subscription the notifier cannot use, with which one, why and how to fix it. Never carries a
/// secret or a robot's token.
public struct NotifierError: Error, Hashable, Sendable, UserFacingError {
    /// What kind of problem it is.
    public enum Code: String, Hashable, Sendable {
        /// A `${NAME}` in a URL, or a secret's `env`, names an unset environment variable.
        case missingEnvironment
        /// A secret's file cannot be read.
        case unreadableSecret
        /// A secret is not in the form its kind needs (`whsec_…` base64 for webhooks).
        case malformedSecret
        /// The URL is not a valid http(s) URL once its placeholders are filled.
        case invalidURL
        /// No subscription has the name given.
        case unknownSubscription
    }

    /// What kind of problem it is.
    public var code: Code
    /// The subscription concerned.
    public var subscription: String
    /// The message in both languages.
    public var detail: LocalizedText

    /// Creates an error.
    public init(_ code: Code, subscription: String, detail: LocalizedText) {
        self.code = code
        self.subscription = subscription
        self.detail = detail
    }

    /// The message in the reader's language, prefixed by the subscription's name.
    public func message(in language: Language) -> String {
        language == .zhHans
            ? "订阅 \(subscription):\(detail.zhHans)"
            : "subscription \(subscription): \(detail.en)"
    }
}
