import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanLedger
import YizhanRuntime

/// `yizhan import services|clients FILE --station ID`: a station's Excel ledger into the workspace.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入社工站的 Excel 台账:服务、服务对象、志愿者(CSV 或 XLSX) / import a station's ledger",
        discussion: """
            读 CSV(UTF-8,带或不带 BOM,或 GBK)和 XLSX 的第一个工作表;表头按 config/ledgers/headers.yaml
            对应到字段,可有标题行和两行合并表头;日期可写 2021-11-05、2021/11/5、2021年11月5日 或 2021.11.05。
            默认全有或全无:有一行出错就不导入任何行;--skip-invalid 只导入正确的行。出错的行逐格列出
            (行、列、内容、原因),并写入 CSV。同一文件再导入一次不会重复写入。

            Reads CSV (UTF-8 with or without a BOM, or GBK) and the first sheet of an XLSX. Headings map
            to fields through config/ledgers/headers.yaml; title rows and two-row merged headings are
            read. All-or-nothing unless --skip-invalid; every refused cell is listed and written as CSV.
            Importing the same file again writes nothing twice.

            示例 / Examples:
              yizhan import clients 百步花名册.xlsx --station baibu
              yizhan import services 百步服务台账.csv --station baibu --skip-invalid
            """,
        subcommands: [Services.self, Clients.self, Volunteers.self, Donations.self]
    )

    /// The options both ledgers take.
    struct LedgerOptions: ParsableArguments {
        @Argument(help: "台账文件(.csv 或 .xlsx) / the ledger file") var file: String
        @Option(help: "社工站标识 / station id") var station: String
        @Flag(name: .customLong("skip-invalid"), help: "跳过出错的行,导入其余的行 / import the good rows, skip the bad")
        var skipInvalid = false
        @Flag(
            name: .customLong("apply-corrections"),
            help: "按台账更正与之不同的已存记录(带记录编号或登记编号的行) / correct stored records a row differs from"
        )
        var applyCorrections = false
        @Flag(
            name: .customLong("dry-run"),
            help: "预演:列出读取的列、前几行将记录为什么、出错的行与合计核对,不写入任何内容 / preview, write nothing"
        )
        var dryRun = false
        @Option(help: "出错行清单 CSV 的路径(默认:台账文件名.rejections.csv) / where to write the refused rows")
        var rejections: String?
        @Option(help: "表头词典(默认 config/ledgers/headers.yaml) / the header dictionary")
        var headers: String?
        @Option(
            name: .customLong("column"),
            help: ArgumentHelp(
                "本次导入把某个表头读作某个字段,可重复:--column 服务人次=人数 / read a heading as a field",
                valueName: "表头=字段"
            )
        )
        var columnMappings: [String] = []
        @Flag(
            name: .customLong("save-columns"),
            help: "把本次的 --column 写入该站自己的表头词典(表头词典旁的 站.yaml),下次不必再给 / keep the --column mappings"
        )
        var saveColumns = false

        func validate() throws {
            if saveColumns, columnMappings.isEmpty {
                throw ValidationError("--save-columns 需要同时给出 --column 表头=字段 / --save-columns needs --column")
            }
            if saveColumns, dryRun {
                throw ValidationError("--dry-run 不写入任何内容,不能与 --save-columns 同用 / a dry run writes nothing")
            }
        }
    }

    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入服务台账 / import a service ledger",
            discussion: """
                每行一次服务:服务日期、服务类型、时长(分钟),服务对象(编号或身份证号)或人数;台账写有服务对象
                姓名与身份证号而此人尚未登记的,导入时在同一事务中登记(姓名、身份证号加密保存,村取自本行;须有
                知情同意:本行的同意列,或 --consent-date D --consent-scope … 声明纸质同意书已存档),
                --no-register 则把这样的行按出错处理;已登记的人姓名须与台账一致。可选村(社区)、
                社工(写法与本站社工对不上的,如“王社工”,按原文保存在记录上并提醒;--strict 则拒收)、服务项目、子项目、备注,以及服务该站的品牌插件的附加字段(表头写字段名称或标识,如
                “5色桥治理:色桥”,单元格写组成部分的名称或标识,如“第二色桥”或 bridge2)。
                整个文件一个事务:每条记录一条 service.recorded 事件,最后一条 ledger.imported。带记录编号(由 yizhan export 写出)的行若已被改动,
                逐行列为“与已存记录不同”,不会被当作已导入而略过;加 --apply-corrections 则按台账更正,每条成为
                新版本、留下历史并记一条 service.corrected 事件。
                One service a row; a worker named otherwise than the station's workers (王社工) is
                kept on the record as written and warned of (--strict refuses the row instead),
                plus a column per extra field of the station's brand
                plugins (headed by the field's name or id, cells an element's name or id);
                the whole file is one transaction: a service.recorded event per record, then
                one ledger.imported.
                """
        )
        @OptionGroup var options: GlobalOptions
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var consent: ConsentOptions
        @Flag(
            name: .customLong("no-register"),
            help: "不登记台账中尚未登记的服务对象,这样的行按出错处理 / refuse rows whose person is not registered"
        )
        var noRegister = false
        @Flag(
            name: .customLong("strict"),
            help: "社工一栏写的不是本站社工的姓名或标识时拒收该行(默认按原文保存并提醒) / refuse rows naming no worker of the station"
        )
        var strict = false

        func run() async throws {
            let stated = StatedConsent(date: consent.date, scope: consent.scope, givenBy: consent.givenBy)
            try await ImportCommand.run(
                "services",
                ledger,
                options,
                consent: stated,
                noRegister: noRegister,
                strict: strict
            )
        }
    }

    struct Clients: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入服务对象花名册 / import a client ledger",
            discussion: """
                每行一人:姓名、身份证号、村(社区),可选电话、类别、知情同意日期、同意范围、同意人、备注。
                身份证号按 GB 11643 校验,姓名、身份证号、电话加密保存;已登记的人(按身份证号)不重复登记。
                登记须有知情同意:台账没有同意列时,用 --consent-date D --consent-scope … 声明这些人签署的
                纸质同意书已存档(记在每人名下与 ledger.imported 事件中);未满 14 周岁的须由监护人同意。
                One person a row; ID numbers are checked (GB 11643); personal data is stored encrypted;
                people registered before (by ID number) are not registered again. Registration needs
                consent: without consent columns, --consent-date D --consent-scope … states that the
                signed forms are on file (recorded on each client and in the ledger.imported event).

                示例 / Example:
                  yizhan import clients 百步花名册.xlsx --station baibu --consent-date 2021-03-01 \\
                    --consent-scope 接受服务 --consent-scope 个人信息收集与使用
                """
        )
        @OptionGroup var options: GlobalOptions
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var consent: ConsentOptions

        func run() async throws {
            let stated = StatedConsent(date: consent.date, scope: consent.scope, givenBy: consent.givenBy)
            try await ImportCommand.run("clients", ledger, options, consent: stated)
        }
    }

    struct Volunteers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入志愿者名册 / import a volunteer roster",
            discussion: """
                每行一人:姓名、身份证号,可选电话、村(社区)、登记日期、备注。实名信息加密保存;
                已登记的志愿者(按身份证号)不重复登记。
                One volunteer a row; real names are sealed; volunteers registered before are not registered again.
                """
        )
        @OptionGroup var options: GlobalOptions
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            try await ImportCommand.run("volunteers", ledger, options)
        }
    }

    struct Donations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入捐赠台账(如 99公益日 明细) / import a donation ledger",
            discussion: """
                每行一笔:捐赠日期、金额(元),可选捐赠方类型(默认个人)、捐赠单位、资金或物资、物资、项目、
                渠道、配捐、流水号、备注。个人不记姓名。整个文件一个事务:每笔一条 donation.received,最后一条
                ledger.imported 事件。
                带登记编号(由 yizhan export donations 写出)的行若已被改动,逐行列为“与已存记录不同”;
                加 --apply-corrections 则按台账更正,每笔成为新版本并记一条 donation.corrected 事件
                (捐入社区慈善基金的捐赠须用 yizhan donation correct 更正)。
                One gift a row; individual donors stay anonymous; one transaction, a donation.received
                per gift and one ledger.imported per file.
                Rows that name a stored gift by its id and were edited are listed as differences;
                --apply-corrections corrects them, each a new version with a donation.corrected event.
                """
        )
        @OptionGroup var options: GlobalOptions
        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            try await ImportCommand.run("donations", ledger, options)
        }
    }

    static func run(
        _ kind: String,
        _ ledger: LedgerOptions,
        _ options: GlobalOptions,
        consent: StatedConsent? = nil,
        noRegister: Bool = false,
        strict: Bool = false
    ) async throws {
        let language = options.language
        var refusedReport: LedgerImportReport?
        try await options.withStore { workspace, store in
            let dictionary =
                try ledger.headers.map { URL(fileURLWithPath: $0) }
                ?? ShippedConfig.locate("config/ledgers/headers.yaml", option: "--headers")
            // The station's own headings (written by --save-columns) after the shipped dictionary's.
            let stationFile = (try? StationID(ledger.station)).map {
                StationLedgerHeadings.file(for: $0, beside: dictionary)
            }
            var shipped = try LedgerVocabulary.load(from: dictionary, ledger: kind)
            var stationHeadings: LedgerHeadersFile?
            if let stationFile, FileManager.default.fileExists(atPath: stationFile.path) {
                let loaded = try LedgerVocabulary.headersFile(at: stationFile)
                stationHeadings = loaded
                shipped = shipped.overlaying(loaded)
            }
            let vocabulary = try shipped.mapping(ledger.columnMappings)
            let sheet = try LedgerSheet(contentsOf: URL(fileURLWithPath: ledger.file), displayName: ledger.file)
            let vault = try await workspace.vault(for: store)
            let label = language == .zhHans ? "导入" : "importing"
            let progress: @Sendable (Double) -> Void = { fraction in
                Terminal.progress(label, done: Int(fraction * 100), total: 100)
            }
            let importOptions = LedgerImportOptions(
                skipInvalid: ledger.skipInvalid,
                applyCorrections: ledger.applyCorrections,
                actor: .commandLineUser,
                statedConsent: consent,
                dryRun: ledger.dryRun,
                noRegister: noRegister,
                strict: strict
            )
            let report: LedgerImportReport
            do {
                if kind == "donations" {
                    report = try await DonationLedgerImport(
                        store: store,
                        vocabulary: vocabulary,
                        clock: workspace.clock
                    ).run(
                        sheet,
                        station: ledger.station,
                        options: importOptions,
                        progress: progress
                    )
                } else if let roster = RosterImport.Roster(rawValue: kind) {
                    report = try await RosterImport(
                        store: store,
                        vault: vault,
                        vocabulary: vocabulary,
                        clock: workspace.clock
                    ).run(
                        roster,
                        sheet,
                        station: ledger.station,
                        options: importOptions,
                        progress: progress
                    )
                } else {
                    report = try await ServiceLedgerImport(
                        store: store,
                        vault: vault,
                        vocabulary: vocabulary,
                        plugins: try BrandCatalog.registry(for: workspace),
                        clock: workspace.clock
                    ).run(
                        sheet,
                        station: ledger.station,
                        options: importOptions,
                        progress: progress
                    )
                }
            } catch let error as LedgerImportError {
                switch error.reason {
                case .refused(let refused):
                    refusedReport = refused
                    try show(refused, ledger: ledger, options: options)
                case .dryRun(let preview):
                    if preview.refused { refusedReport = preview }
                    try show(preview, ledger: ledger, options: options)
                default:
                    throw error
                }
                return
            }
            try show(report, ledger: ledger, options: options)
            if ledger.saveColumns, let stationFile, let station = try await store.station(StationID(ledger.station)) {
                let text = StationLedgerHeadings.text(
                    adding: try shipped.resolved(ledger.columnMappings),
                    to: kind,
                    existing: stationHeadings,
                    station: station
                )
                try OutputFile(stationFile.path).write(Data(text.utf8))
                Terminal.out(
                    language == .zhHans
                        ? "已把 \(ledger.columnMappings.count) 个表头写入 \(stationFile.path),下次导入不必再给 --column"
                        : "saved \(ledger.columnMappings.count) headings to \(stationFile.path); the next import needs no --column"
                )
            }
        }
        if refusedReport != nil { throw ExitCode.failure }
    }

    /// Prints the report (or its JSON) and writes the refused rows' CSV.
    private static func show(_ report: LedgerImportReport, ledger: LedgerOptions, options: GlobalOptions) throws {
        let language = options.language
        var rejectionsPath: String?
        // A preview writes nothing, not even the list of refused rows.
        if !report.rejections.isEmpty, !report.dryRun {
            let path = ledger.rejections ?? Self.defaultRejectionsPath(for: ledger.file)
            do throws(OutputFileError) {
                try OutputFile(path).write(report.rejectionsCSV(in: language))
                rejectionsPath = path
            } catch {
                Terminal.error(error.message(in: language))
            }
        }
        if options.json {
            try Terminal.json(ImportView(report, rejectionsFile: rejectionsPath, language: language))
            return
        }
        for line in report.lines(in: language) { Terminal.out(line) }
        if let rejectionsPath {
            Terminal.out(language == .zhHans ? "出错行清单:\(rejectionsPath)" : "refused rows: \(rejectionsPath)")
        }
    }

    /// `台账.csv` → `台账.rejections.csv`, beside the ledger.
    static func defaultRejectionsPath(for file: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingPathExtension().path + ".rejections.csv"
    }
}

