public import YizhanKernel

/// One `approvals:` entry of a template: a workflow as a county writes it (issue 25.1).
///
/// ```yaml
/// approvals:
///   - { id: haiyan-month, name: 月度台账, covers: [services, donations, expenses], period: month,
///       levels: [station, county], deadline: { day: 5 }, approveWithinDays: 5 }
/// ```
public struct ApprovalWorkflowEntry: Hashable, Sendable, Decodable {
    /// The workflow's id.
    public var id: String
    /// Its name.
    public var name: String
    /// What it approves: `services`, `donations`, `expenses`.
    public var covers: [ApprovedData]
    /// `month`, `halfYear` or `year`.
    public var period: ApprovalPeriodType
    /// `station, county` or `station, county, city`.
    public var levels: [ApprovalLevel]
    /// When a submission is due.
    public var deadline: Deadline
    /// Days a submission may wait for approval before a reminder.
    public var approveWithinDays: Int?
    /// Where it comes from (seed and section).
    public var source: String?

    /// `{ day: 5 }` (of the month after the period) or `{ month: 11, day: 30 }` (of the period's year).
    public struct Deadline: Hashable, Sendable, Decodable {
        /// The month of a fixed day.
        public var month: Int?
        /// The day.
        public var day: Int
    }

    /// The workflow the entry describes.
    public var workflow: ApprovalWorkflow {
        ApprovalWorkflow(
            id: id,
            name: name,
            covers: Set(covers),
            periodType: period,
            levels: levels.sorted(),
            deadline: ApprovalDeadline(month: deadline.month, day: deadline.day),
            approveWithinDays: approveWithinDays,
            source: source
        )
    }

    /// The shape of an entry.
    static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("审核流程标识", en: "workflow id")),
        .required("name", .text, LocalizedText("审核流程名称", en: "workflow name")),
        .required(
            "covers",
            .list(.oneOf(ApprovedData.allCases.map(\.rawValue))),
            LocalizedText(
                "审核的数据:services 服务记录、donations 捐赠、expenses 支出",
                en: "what is approved: services, donations, expenses"
            )
        ),
        .required(
            "period",
            .oneOf(ApprovalPeriodType.allCases.map(\.rawValue)),
            LocalizedText("审核周期:month 月度、halfYear 半年度、year 年度", en: "period: month, halfYear, year")
        ),
        .required(
            "levels",
            .list(.oneOf(ApprovalLevel.allCases.map(\.rawValue))),
            LocalizedText(
                "逐级审核的层级:station 社工站、county 县级、city 市级",
                en: "levels: station, county, city"
            )
        ),
        .required(
            "deadline",
            .object(
                ObjectShape([
                    .optional("month", .integer(1...12), LocalizedText("截止月份(不写则为期末次月)", en: "month of a fixed day")),
                    .required("day", .integer(1...31), LocalizedText("截止日", en: "day")),
                ])
            ),
            LocalizedText("提交截止日", en: "submission deadline")
        ),
        .optional(
            "approveWithinDays",
            .integer(1...366),
            LocalizedText("提交后多少天内须审核,逾期提醒", en: "days the county has to approve before a reminder")
        ),
        .optional("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
    ])

    /// Key paths (under `prefix`) and what is wrong there.
    func problems(at prefix: String) -> [(String, LocalizedText)] {
        var found: [(String, LocalizedText)] = []
        let sorted = levels.sorted()
        if sorted.first != .station || !levels.contains(.county) || Set(levels).count != levels.count {
            found.append(
                (
                    "\(prefix).levels",
                    LocalizedText(
                        "层级须从 station 开始、含 county、不重复,如 [station, county] 或 [station, county, city]",
                        en:
                            "levels start at station, include county, no repeats: [station, county] or [station, county, city]"
                    )
                )
            )
        }
        if covers.isEmpty {
            found.append(("\(prefix).covers", LocalizedText("至少审核一类数据", en: "approve at least one kind of data")))
        }
        if let month = deadline.month, (try? CivilDate(year: 2025, month: month, day: deadline.day)) == nil {
            found.append(
                (
                    "\(prefix).deadline",
                    LocalizedText("\(month) 月没有 \(deadline.day) 日", en: "no such day in month \(month)")
                )
            )
        } else if deadline.month == nil, deadline.day > 28 {
            found.append(
                (
                    "\(prefix).deadline.day",
                    LocalizedText("次月截止日须为 1–28 日", en: "a day of the next month is 1–28")
                )
            )
        }
        return found
    }
}
