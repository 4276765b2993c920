public import Hummingbird
public import YizhanKernel

/// The language a browser reads the pages in: zh-Hans unless it chose English with the switch in
/// the page's header, which keeps the choice in a cookie (a preference, not a credential).
public enum PageLanguage {
    /// The cookie holding the choice.
    public static let cookie = "yizhan-lang"

    /// The language `request` asks for.
    public static func of(_ request: Request) -> Language {
        request.cookies[cookie]?.value == "en" ? .en : .zhHans
    }

    /// The code of `language` as `lang=` attributes and the cookie write it.
    public static func code(_ language: Language) -> String {
        language == .en ? "en" : "zh-Hans"
    }

    /// Where to go back to after switching: a path on this server, or home. A full URL, a
    /// protocol-relative `//host` or anything with a backslash would send the browser elsewhere.
    static func safeReturn(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.utf8.count <= 512,
            !path.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return "/" }
        return path
    }

    /// Adds `GET /language/{zh-Hans|en}?back=PATH` to `group`: sets the cookie, goes back.
    static func addRoutes(to group: RouterGroup<AppRequestContext>, overTLS: Bool) {
        group.get("language/:code") { request, context -> Response in
            let code = try context.parameters.require("code")
            guard code == "en" || code == "zh-Hans" else { throw HTTPError(.notFound) }
            var response = Response(
                status: .seeOther,
                headers: [.location: safeReturn(request.uri.queryParameters["back"].map(String.init))]
            )
            response.setCookie(
                Cookie(
                    name: cookie,
                    value: code,
                    maxAge: 365 * 24 * 3_600,
                    path: "/",
                    secure: overTLS,
                    httpOnly: true,
                    sameSite: .lax
                )
            )
            return response
        }
    }
}
