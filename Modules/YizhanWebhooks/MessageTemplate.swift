import Foundation
public import YizhanKernel

/// Turns an event into the short Chinese message a chat group reads.
///
/// A template is text with `{placeholders}`: `{typeName}` (the event type in Chinese), `{type}`,
/// `{station}`, `{orgUnit}`, `{occurredAt}` (Beijing time, `2021-11-05 09:30`), `{sequence}`,
/// `{id}`, and every top-level field of the event's payload (`{version}` of `program.configured`,
/// `{kind}` and `{personTimes}` of `service.recorded` …). A placeholder that names nothing is left
/// as written, so a typo shows in the message instead of vanishing. Payloads never carry personal
/// data, so no template can leak it.
public struct MessageTemplate: Sendable {
    /// The template used when a subscription has none for an event type.
    public static let defaultText = "【驿站】{typeName} · 社工站 {station} · {occurredAt}"

    /// The templates by event type pattern: `service.recorded`, `service.*` or `*`.
    public var templates: [String: String]

    /// Creates a renderer over a subscription's templates.
    public init(templates: [String: String]) {
        self.templates = templates
    }

    /// The template for `type`: the exact type's, else its noun's (`service.*`), else `*`'s, else the default.
    public func template(for type: EventType) -> String {
        if let exact = templates[type.rawValue] { return exact }
        if let noun = type.rawValue.split(separator: ".").first, let wildcard = templates["\(noun).*"] {
            return wildcard
        }
        return templates["*"] ?? Self.defaultText
    }

    /// The message for `stored`; for a markdown message every value filled in is escaped, so that
    /// no value can add a link, an emphasis or a mention to it.
    public func render(_ stored: StoredEvent, markdown: Bool = false) -> String {
        var values = Self.values(of: stored)
        if markdown { values = values.mapValues(Self.escapingMarkdown) }
        return Self.fill(template(for: stored.event.type), with: values)
    }

    /// `text` with markdown's special characters escaped by a backslash, and `<`, `>` as entities.
    static func escapingMarkdown(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "|", "~", "@":
                result += "\\" + String(character)
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// The values placeholders can name, for one event.
    static func values(of stored: StoredEvent) -> [String: String] {
        let event = stored.event
        var values: [String: String] = [:]
        if let object = try? JSONSerialization.jsonObject(with: Data(event.payload.utf8)) as? [String: Any] {
            for (key, value) in object {
                switch value {
                case let text as String: values[key] = text
                case let number as NSNumber: values[key] = number.stringValue
                default: continue
                }
            }
        }
        values["type"] = event.type.rawValue
        values["typeName"] = EventText.chineseName(of: event.type)
        values["station"] = event.station?.rawValue ?? "—"
        values["orgUnit"] = event.orgUnit.rawValue
        values["occurredAt"] = beijingTime(event.occurredAt)
        values["sequence"] = stored.sequence.description
        values["id"] = event.id.rawValue
        return values
    }

    /// `template` with each `{name}` that `values` knows replaced.
    static func fill(_ template: String, with values: [String: String]) -> String {
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                rest = rest[open...]
                break
            }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func beijingTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}

/// Chinese names of the event types, for chat messages.
public enum EventText {
    /// The Chinese name of `type`, or the type itself when it has none.
    public static func chineseName(of type: EventType) -> String {
        names[type] ?? type.rawValue
    }

    private static let names: [EventType: String] = [
        .orgUnitRegistered: "行政区划登记",
        .agencyRegistered: "运营机构登记",
        .stationConfigured: "社工站配置更新",
        .workerRegistered: "社工信息登记",
        .programConfigured: "服务项目配置更新",
        .clientRegistered: "新增服务对象",
        .clientConsentRecorded: "服务对象知情同意已更新",
        .householdRegistered: "新增服务家庭",
        .volunteerRegistered: "新增志愿者",
        .serviceRecorded: "新增服务记录",
        .serviceCorrected: "服务记录已更正",
        .serviceVoided: "服务记录已作废",
        .expenseCorrected: "支出已更正",
        .expenseVoided: "支出已作废",
        .donationCorrected: "捐赠已更正",
        .donationVoided: "捐赠已作废",
        .volunteerHoursCorrected: "志愿服务时长已更正",
        .volunteerHoursVoided: "志愿服务时长已作废",
        .personalDataRevealed: "查看了个人信息原文",
        .personalDataExported: "导出了含个人信息原文的文件",
        .keyRotated: "个人信息密钥已轮换",
        .personalDataErased: "个人信息已删除",
        .subscriptionDisabled: "推送订阅已停用",
        .subscriptionEnabled: "推送订阅已恢复",
        .approvalSubmitted: "台账已提交",
        .approvalApproved: "台账已审核",
        .approvalReturned: "台账被退回",
        .approvalUnapproved: "台账审核已撤销",
        .approvalAccepted: "台账已被市级接收",
        .approvalReopened: "台账已重新开放",
        .approvalOverdue: "台账逾期未提交",
        .approvalPending: "台账逾期未审核",
        .requestFiled: "新登记居民诉求",
        .requestAccepted: "居民诉求已受理",
        .requestStarted: "居民诉求办理中",
        .requestTransferred: "居民诉求已转办",
        .requestSentBack: "居民诉求被退回",
        .requestAnswered: "居民诉求已反馈",
        .requestClosed: "居民诉求已办结",
        .requestRated: "居民已评价诉求办理",
        .requestReopened: "居民诉求重办",
        .requestOverdue: "居民诉求超过时限",
        .requestEscalated: "居民诉求已上报上一级",
        .disputeMediated: "矛盾纠纷调解",
        .disputeSettled: "矛盾纠纷已化解",
        .disputeComplex: "矛盾纠纷转为复杂纠纷",
        .disputeReferred: "矛盾纠纷已上报县级团队",
    ]
}
