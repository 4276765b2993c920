import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanCompliance
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan check`: every station against a construction standard, rule by rule, with evidence.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "按建设标准检查社工站:每条规则的结果、实测值、要求与证据 / check stations against a standard",
        discussion: """
            标准是 config/standards/ 下的规则集(温州 2021、陕西“五社联动”试点、海盐“114”与“123N”),
            每条规则注明出处。检查按当年 1 月 1 日至今天(工作区 asOf 所定的日期)的记录计算;结果与上次
            检查相比,转为未达标记 compliance.breached,恢复达标记 compliance.restored。指定 --date 只查看
            某日的情况,不记录。

            Standards are rule sets under config/standards/. A check measures the year up to today (the
            workspace's asOf day); a rule that starts failing emits compliance.breached, one that passes
            again compliance.restored. With --date it only shows that day and records nothing.

            示例 / Examples:
              yizhan check --standard wenzhou-2021 --county 330424
              yizhan check --standard shaanxi-five-society-pilot --station qinshan --json
              yizhan check --standard-file my-standard.yaml --date 2021-06-30
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "标准标识(config/standards/ 下的文件名;默认全部) / standard id (default: all)") var standard: String?
    @Option(help: "标准文件路径 / a standard file") var standardFile: String?
    @Option(help: "只查该社工站 / only this station") var station: String?
    @Option(help: "只查该县(区划代码,默认工作区所在县) / only this county") var county: String?
    @Option(help: "查看某日的情况(YYYY-MM-DD),不记录 / show a day, record nothing") var date: String?

    /// One result, as `--json` prints it.
    struct Line: Encodable {
        var standard: String
        var rule: String
        var station: String?
        var county: String?
        var outcome: String
        var measured: String
        var required: String
        var evidence: [String]
        var source: String
    }

    func run() async throws {
        try await options.withStore { workspace, store in
            let standards = try ShippedConfig.standards(id: standard, file: standardFile)
            let day = try date.map { try CivilDate(parsing: $0) } ?? workspace.today
            let scope = try self.scope(workspace)
            let period = try CivilPeriod(start: try CivilDate(year: day.year, month: 1, day: 1), end: day)
            let facts = try await StationFacts.gather(from: store, scope: scope, period: period)
            guard !facts.isEmpty else {
                throw RuntimeError(
                    code: .notFound,
                    detail: LocalizedText("范围内没有社工站", en: "no stations in that scope")
                )
            }
            var lines: [Line] = []
            var changes: [String] = []
            for file in standards {
                let check = try StandardCheck(file)
                let results = try check.results(for: facts, on: day)
                lines += results.map { line($0) }
                if !options.json { print(results, of: file) }
                guard date == nil else { continue }
                let change = ComplianceRecord.changes(
                    results: results,
                    previous: try await store.complianceStates(standard: file.id),
                    year: day.year,
                    on: day,
                    actor: .commandLineUser,
                    at: Date()
                )
                guard !change.isEmpty else { continue }
                try await store.commit(change)
                let breached = change.events.filter { $0.type == .complianceBreached }.count
                let restored = change.events.filter { $0.type == .complianceRestored }.count
                changes.append(
                    options.language == .zhHans
                        ? "\(file.id):新增未达标 \(breached) 项,恢复达标 \(restored) 项"
                        : "\(file.id): \(breached) newly failing, \(restored) restored"
                )
            }
            if options.json {
                try Terminal.json(lines)
            } else {
                for text in changes { Terminal.out(text) }
            }
        }
    }

    private func scope(_ workspace: Workspace) throws -> Scope {
        if let station {
            guard let id = try? StationID(station) else {
                throw InputError(issues: [
                    InputIssue(
                        code: .invalidFormat,
                        field: "station",
                        found: station,
                        expected: LocalizedText("社工站标识", en: "a station id")
                    )
                ])
            }
            return .station(id)
        }
        guard let county else { return .within(workspace.file.county) }
        guard let code = try? DivisionCode(county) else {
            throw InputError(issues: [
                InputIssue(
                    code: .invalidFormat,
                    field: "county",
                    found: county,
                    expected: LocalizedText("6 或 12 位区划代码,如 330424", en: "a 6- or 12-digit division code")
                )
            ])
        }
        return .within(code)
    }

    private func line(_ result: RuleResult) -> Line {
        Line(
            standard: result.standard,
            rule: result.rule.id,
            station: result.station?.id.rawValue,
            county: result.county.map { String($0.significantPrefix) },
            outcome: result.outcome.rawValue,
            measured: result.measured.text(in: options.language),
            required: result.required.text(in: options.language),
            evidence: result.evidence.map { $0.text.text(in: options.language) },
            source: result.rule.source
        )
    }

    private func print(_ results: [RuleResult], of file: StandardFile) {
        let zh = options.language == .zhHans
        Terminal.out("\(file.name)(\(file.id))")
        var table = TextTable(
            columns: [
                .init(zh ? "对象" : "subject"), .init(zh ? "规则" : "rule"), .init(zh ? "结果" : "result"),
                .init(zh ? "实测" : "measured", alignment: .right), .init(zh ? "要求" : "required"),
                .init(zh ? "证据" : "evidence"),
            ]
        )
        for result in results {
            table.append([
                result.station?.name ?? result.county.map {
                    zh ? "全县 \($0.significantPrefix)" : "county \($0.significantPrefix)"
                }
                    ?? "—",
                result.rule.name, result.outcome.label(in: options.language),
                result.measured.text(in: options.language), result.required.text(in: options.language),
                result.evidence.isEmpty
                    ? ""
                    : result.evidence.map { $0.text.text(in: options.language) }
                        .joined(separator: zh ? "、" : "; "),
            ])
        }
        Terminal.out(table.render())
        let failing = Dictionary(grouping: results.filter { $0.outcome == .fail }) {
            $0.station?.name ?? (zh ? "全县 " : "county ") + ($0.county.map { String($0.significantPrefix) } ?? "")
        }
        let passed = results.filter { $0.outcome == .pass }.count
        let failed = results.filter { $0.outcome == .fail }.count
        let skipped = results.filter { $0.outcome == .notApplicable }.count
        Terminal.out(
            zh
                ? "共 \(results.count) 项:达标 \(passed),未达标 \(failed),不适用 \(skipped)"
                : "\(results.count) results: \(passed) pass, \(failed) fail, \(skipped) n/a"
        )
        for (subject, fails) in failing.sorted(by: { $0.key < $1.key }) {
            Terminal.out(
                zh
                    ? "  \(subject):\(fails.count) 项未达标(\(fails.map(\.rule.id).joined(separator: "、")))"
                    : "  \(subject): \(fails.count) failing (\(fails.map(\.rule.id).joined(separator: ", ")))"
            )
        }
        Terminal.out("")
    }
}