/// The JSON of `yizhan import --json`.
struct ImportView: Encodable {
    var file: String
    var format: String
    var encoding: String
    var sha256: String
    var headerRows: [Int]
    var columns: [String: String]
    var dataRows: Int
    var accepted: Int
    var alreadyImported: Int
    var registered: Int
    var rejectedRows: Int
    var written: Bool
    var differences: [LedgerDifference]
    var corrected: Int
    var totals: LedgerTotalsCheck
    var dryRun: Bool
    var preview: [LedgerPreviewRow]
    var rejections: [Rejection]
    var rejectionsFile: String?

    struct Rejection: Encodable {
        var row: Int
        var column: String?
        var heading: String
        var value: String
        var reason: String
    }

    init(_ report: LedgerImportReport, rejectionsFile: String?, language: Language) {
        file = report.file
        format = report.format.rawValue
        encoding = report.encoding.rawValue
        sha256 = report.digest
        headerRows = report.headerRows
        columns = Dictionary(report.columns.map { ($0.field, $0.heading) }, uniquingKeysWith: { first, _ in first })
        dataRows = report.dataRows
        accepted = report.accepted
        alreadyImported = report.alreadyImported
        registered = report.registered
        rejectedRows = report.rejectedRows
        written = report.written
        differences = report.differences
        corrected = report.corrected
        totals = report.totals
        dryRun = report.dryRun
        preview = report.preview
        rejections = report.rejections.map {
            Rejection(
                row: $0.row,
                column: $0.column.map(LedgerColumns.letter),
                heading: $0.heading,
                value: $0.value,
                reason: $0.reason.text(in: language)
            )
        }
        self.rejectionsFile = rejectionsFile
    }
}
