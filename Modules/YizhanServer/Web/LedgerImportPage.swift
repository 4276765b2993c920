import Foundation
public import Hummingbird
import YizhanKernel
import YizhanLedger

/// Importing a station's service ledger from a page (issue 24.2): upload a CSV or XLSX, see the
/// report `yizhan import services --dry-run` gives — how the columns were read, every refused cell
/// with its row, column, value and reason — and only then confirm. The preview writes nothing;
/// the confirmation posts the same file back (its digest checked against the one previewed) and
/// runs the same `ServiceLedgerImport`, all rows in one transaction.
public struct LedgerImportPage: Sendable {
    let dependencies: ServerDependencies
    let pages: WebPages
    let frame: PageFrame

    /// The largest upload taken (a ledger beyond it goes in with `yizhan import`).
    public static let uploadLimit = 4 * 1024 * 1024

    /// The page over `dependencies`, rendered with `pages`.
    public init(dependencies: ServerDependencies, pages: WebPages) {
        self.dependencies = dependencies
        self.pages = pages
        self.frame = PageFrame(strings: pages.strings)
    }

    /// Adds the page to `group`.
    public func addRoutes(to group: RouterGroup<WebContext>) {
        group.get("stations/:id/import", use: form)
        group.post("stations/:id/import", use: upload)
    }

    @Sendable func form(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context)
        return try page(request, context: context, station: station, values: [:], status: .ok)
    }

    @Sendable func upload(_ request: Request, context: WebContext) async throws -> Response {
        let station = try await station(request, context: context)
        let language = PageLanguage.of(request)
        var copy = request
        let body = try await copy.collectBody(upTo: Self.uploadLimit)
        guard let form = MultipartForm(body, contentType: request.headers[.contentType] ?? "") else {
            throw PageProblem.badForm
        }
        let confirming = form.value("confirm") == "1"
        let skipInvalid = form.value("skipInvalid") == "1"
        var bytes: [UInt8]
        var filename: String
        if confirming {
            guard let data = form.value("data").flatMap({ Data(base64Encoded: $0) }) else { throw PageProblem.badForm }
            bytes = Array(data)
            filename = form.value("filename") ?? "ledger"
        } else {
            guard let file = form.part("file"), let name = file.filename, !name.isEmpty, !file.bytes.isEmpty else {
                return try page(
                    request,
                    context: context,
                    station: station,
                    values: ["problem": pages.strings.text("import_choose_file", language)],
                    status: .unprocessableContent
                )
            }
            bytes = file.bytes
            filename = String(name.split(separator: "/").last ?? "ledger").prefix(120).description
        }
        let sheet: LedgerSheet
        do {
            sheet = try LedgerSheet(data: Data(bytes), file: filename)
        } catch {
            return try page(
                request,
                context: context,
                station: station,
                values: ["problem": error.message(in: language)],
                status: .unprocessableContent
            )
        }
        if confirming, form.value("digest") != sheet.digest { throw PageProblem.badForm }
        guard let vocabulary = try vocabulary(for: station) else { throw HTTPError(.notFound) }
        let run = ServiceLedgerImport(
            store: dependencies.store,
            vault: dependencies.vault,
            vocabulary: vocabulary,
            plugins: dependencies.plugins,
            clock: dependencies.clock
        )
        let options = LedgerImportOptions(
            skipInvalid: skipInvalid,
            actor: context.principal.actor,
            dryRun: !confirming
        )
        var values: [String: Any] = ["filename": filename, "skipInvalid": skipInvalid]
        let report: LedgerImportReport
        do {
            report = try await run.run(sheet, station: station.id.rawValue, options: options)
        } catch let error as LedgerImportError {
            switch error.reason {
            case .dryRun(let preview):
                values["report"] = Self.report(preview, language: language)
                if !preview.refused || skipInvalid, preview.accepted > 0 || preview.registered > 0 {
                    values["confirm"] = [
                        "data": Data(bytes).base64EncodedString(), "digest": sheet.digest, "filename": filename,
                        "skipInvalid": skipInvalid ? "1" : "",
                    ]
                }
                return try page(request, context: context, station: station, values: values, status: .ok)
            case .refused(let refused):
                values["report"] = Self.report(refused, language: language)
                return try page(
                    request,
                    context: context,
                    station: station,
                    values: values,
                    status: .unprocessableContent
                )
            default:
                values["problem"] = error.message(in: language)
                return try page(
                    request,
                    context: context,
                    station: station,
                    values: values,
                    status: .unprocessableContent
                )
            }
        }
        values["report"] = Self.report(report, language: language)
        values["done"] = true
        return try page(request, context: context, station: station, values: values, status: .ok)
    }

    /// The vocabulary `yizhan import services` reads the station's ledgers with: the shipped
    /// dictionary, then the station's own headings (`--save-columns`); `nil` without a dictionary.
    private func vocabulary(for station: Station) throws -> LedgerVocabulary? {
        guard let dictionary = dependencies.ledgerHeaders else { return nil }
        var vocabulary = try LedgerVocabulary.load(from: dictionary, ledger: "services")
        let own = StationLedgerHeadings.file(for: station.id, beside: dictionary)
        if FileManager.default.fileExists(atPath: own.path) {
            vocabulary = vocabulary.overlaying(try LedgerVocabulary.headersFile(at: own))
        }
        return vocabulary
    }

    /// `report` as the page shows it: the command line's summary lines, then every refused cell.
    static func report(_ report: LedgerImportReport, language: Language) -> [String: Any] {
        [
            "lines": report.lines(in: language),
            "dataRows": report.dataRows, "accepted": report.accepted, "already": report.alreadyImported,
            "registered": report.registered, "refusedRows": report.rejectedRows, "written": report.written,
            "columns": report.columns.map {
                ["field": report.fieldNames[$0.field] ?? $0.field, "heading": $0.heading]
            },
            "rejections": report.rejections.map { rejection -> [String: Any] in
                [
                    "row": rejection.row, "column": rejection.column.map { LedgerColumns.letter($0) } ?? "—",
                    "heading": rejection.heading, "value": rejection.value,
                    "reason": rejection.reason.text(in: language),
                ]
            },
            "hasRejections": !report.rejections.isEmpty,
        ]
    }

    private func page(
        _ request: Request,
        context: WebContext,
        station: Station,
        values: [String: Any],
        status: HTTPResponse.Status
    ) throws -> Response {
        var all = frame.values(request, context: context, place: .station(station), section: .importLedger)
        all.merge(values) { _, new in new }
        all["station"] = ["id": station.id.rawValue, "name": station.name]
        all["limitMiB"] = Self.uploadLimit / 1024 / 1024
        return try pages.page("import", all, for: request, status: status)
    }

    private func station(_ request: Request, context: WebContext) async throws -> Station {
        try await dependencies.access.station(
            try context.parameters.require("id"),
            .writeRecords,
            by: context.principal,
            route: context.route(of: request)
        )
    }
}
