import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanKernel
import YizhanLedger
import YizhanPrivacy
import YizhanRuntime

/// `yizhan export services|clients|volunteers|donations --station ID`: a station's ledger, with the headings import reads.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出社工站台账(CSV 或 XLSX) / export a station's ledger (CSV or XLSX)",
        discussion: """
            表头与 yizhan import 读取的相同(表头词典中每个字段的第一种写法)。服务台账按名称写社工、村(社区)、
            项目,服务对象写编号,不含个人信息;服务该站的品牌插件的附加字段各占一列(表头为字段名称,
            取值为组成部分的名称)。花名册的姓名、身份证号、电话默认脱敏;--reveal 显示完整信息,须用
            --reason 说明目的:先为每一个人记录一条 personaldata.revealed 事件,写文件前再记录一条
            personaldata.exported(人数、目的、文件的 SHA-256),文件只有所有者可读(0600)。
            捐赠台账不记个人姓名,最后一列为登记编号:改过的行再导入时列为差异,加 --apply-corrections 按台账更正。

            The headings are those yizhan import reads. Service ledgers hold no personal
            data, and one column per extra field of the station's brand plugins (headed
            by its name). Rosters are masked unless --reveal (with --reason), which first
            records a personaldata.revealed event per person, then, before the file is
            written, a personaldata.exported event with the file's SHA-256; the file is
            readable by its owner only. Donation ledgers name no person; their last column is
            each gift's id, by which a re-import reports the rows edited since.
            """,
        subcommands: [Services.self, Clients.self, Volunteers.self, Donations.self]
    )

    /// The options both ledgers take.
    struct ExportOptions: ParsableArguments {
        @Option(help: "社工站标识 / station id") var station: String
        @Option(name: [.short, .long], help: "输出文件(默认 services-站.csv 或 clients-站.csv) / output file")
        var output: String?
        @Option(help: "格式:csv 或 xlsx(默认按 -o 的扩展名,否则 csv) / csv or xlsx")
        var format: String?
        @Option(help: "表头词典(默认 config/ledgers/headers.yaml) / the header dictionary")
        var headers: String?

        func validate() throws {
            if let format, LedgerFormat(rawValue: format) == nil {
                throw ValidationError("--format 应为 csv 或 xlsx / must be csv or xlsx")
            }
        }

        /// The format: `--format`, else the output's extension, else CSV.
        var chosenFormat: LedgerFormat {
            format.flatMap(LedgerFormat.init) ?? output.flatMap {
                LedgerFormat(rawValue: ($0 as NSString).pathExtension.lowercased())
            }
                ?? .csv
        }

        func outputPath(_ ledger: String) -> String { output ?? "\(ledger)-\(station).\(chosenFormat.rawValue)" }

        func vocabulary(_ ledger: String) throws -> LedgerVocabulary {
            let url =
                try headers.map { URL(fileURLWithPath: $0) }
                ?? ShippedConfig.locate("config/ledgers/headers.yaml", option: "--headers")
            return try LedgerVocabulary.load(from: url, ledger: ledger)
        }

        /// Writes `export` and says where; an unmasked one (`revealed` names why and by whom) is
        /// recorded with its digest before it is written, and is readable by its owner only.
        func write(
            _ export: LedgerExport,
            ledger: String,
            revealed: RevealedExport? = nil,
            language: Language
        ) async throws {
            let file = OutputFile(outputPath(ledger))
            let data = try export.data(chosenFormat)
            if let revealed {
                try await revealed.record(data, ledger: ledger, format: chosenFormat.rawValue)
            }
            try file.write(data, permissions: revealed == nil ? 0o644 : 0o600)
            let rows = export.rows.count - 1
            let masked = revealed == nil && ledger != "services" && ledger != "donations"
            let note = masked ? (language == .zhHans ? "(个人信息已脱敏)" : " (personal data masked)") : ""
            let said =
                language == .zhHans ? "已导出 \(rows) 行到 \(file)\(note)" : "exported \(rows) rows to \(file)\(note)"
            file.isStandardOutput ? Terminal.note(said) : Terminal.out(said)
        }

        func station(in store: any StationStore) async throws -> Station {
            guard let id = try? StationID(station), let found = try await store.station(id) else {
                throw RuntimeError(
                    code: .notFound,
                    detail: LocalizedText(
                        "没有社工站“\(station)”;用 yizhan station list 查看",
                        en: "no station '\(station)'; yizhan station list shows them"
                    )
                )
            }
            return found
        }
    }

    struct Services: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出服务台账 / export the service ledger")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var export: ExportOptions
        @Option(help: "起始日期 YYYY-MM-DD / from") var from: String?
        @Option(help: "截止日期 YYYY-MM-DD / to") var to: String?

        func run() async throws {
            try await options.withStore { workspace, store in
                let station = try await export.station(in: store)
                var period: CivilPeriod?
                if from != nil || to != nil {
                    let start = try from.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 1000, month: 1, day: 1)
                    let end = try to.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 9999, month: 12, day: 31)
                    period = try CivilPeriod(start: start, end: end)
                }
                let records = try await store.serviceRecords(
                    ServiceRecordQuery(scope: .station(station.id), period: period, limit: Int.max)
                )
                let ledger = LedgerExport.services(
                    records,
                    station: station,
                    workers: try await store.workers(of: station.id),
                    programs: try await store.programs(of: station.id),
                    villages: try await store.orgUnits(within: station.orgUnit),
                    vocabulary: try export.vocabulary("services").adding(
                        plugins: try BrandCatalog.registry(for: workspace),
                        for: station
                    )
                )
                try await export.write(ledger, ledger: "services", language: options.language)
            }
        }
    }

    struct Clients: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出服务对象花名册 / export the client ledger")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var export: ExportOptions
        @OptionGroup var revealing: RevealOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let station = try await export.station(in: store)
                let clients = try await store.clients(in: .station(station.id), limit: Int.max)
                let purpose = try revealing.purpose()
                let vault = try await workspace.vault(for: store)
                let reveals = RevealClient(store: store, vault: vault, clock: workspace.clock)
                var masked: [ClientID: PersonalData] = [:]
                var revealed: [ClientID: PersonalData] = [:]
                if let purpose {
                    revealed = try await reveals.revealAll(
                        clients,
                        in: .station(station.id),
                        purpose: purpose,
                        actor: .commandLineUser
                    )
                } else {
                    for client in clients { masked[client.id] = try vault.open(client) }
                }
                let ledger = LedgerExport.clients(
                    clients,
                    station: station,
                    masked: masked,
                    revealed: revealed,
                    villages: try await store.orgUnits(within: station.orgUnit),
                    vocabulary: try export.vocabulary("clients")
                )
                try await export.write(
                    ledger,
                    ledger: "clients",
                    revealed: purpose.map {
                        RevealedExport(reveals: reveals, station: station, people: revealed.count, purpose: $0)
                    },
                    language: options.language
                )
            }
        }
    }

    struct Donations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出捐赠台账 / export the donation ledger")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var export: ExportOptions

        func run() async throws {
            try await options.withStore { _, store in
                let station = try await export.station(in: store)
                let ledger = LedgerExport.donations(
                    try await store.donations(in: .station(station.id), period: nil),
                    station: station,
                    vocabulary: try export.vocabulary("donations")
                )
                try await export.write(ledger, ledger: "donations", language: options.language)
            }
        }
    }

    struct Volunteers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "导出志愿者名册 / export the volunteer roster")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var export: ExportOptions
        @OptionGroup var revealing: RevealOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let station = try await export.station(in: store)
                let volunteers = try await store.volunteers(in: .station(station.id), limit: Int.max)
                let purpose = try revealing.purpose()
                let vault = try await workspace.vault(for: store)
                let reveals = RevealClient(store: store, vault: vault, clock: workspace.clock)
                var masked: [VolunteerID: PersonalData] = [:]
                var revealed: [VolunteerID: PersonalData] = [:]
                if let purpose {
                    revealed = try await reveals.revealAll(
                        volunteers,
                        in: .station(station.id),
                        purpose: purpose,
                        actor: .commandLineUser
                    )
                } else {
                    for volunteer in volunteers { masked[volunteer.id] = try vault.open(volunteer) }
                }
                let ledger = LedgerExport.volunteers(
                    volunteers,
                    station: station,
                    masked: masked,
                    revealed: revealed,
                    villages: try await store.orgUnits(within: station.orgUnit),
                    vocabulary: try export.vocabulary("volunteers")
                )
                try await export.write(
                    ledger,
                    ledger: "volunteers",
                    revealed: purpose.map {
                        RevealedExport(reveals: reveals, station: station, people: revealed.count, purpose: $0)
                    },
                    language: options.language
                )
            }
        }
    }
}

/// An export about to be written unmasked: who may record it, for which station, people and purpose.
struct RevealedExport {
    let reveals: RevealClient
    let station: Station
    let people: Int
    let purpose: RevealPurpose

    /// Commits `personaldata.exported` with the digest of `data`, the file about to be written.
    func record(_ data: Data, ledger: String, format: String) async throws {
        try await reveals.recordExport(
            PersonalDataExported(
                station: station.id,
                ledger: ledger,
                people: people,
                purpose: purpose,
                format: format,
                bytes: data.count,
                sha256: FileDigest.sha256(data)
            ),
            at: station,
            actor: .commandLineUser
        )
    }
}
