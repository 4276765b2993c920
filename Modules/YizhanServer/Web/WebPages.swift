import Foundation
public import Hummingbird
import Mustache
import NIOCore

/// The server's HTML pages: the Mustache templates under `Resources/Templates`, parsed once when
/// the router is built, and the one stylesheet under `Resources/Assets` — nothing is fetched from
/// elsewhere, so the pages work on an intranet without internet.
public struct WebPages: Sendable {
    private let library: MustacheLibrary
    /// The stylesheet served at `/assets/site.css`.
    public let stylesheet: ByteBuffer

    /// The pages as shipped in the module's resources.
    ///
    /// - Throws: `WebPagesError` when a template is missing or does not parse (the tests rule it out).
    public init() throws {
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let css = Bundle.module.url(forResource: "site", withExtension: "css", subdirectory: "Assets")
        else { throw WebPagesError.missing("Resources/Templates, Resources/Assets/site.css") }
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
        self.stylesheet = ByteBuffer(bytes: try Data(contentsOf: css))
    }

    /// The page `template` rendered with `values`, answered with `status`.
    ///
    /// - Throws: `WebPagesError.missing` for a template that does not exist.
    public func page(
        _ template: String,
        _ values: [String: Any],
        status: HTTPResponse.Status = .ok,
        headers: HTTPFields = [:]
    ) throws -> Response {
        guard let html = library.render(values, withTemplate: template) else { throw WebPagesError.missing(template) }
        var fields: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
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
