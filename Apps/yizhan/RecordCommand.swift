import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan record …`.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "服务记录 / service records",
        subcommands: [Add.self, List.self, Show.self, Correct.self, VoidRecord.self]
    )

    /// `--field KEY=VALUE` options as a dictionary.
    static func extraFields(_ fields: [String]) throws -> [String: String] {
        var parsed: [String: String] = [:]
        for field in fields {
            guard let equals = field.firstIndex(of: "="), equals != field.startIndex else {
                throw ValidationError("--field “\(field)” 应写作 字段=取值 / expected KEY=VALUE")
            }
            let key = String(field[..<equals])
            guard parsed[key] == nil else {
                throw ValidationError("--field \(key) 重复给出 / given twice")
            }
            parsed[key] = String(field[field.index(after: equals)...])
        }
        return parsed
    }

    /// `yizhan record add`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录一次服务(与其事件在同一事务中写入) / record a service, committed with its event",
            discussion: """
                类型 --kind 可写代码或中文:caseWork 个案、groupSession 小组、communityActivity 社区活动、
                homeVisit 走访、referral 转介、consultation 咨询、training 培训。
                --head-count(人数)与 --client(服务对象标识,可多次)二选一。任一字段有误则不写入任何数据。
                --field 字段=取值 填写服务本站的品牌插件登记的附加字段(可多次;yizhan plugin show 列出),
                如百步的 --field baibu-159.bridge=bridge2。

                示例 / Example:
                  yizhan record add --station baibu --kind 走访 \\
                    --date 2021-11-05 --duration 45 --head-count 2 \\
                    --village 330424102201 --worker baibu-w3 \\
                    --sub-project baibu-basic1
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "社工站标识 / station id")
        var station: String

        @Option(help: "服务类型 / kind of service")
        var kind: String

        @Option(help: "服务日期(北京时间),如 2021-11-05、2021/11/5、2021年11月5日 / civil date in Asia/Shanghai")
        var date: String

        @Option(parsing: .unconditional, help: "时长(分钟,0–1440) / minutes")
        var duration: Int

        @Option(help: "村(社区)12 位区划代码 / village division code")
        var village: String?

        @Option(name: .customLong("worker"), help: "社工标识,可多次 / worker id (repeatable)")
        var workers: [String] = []

        @Option(name: .customLong("client"), help: "服务对象标识,可多次 / client id (repeatable)")
        var clients: [String] = []

        @Option(name: .customLong("head-count"), parsing: .unconditional, help: "参与人数 / number of people")
        var headCount: Int?

        @Option(help: "服务项目标识 / program id")
        var program: String?

        @Option(name: .customLong("sub-project"), help: "子项目标识 / sub-project id")
        var subProject: String?

        @Option(
            name: .customLong("field"),
            help: "品牌插件的附加字段 字段=取值,可多次 / a brand plugin's extra field KEY=VALUE (repeatable)"
        )
        var fields: [String] = []

        @Option(
            parsing: .unconditional,
            help: "留存的活动照片张数(有照片时,具名服务对象须同意照片影像使用) / photos kept (named clients must consent to imagery)"
        )
        var photos: Int = 0

        func validate() throws {
            _ = try extraFields()
        }

        /// The `--field KEY=VALUE` options as a dictionary.
        private func extraFields() throws -> [String: String] { try RecordCommand.extraFields(fields) }

        /// What `--json` prints.
        struct Output: Encodable {
            var record: String
            var sequence: Int64
            var event: DomainEvent
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let request = ServiceRecordRequest(
                    station: station,
                    kind: kind,
                    date: date,
                    durationMinutes: duration,
                    village: village,
                    workers: workers,
                    clients: clients,
                    headCount: headCount,
                    program: program,
                    subProject: subProject,
                    fields: try extraFields(),
                    photos: photos
                )
                let recorder = RecordService(
                    store: store,
                    clock: workspace.clock,
                    plugins: try BrandCatalog.registry(for: workspace)
                )
                let stored = try await recorder.record(request, actor: .commandLineUser)
                let payload = try stored.event.decodePayload(as: ServiceRecorded.self)
                if options.json {
                    try Terminal.json(
                        Output(record: payload.record.rawValue, sequence: stored.sequence.rawValue, event: stored.event)
                    )
                } else if options.language == .zhHans {
                    Terminal.out(
                        "已记录服务 \(payload.record)(\(payload.kind.label(in: .zhHans)),\(payload.personTimes) 人次;事件 #\(stored.sequence))"
                    )
                } else {
                    Terminal.out(
                        "recorded service \(payload.record) (\(payload.kind.label(in: .en)), \(payload.personTimes) person-times; event #\(stored.sequence))"
                    )
                }
            }
        }
    }

    /// `yizhan record list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出服务记录(新的在前) / list service records, newest first",
            discussion:
                "示例 / Example:\n  yizhan record list --station baibu --from 2021-11-01 --to 2021-11-30 --limit 10"
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "只看该社工站 / only this station")
        var station: String?

        @Option(help: "起始日期 YYYY-MM-DD / from")
        var from: String?

        @Option(help: "截止日期 YYYY-MM-DD / to")
        var to: String?

        @Option(help: "只看该类型 / only this kind")
        var kind: String?

        @Option(help: "最多列出条数 / at most this many")
        var limit: Int = 20

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit 应为正整数 / must be at least 1") }
            if let kind, ServiceKind.matching(kind) == nil {
                throw ValidationError(
                    "--kind “\(kind)” 无法识别,可选:\(ServiceKind.known.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let scope: Scope = try station.map { .station(try StationID($0)) } ?? .within(workspace.file.county)
                let period = try CivilPeriod.bounded(from: from, to: to)
                let records = try await store.serviceRecords(
                    ServiceRecordQuery(
                        scope: scope,
                        period: period,
                        kind: kind.flatMap(ServiceKind.matching),
                        limit: limit
                    )
                )
                if options.json {
                    try Terminal.json(records)
                    return
                }
                let zh = options.language == .zhHans
                let withFields = records.contains { !$0.fields.isEmpty }
                var columns: [TextTable.Column] = [
                    .init(zh ? "日期" : "date"), .init(zh ? "社工站" : "station"), .init(zh ? "类型" : "kind"),
                    .init(zh ? "人次" : "persons", alignment: .right),
                    .init(zh ? "分钟" : "minutes", alignment: .right),
                    .init(zh ? "村(社区)" : "village"), .init(zh ? "子项目" : "sub-project"), .init(zh ? "标识" : "id"),
                ]
                if withFields { columns.append(.init(zh ? "附加字段" : "extra fields")) }
                var table = TextTable(columns: columns)
                for record in records {
                    var row = [
                        record.date.description, record.station.rawValue, record.kind.label(in: options.language),
                        "\(record.personTimes)", "\(record.durationMinutes)", record.village?.rawValue ?? "—",
                        record.subProject?.rawValue ?? "—", record.id.rawValue,
                    ]
                    if withFields {
                        row.append(
                            record.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                                separator: " "
                            )
                        )
                    }
                    table.append(row)
                }
                Terminal.out(table.render())
                Terminal.out(zh ? "共列出 \(records.count) 条" : "\(records.count) records")
            }
        }
    }
}
