public import Hummingbird

/// The cookies of the HTML pages (ASVS 7.1, 3.3): the session cookie and the short-lived one that
/// guards the sign-in form. Both HttpOnly; over TLS both Secure and `__Host-` prefixed, so that no
/// other host or path can set them.
public struct SessionCookies: Sendable {
    /// Whether the pages are served over TLS.
    public let overTLS: Bool

    /// The cookies for a server served over TLS or not.
    public init(overTLS: Bool) { self.overTLS = overTLS }

    /// The session cookie's name.
    public var session: String { overTLS ? "__Host-yizhan-session" : "yizhan-session" }
    /// The sign-in form cookie's name.
    public var signInForm: String { overTLS ? "__Host-yizhan-login" : "yizhan-login" }

    /// The session cookie holding `secret`: SameSite=Lax, so following a link into Yizhan keeps
    /// the user signed in while a cross-site form post carries no session.
    public func session(_ secret: String) -> Cookie {
        Cookie(name: session, value: secret, path: "/", secure: overTLS, httpOnly: true, sameSite: .lax)
    }

    /// The sign-in form cookie holding `nonce`, for an hour, sent back only from Yizhan's own pages.
    public func signInForm(_ nonce: String) -> Cookie {
        Cookie(
            name: signInForm,
            value: nonce,
            maxAge: 3_600,
            path: "/",
            secure: overTLS,
            httpOnly: true,
            sameSite: .strict
        )
    }

    /// A cookie that makes the browser forget `name`.
    public func clearing(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: overTLS, httpOnly: true, sameSite: .lax)
    }

    /// The value of the cookie `name` in `request`, if it has a plausible length (a secret is 43
    /// characters); anything longer is not looked up.
    public static func value(_ name: String, in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, !value.isEmpty, value.utf8.count <= 64 else { return nil }
        return value
    }
}
