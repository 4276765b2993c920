import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime
import YizhanSpreadsheet

/// `yizhan audit`: what was done with personal data, for the county's PIPL records.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "个人信息的查看、导出与密钥记录 / who saw or exported personal data, when and why",
        discussion: """
            从事件日志列出每一次查看原文、导出原文、删除、重新加密与密钥轮换:时间、谁、做了什么、谁的信息(只写编号)、
            哪些字段、目的。--output 写成 CSV(Excel 可直接打开),供县里的个人信息保护记录存档。
            Lists every reveal, unmasked export, reseal and key rotation from the event log: when, who,
            what, whose (ids only), which fields and why; --output writes it as CSV.

            示例 / Example:
              yizhan audit --workspace yizhan-demo --from 2026-01-01 --output audit-2026.csv
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "起始日(含),YYYY-MM-DD / first day")
    var from: String?

    @Option(help: "截止日(含),YYYY-MM-DD / last day")
    var to: String?

    @Option(help: "只列这个社工站的 / only this station's")
    var station: String?

    @Option(help: "写成 CSV 文件(- 为标准输出) / write CSV to this file")
    var output: String?

    func run() async throws {
        try await options.withStore { _, store in
            let start = try from.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 1000, month: 1, day: 1)
            let end = try to.map { try CivilDate(parsing: $0) } ?? CivilDate(year: 9999, month: 12, day: 31)
            let period = try CivilPeriod(start: start, end: end)
            let audit = try await PersonalDataAudit.build(
                from: store,
                days: period.start...period.end,
                station: try station.map { try StationID($0) }
            )
            if options.json { return try Terminal.json(audit) }
            let language = options.language
            let rows = audit.entries.map { Self.cells($0, in: language) }
            if let output {
                let file = OutputFile(output)
                try file.write(CSVWriter.document([Self.headings(in: language)] + rows))
                if !file.isStandardOutput {
                    Terminal.out(
                        language == .zhHans
                            ? "已写入 \(output)(\(rows.count) 条记录)" : "wrote \(output) (\(rows.count) entries)"
                    )
                }
                return
            }
            var table = TextTable(columns: Self.headings(in: language).map { TextTable.Column($0) })
            for row in rows { table.append(row) }
            Terminal.out(
                table.render() + "\n"
                    + (language == .zhHans ? "共 \(rows.count) 条" : "\(rows.count) entries")
            )
        }
    }

    static func headings(in language: Language) -> [String] {
        language == .zhHans
            ? ["序号", "时间(北京)", "谁", "做了什么", "谁的信息", "社工站", "字段", "目的", "备注"]
            : ["seq", "time (Beijing)", "who", "what", "whose", "station", "fields", "purpose", "detail"]
    }

    static func cells(_ entry: PersonalDataAudit.Entry, in language: Language) -> [String] {
        let zh = language == .zhHans
        let whose: String =
            if let client = entry.client {
                zh ? "服务对象 \(client.rawValue)" : "client \(client.rawValue)"
            } else if let volunteer = entry.volunteer {
                zh ? "志愿者 \(volunteer.rawValue)" : "volunteer \(volunteer.rawValue)"
            } else if let request = entry.request {
                zh ? "居民诉求 \(request.rawValue)" : "request \(request.rawValue)"
            } else if let ledger = entry.ledger {
                zh
                    ? "\(ledger == "volunteers" ? "志愿者" : "服务对象")台账 \(entry.people ?? 0) 人"
                    : "\(ledger) ledger, \(entry.people ?? 0) people"
            } else {
                zh ? "\(entry.people ?? 0) 人" : "\(entry.people ?? 0) people"
            }
        let fields = entry.fields.map { field in
            guard zh else { return field }
            switch field {
            case "name": return "姓名"
            case "idNumber": return "身份证号"
            case "phone": return "电话"
            case "description": return "诉求内容"
            case "notes": return "办理说明"
            case "parties": return "纠纷当事人"
            default: return field
            }
        }
        return [
            String(entry.sequence), entry.at.shanghaiText, entry.actor, entry.kind.label(in: language), whose,
            entry.station?.rawValue ?? "", fields.joined(separator: zh ? "、" : ", "),
            entry.purpose?.label(in: language) ?? entry.erasure?.label(in: language) ?? "", entry.detail,
        ]
    }
}
