public import Foundation
public import YizhanKernel

/// An evaluation scheme (`config/evaluations/`): the weighted indicator tree a county scores its
/// stations against twice a year, and the year's calendar of deadlines (seed 001 §八).
///
/// An indicator with a `metric` is scored from the station's records: its points times the share of
/// its target reached, capped at the full points. One without is scored by the evaluators.
public struct EvaluationFile: ConfigFile, Hashable {
    /// The scheme's id, e.g. `wenzhou-2021`.
    public var id: String
    /// Its name.
    public var name: String
    /// The document it comes from.
    public var source: String
    /// Days before a deadline on which `deadline.approaching` is raised, e.g. `[14, 3]`.
    public var noticeDays: [Int]
    /// The year's deadlines.
    public var deadlines: [Deadline]
    /// The top-level indicators (项目管理, 服务绩效, 经费使用), each with its own.
    public var indicators: [IndicatorGroup]

    /// A deadline of the year's calendar.
    public struct Deadline: Hashable, Sendable, Codable {
        /// The deadline's id, e.g. `countyReport`.
        public var id: String
        /// What is due, in words.
        public var name: String
        /// The yearly due date `MM-DD`.
        public var due: String
        /// The evaluation it closes, if one: reminders then go only to stations whose evaluation of
        /// that period is not submitted.
        public var period: EvaluationPeriod?
        /// Where it comes from.
        public var source: String

        /// The due day in `year` (`nil` if `due` is not a valid `MM-DD`).
        public func dueDay(in year: Int) -> CivilDate? {
            let parts = due.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            return try? CivilDate(year: year, month: parts[0], day: parts[1])
        }
    }

    /// A top-level indicator and its weighted children.
    public struct IndicatorGroup: Hashable, Sendable, Codable {
        /// The group's id.
        public var id: String
        /// Its name, e.g. 项目管理.
        public var name: String
        /// Its points: the sum of its children's.
        public var points: Int
        /// Its indicators.
        public var indicators: [Indicator]
    }

    /// A scored indicator.
    public struct Indicator: Hashable, Sendable, Codable {
        /// The indicator's id, unique in the scheme.
        public var id: String
        /// What is assessed, e.g. 服务人次.
        public var name: String
        /// Its full points.
        public var points: Int
        /// The metric that scores it from data, if any (the compliance metrics, e.g. `personTimes`).
        public var metric: String?
        /// The value that earns full points at the final evaluation.
        public var target: Int?
        /// The value that earns full points at the mid-term (default: half the target).
        public var midTermTarget: Int?
        /// Where it comes from, if from a document.
        public var source: String?

        /// The target for `period`.
        public func target(for period: EvaluationPeriod) -> Int? {
            guard let target else { return nil }
            return period == .final ? target : (midTermTarget ?? (target + 1) / 2)
        }
    }

    /// Every indicator, in order.
    public var allIndicators: [Indicator] { indicators.flatMap(\.indicators) }

    /// The scheme's full points.
    public var totalPoints: Int { indicators.reduce(0) { $0 + $1.points } }

    public static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("评估方案标识", en: "scheme id")),
        .required("name", .text, LocalizedText("评估方案名称", en: "scheme name")),
        .required("source", .text, LocalizedText("出处文件", en: "source document")),
        .required("noticeDays", .list(.integer(0...366)), LocalizedText("提前提醒天数", en: "days of notice")),
        .required(
            "deadlines",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("截止事项标识", en: "deadline id")),
                        .required("name", .text, LocalizedText("截止事项", en: "what is due")),
                        .required("due", .text, LocalizedText("每年截止日 MM-DD", en: "yearly due date MM-DD")),
                        .optional(
                            "period",
                            .oneOf(EvaluationPeriod.allCases.map(\.rawValue)),
                            LocalizedText("对应的评估期", en: "the evaluation it closes")
                        ),
                        .required("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
                    ])
                )
            ),
            LocalizedText("年度日程", en: "the year's deadlines")
        ),
        .required(
            "indicators",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("一级指标标识", en: "group id")),
                        .required("name", .text, LocalizedText("一级指标", en: "group name")),
                        .required("points", .integer(1...1000), LocalizedText("分值", en: "points")),
                        .required(
                            "indicators",
                            .list(
                                .object(
                                    ObjectShape([
                                        .required("id", .identifier, LocalizedText("指标标识", en: "indicator id")),
                                        .required("name", .text, LocalizedText("指标", en: "indicator")),
                                        .required("points", .integer(1...1000), LocalizedText("分值", en: "points")),
                                        .optional(
                                            "metric",
                                            .identifier,
                                            LocalizedText("据数据计分的度量", en: "metric scored from data")
                                        ),
                                        .optional(
                                            "target",
                                            .integer(1...1_000_000_000),
                                            LocalizedText("末期满分目标值", en: "final full-points target")
                                        ),
                                        .optional(
                                            "midTermTarget",
                                            .integer(1...1_000_000_000),
                                            LocalizedText("中期满分目标值", en: "mid-term full-points target")
                                        ),
                                        .optional("source", .text, LocalizedText("出处", en: "source")),
                                    ])
                                )
                            ),
                            LocalizedText("二级指标", en: "indicators")
                        ),
                    ])
                )
            ),
            LocalizedText("指标体系", en: "indicator tree")
        ),
    ])

    /// The problems of a scheme whose points do not add up, ids repeat, or dates do not read.
    func schemeProblems() -> [(String, LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        var seen: Set<String> = []
        for (index, group) in indicators.enumerated() {
            let sum = group.indicators.reduce(0) { $0 + $1.points }
            if sum != group.points {
                problems.append(
                    (
                        "indicators[\(index)].points",
                        LocalizedText(
                            "“\(group.name)”为 \(group.points) 分,但其二级指标合计 \(sum) 分",
                            en: "'\(group.name)' is worth \(group.points) points but its indicators add up to \(sum)"
                        )
                    )
                )
            }
            for (position, indicator) in group.indicators.enumerated() {
                let path = "indicators[\(index)].indicators[\(position)]"
                if !seen.insert(indicator.id).inserted || indicator.id == group.id {
                    problems.append(
                        (
                            path + ".id",
                            LocalizedText("指标标识“\(indicator.id)”重复", en: "indicator id '\(indicator.id)' repeats")
                        )
                    )
                }
                if (indicator.metric == nil) != (indicator.target == nil) {
                    problems.append(
                        (
                            path,
                            LocalizedText(
                                "据数据计分的指标须同时写 metric 与 target",
                                en: "an indicator scored from data needs both metric and target"
                            )
                        )
                    )
                }
            }
        }
        for (index, deadline) in deadlines.enumerated() where deadline.dueDay(in: 2024) == nil {
            problems.append(
                (
                    "deadlines[\(index)].due",
                    LocalizedText(
                        "截止日“\(deadline.due)”应写作 MM-DD,如 11-30",
                        en: "due date '\(deadline.due)' should be MM-DD, e.g. 11-30"
                    )
                )
            )
        }
        return problems
    }
}

extension EvaluationFile {
    /// Loads and checks the scheme at `url`: points that do not add up, a repeated id or a bad date is
    /// an error that names the file and line.
    public static func load(from url: URL, displayPath: String) throws -> EvaluationFile {
        let loaded = try ConfigLoader.loadWithPositions(EvaluationFile.self, from: url, displayPath: displayPath)
        if let (path, detail) = loaded.value.schemeProblems().first {
            throw loaded.problem(.invalidValue, at: path, detail)
        }
        return loaded.value
    }
}
