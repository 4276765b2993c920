import Foundation
public import Hummingbird
import Mustache
import NIOCore
public import YizhanKernel

/// The server's HTML pages: the Mustache templates under `Resources/Templates`, parsed once when
/// the router is built, their words in both languages (`PageStrings`), and the assets under
/// `Resources/Assets` — nothing is fetched from elsewhere, so the pages work on an intranet
/// without internet.
public struct WebPages: Sendable {
    private let library: MustacheLibrary
    /// The pages' words.
    public let strings: PageStrings
    /// The assets served under `/assets/`, by file name: the stylesheet and the one script.
    public let assets: [String: ByteBuffer]
    /// The stylesheet served at `/assets/site.css`.
    public var stylesheet: ByteBuffer { assets["site.css"] ?? ByteBuffer() }

    /// The pages as shipped in the module's resources.
    ///
    /// - Throws: `WebPagesError` when a template is missing or does not parse (the tests rule it out).
    public init() throws {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let assets = Bundle.module.url(forResource: "Assets", withExtension: nil),
            let strings = Bundle.module.url(forResource: "pages", withExtension: "json", subdirectory: "Strings")
        else { throw WebPagesError.missing("Resources/Templates, Resources/Assets, Resources/Strings/pages.json") }
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: templates.path).filter {
            $0.hasSuffix(".mustache")
        }
        for name in names.sorted() {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                throw WebPagesError.unparsable(name)
            }
        }
        self.library = library
        self.strings = try PageStrings(json: Data(contentsOf: strings))
        var files: [String: ByteBuffer] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: assets.path) {
            files[name] = ByteBuffer(bytes: try Data(contentsOf: assets.appendingPathComponent(name)))
        }
        self.assets = files
    }

    /// The page `template` rendered with `values` for `request`, answered with `status`: in the
    /// language the browser chose, with the words as `t`, the language as `lang` and the switch to
    /// the other language coming back to this page.
    ///
    /// - Throws: `WebPagesError.missing` for a template that does not exist.
    public func page(
        _ template: String,
        _ values: [String: Any],
        for request: Request,
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        let language = PageLanguage.of(request)
        var values = values
        values["t"] = strings.table(language)
        values["lang"] = PageLanguage.code(language)
        values["switchLanguage"] = [
            "code": PageLanguage.code(language == .en ? .zhHans : .en),
            "name": language == .en ? "中文" : "English",
            "back": Self.queryValue(
                PageLanguage.safeReturn(request.uri.path + (request.uri.query.map { "?" + $0 } ?? ""))
            ),
        ]
        guard let html = library.render(values, withTemplate: template) else { throw WebPagesError.missing(template) }
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

extension WebPages {
    /// The template `template` rendered with `values` and the words of `language`, as a part of
    /// a page (what a page keeps rendered between requests).
    ///
    /// - Throws: `WebPagesError.missing` for a template that does not exist.
    public func fragment(_ template: String, _ values: [String: Any], language: Language) throws -> String {
        var values = values
        values["t"] = strings.table(language)
        values["lang"] = PageLanguage.code(language)
        guard let html = library.render(values, withTemplate: template) else { throw WebPagesError.missing(template) }
        return html
    }

    /// `text` percent-encoded for one value of a URL's query.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=?+#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Why the built-in pages could not be loaded.
public enum WebPagesError: Error, CustomStringConvertible {
    /// A template or asset is not in the module's resources.
    case missing(String)
    /// A template does not parse.
    case unparsable(String)

    /// What went wrong, in both languages.
    public var description: String {
        switch self {
        case .missing(let name): "网页模板缺失:\(name)(安装不完整,请重新构建)/ page resource missing: \(name)"
        case .unparsable(let name): "网页模板无法解析:\(name) / page template does not parse: \(name)"
        }
    }
}
