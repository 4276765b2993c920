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
            事件只含标识与事实,不含姓名、身份证号、电话。不给 --after 时列出最新的 --limit 个事件;
            --after 0 从头列出。--follow 持续输出新事件,按 Ctrl-C 结束。
            Events carry ids and facts, never names, ID numbers or phones. Without --after, the newest
            --limit events are shown; --after 0 starts from the first. --follow keeps printing new
            events until Ctrl-C.

            示例 / Examples:
              yizhan events --after 1200 --limit 20
              yizhan events --follow --json
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "只列出序号大于 N 的事件(默认列出最新的) / only events after sequence N (default: the newest)")
    var after: Int64?

    @Option(help: "最多列出条数(--follow 时为每批条数) / at most this many")
    var limit: Int = 50

    @Flag(help: "持续输出新事件 / keep printing new events")
    var follow = false

    @Option(help: "--follow 时的轮询间隔(毫秒) / poll interval in ms with --follow")
    var interval: Int = 1000

    func validate() throws {
        guard (after ?? 0) >= 0 else { throw ValidationError("--after 不能为负 / must not be negative") }
        guard limit >= 1 else { throw ValidationError("--limit 应为正整数 / must be at least 1") }
        guard interval >= 50 else { throw ValidationError("--interval 至少 50 毫秒 / at least 50 ms") }
    }

    func run() async throws {
        try await options.withStore { workspace, store in
            let last = try await store.lastEventSequence().rawValue
            // Sequences have no gaps, so the newest `limit` events start right after last − limit.
            var cursor = EventSequence(rawValue: after ?? max(0, last - Int64(limit)))
            if !follow {
                let events = try await store.events(after: cursor, limit: limit)
                if options.json {
                    try Terminal.json(events)
                } else {
                    Terminal.out(render(events, header: true))
                    if events.count < last, let first = events.first, let final = events.last {
                        let zh = options.language == .zhHans
                        Terminal.out(
                            zh
                                ? "共 \(last) 个事件,显示第 \(first.sequence)–\(final.sequence) 个(--after N 从第 N+1 个起列出)"
                                : "\(last) events, showing \(first.sequence)–\(final.sequence) (--after N starts after N)"
                        )
                    }
                }
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
