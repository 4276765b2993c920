public import HTTPTypes

extension HTTPField.Name {
    /// `Referrer-Policy`.
    public static var referrerPolicy: Self { literal("Referrer-Policy") }
    /// `X-Frame-Options`, for browsers that predate `frame-ancestors`.
    public static var xFrameOptions: Self { literal("X-Frame-Options") }
    /// `Cross-Origin-Opener-Policy`.
    public static var crossOriginOpenerPolicy: Self { literal("Cross-Origin-Opener-Policy") }
    /// `X-Forwarded-For`, trusted only from a configured proxy.
    public static var xForwardedFor: Self { literal("X-Forwarded-For") }
    /// `Sec-Fetch-Site`: where a browser says a request was made from (`same-origin`, `cross-site` …).
    public static var secFetchSite: Self { literal("Sec-Fetch-Site") }
    /// `X-Request-Id`: the id the request log names, sent back so that a report can quote it.
    public static var xRequestID: Self { literal("X-Request-Id") }

    /// A name written in this file: always a valid token, so a failure is a typo here.
    private static func literal(_ name: String) -> Self {
        guard let field = Self(name) else { preconditionFailure("“\(name)” is not a header field name") }
        return field
    }
}
