import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

extension RecordCommand {
    /// `yizhan record show ID`: a record as it stands, and its versions.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "查看一条服务记录及其更正历史 / show a service record and its history",
            discussion: "示例 / Example:\n  yizhan record show 01a1fcab-… --station baibu"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "服务记录编号(yizhan record list 可查) / the record's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String

        /// What `--json` prints.
        struct Output: Encodable {
            var record: ServiceRecord
            var version: Int
            var voided: Bool
            var revisions: [RevisionLine]
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let stationID = try InputError.stationID(station)
                guard let recordID = try? ServiceRecordID(id), let stored = try await store.serviceRecord(recordID),
                    stored.record.station == stationID
                else { throw InputError.unknownRecord(id) }
                let revisions = try await store.serviceRevisions(of: recordID).map(RevisionLine.init)
                if options.json {
                    try Terminal.json(
                        Output(
                            record: stored.record,
                            version: stored.version,
                            voided: stored.isVoided,
                            revisions: revisions
                        )
                    )
                    return
                }
                Terminal.out(render(stored, revisions))
            }
        }

        private func render(_ stored: StoredServiceRecord, _ revisions: [RevisionLine]) -> String {
            let zh = options.language == .zhHans
            let record = stored.record
            let participants: String =
                switch record.participants {
                case .clients(let clients): clients.map(\.rawValue).joined(separator: "、")
                case .headCount(let count): zh ? "\(count) 人(未记名)" : "\(count) people, unnamed"
                }
            var rows: [(String, String, String)] = [
                ("编号", "id", record.id.rawValue), ("社工站", "station", record.station.rawValue),
                ("类型", "kind", record.kind.label(in: options.language)), ("日期", "date", record.date.description),
                ("时长(分钟)", "minutes", "\(record.durationMinutes)"),
                ("活动照片", "photos", record.photos == 0 ? "—" : "\(record.photos)"),
                ("村(社区)", "village", record.village?.rawValue ?? "—"),
                ("社工", "workers", record.workers.isEmpty ? "—" : record.workers.map(\.rawValue).joined(separator: "、")),
                ("服务对象", "participants", participants), ("人次", "person-times", "\(record.personTimes)"),
                ("子项目", "sub-project", record.subProject?.rawValue ?? "—"),
                ("版本", "version", "\(stored.version)"),
                ("状态", "state", RevisionHistory.state(voided: stored.isVoided, in: options.language)),
            ]
            if !record.workerNames.isEmpty, let index = rows.firstIndex(where: { $0.1 == "workers" }) {
                // Workers a ledger named as people write them, kept until a correction names them.
                rows.insert(
                    ("社工(按台账原文)", "workers as written", record.workerNames.joined(separator: "、")),
                    at: index + 1
                )
            }
            return RevisionHistory.render(rows, revisions, in: options.language)
        }
    }

    /// `yizhan record correct ID`.
    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "更正一条服务记录(保留原版本) / correct a service record, keeping the version before",
            discussion: """
                只给要改的项;其余照旧。更正同新记录一样逐项校验,成为新版本并记录 service.corrected 事件
                (事件只列改动了哪些项,理由只存在记录的历史里);报表按新版本计。
                Give only what changes; the correction is checked as a new record is, becomes a new version
                with a service.corrected event naming what changed, and reports count it.

                示例 / Example:
                  yizhan record correct 01a1fcab-… --station baibu --duration 30 --reason "时长录错,应为 30 分钟"
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "服务记录编号 / the record's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "更正理由(必填,不写姓名、证件号、电话) / why (required)") var reason: String
        @Option(help: "服务类型 / kind") var kind: String?
        @Option(help: "服务日期 / date") var date: String?
        @Option(parsing: .unconditional, help: "时长(分钟) / minutes") var duration: Int?
        @Option(help: "村(社区)区划代码 / village") var village: String?
        @Option(name: .customLong("worker"), help: "社工标识,可多次(替换原有) / workers, replacing") var workers: [String] = []
        @Option(name: .customLong("client"), help: "服务对象标识,可多次(替换原有) / clients, replacing") var clients: [String] = []
        @Option(name: .customLong("head-count"), parsing: .unconditional, help: "参与人数 / head-count") var headCount: Int?
        @Option(name: .customLong("sub-project"), help: "子项目标识 / sub-project") var subProject: String?
        @Option(name: .customLong("field"), help: "附加字段 字段=取值,可多次 / extra field KEY=VALUE") var fields: [String] = []
        @Option(parsing: .unconditional, help: "留存的活动照片张数 / photos kept") var photos: Int?

        func validate() throws { _ = try RecordCommand.extraFields(fields) }

        func run() async throws {
            try await options.withStore { workspace, store in
                let correction = ServiceCorrection(
                    kind: kind,
                    date: date,
                    durationMinutes: duration,
                    village: village,
                    workers: workers,
                    clients: clients,
                    headCount: headCount,
                    subProject: subProject,
                    fields: try RecordCommand.extraFields(fields),
                    photos: photos
                )
                let revision = try await ReviseService(
                    store: store,
                    clock: workspace.clock,
                    plugins: try BrandCatalog.registry(for: workspace)
                )
                .correct(id, station: station, with: correction, reason: reason, actor: .commandLineUser)
                if options.json {
                    try Terminal.json(["record": id, "version": "\(revision.version)"])
                    return
                }
                let changed = revision.changedFields.joined(separator: ", ")
                Terminal.out(
                    options.language == .zhHans
                        ? "已更正服务记录 \(id):第 \(revision.version) 版(改动 \(changed);人次 \(revision.previous.personTimes) → \(revision.current?.personTimes ?? 0))"
                        : "corrected service record \(id): version \(revision.version) (\(changed); person-times \(revision.previous.personTimes) → \(revision.current?.personTimes ?? 0))"
                )
            }
        }
    }

    /// `yizhan record void ID`.
    struct VoidRecord: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "作废一条服务记录(保留历史,不再计入报表) / void a service record",
            discussion: """
                示例 / Example:
                  yizhan record void 01a1fcab-… --station baibu --reason "重复录入"
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "服务记录编号 / the record's id") var id: String
        @Option(help: "社工站标识 / station id") var station: String
        @Option(help: "作废理由(必填) / why (required)") var reason: String

        func run() async throws {
            try await options.withStore { workspace, store in
                let revision = try await ReviseService(store: store, clock: workspace.clock).void(
                    id,
                    station: station,
                    reason: reason,
                    actor: .commandLineUser
                )
                if options.json {
                    try Terminal.json(["record": id, "version": "\(revision.version)"])
                    return
                }
                Terminal.out(
                    options.language == .zhHans
                        ? "已作废服务记录 \(id)(第 \(revision.version) 版;不再计入 \(revision.previous.personTimes) 人次)"
                        : "voided service record \(id) (version \(revision.version); \(revision.previous.personTimes) person-times no longer counted)"
                )
            }
        }
    }
}
