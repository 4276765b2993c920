import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan events`: the event log, for audit and for scripts.
struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "查看事件日志 / show the event log",
        discussion: """
            事件只含标识与事实,不含姓名、身份证号、电话。--follow 持续输出新事件,按 Ctrl-C 结束。
            Events carry ids and facts, never names, ID numbers or phones. --follow keeps printing new
            events until Ctrl-C.

            示例 / Examples:
              yizhan events --after 1200 --limit 20
              yizhan events --follow --json
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "只列出序号大于 N 的事件 / only events after sequence N")
    var after: Int64 = 0

    @Option(help: "最多列出条数(--follow 时为每批条数) / at most this many")
    var limit: Int = 50

    @Flag(help: "持续输出新事件 / keep printing new events")
    var follow = false

    @Option(help: "--follow 时的轮询间隔(毫秒) / poll interval in ms with --follow")
    var interval: Int = 1000

    func validate() throws {
        guard after >= 0 else { throw ValidationError("--after 不能为负 / must not be negative") }
        guard limit >= 1 else { throw ValidationError("--limit 应为正整数 / must be at least 1") }
        guard interval >= 50 else { throw ValidationError("--interval 至少 50 毫秒 / at least 50 ms") }
    }

    func run() async throws {
        try await options.withStore { _, store in
            var cursor = EventSequence(rawValue: after)
            if !follow {
                let events = try await store.events(after: cursor, limit: limit)
                options.json ? try Terminal.json(events) : Terminal.out(render(events, header: true))
                return
            }
            var first = true
            while !Task.isCancelled {
                let events = try await store.events(after: cursor, limit: limit)
                if let last = events.last {
                    cursor = last.sequence
                    if options.json {
                        for event in events { try Terminal.jsonLine(event) }
                    } else {
                        Terminal.out(render(events, header: first))
                        first = false
                    }
                }
                if events.count < limit { try await Task.sleep(for: .milliseconds(interval)) }
            }
        }
    }

    private func render(_ events: [StoredEvent], header: Bool) -> String {
        let zh = options.language == .zhHans
        var table = TextTable(
            columns: [
                .init(zh ? "序号" : "seq", alignment: .right), .init(zh ? "时间(北京)" : "time (Shanghai)"),
                .init(zh ? "类型" : "type"), .init(zh ? "社工站" : "station"), .init(zh ? "内容" : "payload"),
            ]
        )
        for stored in events {
            table.append([
                "\(stored.sequence)", Terminal.shanghaiTime(stored.event.occurredAt), stored.event.type.rawValue,
                stored.event.station?.rawValue ?? "—", stored.event.payload,
            ])
        }
        let text = table.render()
        return header ? text : text.split(separator: "\n").dropFirst(2).joined(separator: "\n")
    }
}
