import Foundation
import YizhanCommandLine
import YizhanKernel
import YizhanReports

/// One revision as the `show` commands print it: what changed, when, by whom and why.
struct RevisionLine: Encodable {
    var version: Int
    var change: String
    var changed: [String]
    var revisedAt: Date
    var actor: String
    var reason: String

    /// A service record's revision.
    init(_ revision: ServiceRevision) {
        version = revision.version
        change = revision.change.rawValue
        changed = revision.changedFields
        revisedAt = revision.revisedAt
        actor = revision.actor.rawValue
        reason = revision.reason
    }

    /// An expense's or a gift's revision.
    init<Entry: RevisableEntry>(_ revision: EntryRevision<Entry>) {
        version = revision.version
        change = revision.change.rawValue
        changed = revision.changedFields
        revisedAt = revision.revisedAt
        actor = revision.actor.rawValue
        reason = revision.reason
    }
}

/// How the `show` commands print an entry: its facts as a two-column table, then its history.
enum RevisionHistory {
    /// The facts `rows` (Chinese label, English label, value) and the `revisions` under 更正历史.
    static func render(
        _ rows: [(String, String, String)],
        _ revisions: [RevisionLine],
        in language: Language
    )
        -> String
    {
        let zh = language == .zhHans
        var table = TextTable(columns: [.init(zh ? "项" : "field"), .init(zh ? "值" : "value")])
        for (zhLabel, enLabel, value) in rows { table.append([zh ? zhLabel : enLabel, value]) }
        var text = table.render()
        guard !revisions.isEmpty else { return text }
        var history = TextTable(
            columns: [
                .init(zh ? "版本" : "version", alignment: .right), .init(zh ? "变更" : "change"),
                .init(zh ? "改动项" : "changed"), .init(zh ? "时间(北京)" : "time (Shanghai)"),
                .init(zh ? "操作人" : "by"), .init(zh ? "理由" : "reason"),
            ]
        )
        for revision in revisions {
            history.append([
                "\(revision.version)",
                revision.change == "voided" ? (zh ? "作废" : "voided") : (zh ? "更正" : "corrected"),
                revision.changed.joined(separator: ", "), Terminal.shanghaiTime(revision.revisedAt),
                revision.actor, revision.reason,
            ])
        }
        text += "\n\n" + (zh ? "更正历史" : "History") + "\n" + history.render()
        return text
    }

    /// The state row's value: 有效, or 已作废 with what that means.
    static func state(voided: Bool, in language: Language) -> String {
        switch (voided, language) {
        case (true, .zhHans): "已作废(不计入任何报表)"
        case (true, .en): "voided (no report counts it)"
        case (false, .zhHans): "有效"
        case (false, .en): "current"
        }
    }
}
