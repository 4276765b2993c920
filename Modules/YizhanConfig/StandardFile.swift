public import Foundation
public import YizhanKernel

/// A construction standard (`config/standards/`): rules over a small set of kinds, each citing its
/// source. No standard's rule is written in Swift; the compliance checks evaluate these rules.
public struct StandardFile: ConfigFile, Hashable {
    /// The standard's id, e.g. `wenzhou-2021`.
    public var id: String
    /// Its name.
    public var name: String
    /// The document it comes from.
    public var source: String
    /// Its rules.
    public var rules: [Rule]

    /// The kinds of rule a standard is made of.
    public enum RuleKind: String, CaseIterable, Sendable, Codable {
        /// A metric at least and/or at most a value (area ≥ 100 m²; 3–8 workers).
        case threshold
        /// A share of a whole at least and/or at most a percentage (≥ 60 % of work hours in villages).
        case ratio
        /// Every item of a set covered (every village has a designated social worker).
        case coverage
        /// Listed things present (the rooms a station must have).
        case presence
        /// Something done by a date each year (the county report by 30 November).
        case deadline
    }

    /// The yearly due day of a deadline rule in `year` (`nil` for other kinds or a bad `due`).
    public static func dueDay(_ due: String?, in year: Int) -> CivilDate? {
        let parts = (due ?? "").split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        return try? CivilDate(year: year, month: parts[0], day: parts[1])
    }

    /// One rule.
    public struct Rule: Hashable, Sendable, Codable {
        /// The rule's id.
        public var id: String
        /// What it requires, in words.
        public var name: String
        /// Its kind.
        public var kind: RuleKind
        /// The metric it measures (threshold, coverage, presence; for a deadline, when it was done).
        public var metric: String?
        /// The part (ratio).
        public var numerator: String?
        /// The whole (ratio).
        public var denominator: String?
        /// At least (threshold).
        public var atLeast: Int?
        /// At most (threshold).
        public var atMost: Int?
        /// At least, in percent (ratio).
        public var atLeastPercent: Int?
        /// At most, in percent (ratio).
        public var atMostPercent: Int?
        /// Whether every part (each worker, each village) must meet the ratio, not only the whole
        /// (ratio; default false).
        public var each: Bool?
        /// The things that must be present (presence).
        public var items: [String]?
        /// The yearly due date `MM-DD` (deadline).
        public var due: String?
        /// The unit of the measured value.
        public var unit: String?
        /// Whether it is checked per station (default) or per county.
        public var appliesTo: String?

        /// Whether it is checked once per county rather than per station.
        public var isCountyRule: Bool { appliesTo == "county" }
        /// Where the rule comes from (seed and section).
        public var source: String
    }

    public static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("标准标识", en: "standard id")),
        .required("name", .text, LocalizedText("标准名称", en: "standard name")),
        .required("source", .text, LocalizedText("出处文件", en: "source document")),
        .required(
            "rules",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("规则标识", en: "rule id")),
                        .required("name", .text, LocalizedText("规则内容", en: "what it requires")),
                        .required(
                            "kind",
                            .oneOf(RuleKind.allCases.map(\.rawValue)),
                            LocalizedText("规则类型", en: "rule kind")
                        ),
                        .optional("metric", .identifier, LocalizedText("度量", en: "metric")),
                        .optional("numerator", .identifier, LocalizedText("分子", en: "part")),
                        .optional("denominator", .identifier, LocalizedText("分母", en: "whole")),
                        .optional("atLeast", .integer(0...1_000_000_000), LocalizedText("不少于", en: "at least")),
                        .optional("atMost", .integer(0...1_000_000_000), LocalizedText("不多于", en: "at most")),
                        .optional("atLeastPercent", .integer(0...100), LocalizedText("不低于(%)", en: "at least (%)")),
                        .optional("atMostPercent", .integer(0...100), LocalizedText("不高于(%)", en: "at most (%)")),
                        .optional(
                            "each",
                            .boolean,
                            LocalizedText("每个组成部分(每名社工、每个村)都须达到比例", en: "every part must meet the ratio")
                        ),
                        .optional("items", .list(.identifier), LocalizedText("须具备的项", en: "required items")),
                        .optional("due", .text, LocalizedText("每年截止日 MM-DD", en: "yearly due date MM-DD")),
                        .optional("unit", .text, LocalizedText("单位", en: "unit")),
                        .optional(
                            "appliesTo",
                            .oneOf(["station", "county"]),
                            LocalizedText("检查对象", en: "checked per")
                        ),
                        .required("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
                    ])
                )
            ),
            LocalizedText("规则", en: "rules")
        ),
    ])

    /// The problems of a rule that lacks what its kind needs, by key path.
    func ruleProblems() -> [(String, LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        for (index, rule) in rules.enumerated() {
            let path = "rules[\(index)]"
            func need(_ missing: Bool, _ zh: String, _ en: String) {
                if missing {
                    problems.append(
                        (
                            path,
                            LocalizedText(
                                "\(rule.kind.rawValue) 规则须写 \(zh)",
                                en: "a \(rule.kind.rawValue) rule needs \(en)"
                            )
                        )
                    )
                }
            }
            switch rule.kind {
            case .threshold:
                need(rule.metric == nil, "metric", "metric")
                need(rule.atLeast == nil && rule.atMost == nil, "atLeast 或 atMost", "atLeast or atMost")
            case .ratio:
                need(
                    rule.numerator == nil || rule.denominator == nil,
                    "numerator 与 denominator",
                    "numerator and denominator"
                )
                need(
                    rule.atLeastPercent == nil && rule.atMostPercent == nil,
                    "atLeastPercent 或 atMostPercent",
                    "atLeastPercent or atMostPercent"
                )
            case .coverage:
                need(rule.metric == nil, "metric", "metric")
            case .presence:
                need(rule.metric == nil || (rule.items ?? []).isEmpty, "metric 与 items", "metric and items")
            case .deadline:
                let parts = (rule.due ?? "").split(separator: "-").compactMap { Int($0) }
                let valid = parts.count == 2 && (try? CivilDate(year: 2024, month: parts[0], day: parts[1])) != nil
                need(!valid, "due(MM-DD,如 11-30)", "due (MM-DD, e.g. 11-30)")
                need(rule.metric == nil, "metric(完成日期的度量)", "metric (the completion date's metric)")
            }
        }
        return problems
    }
}

extension StandardFile {
    /// Loads and checks the standard at `url`: a rule that lacks what its kind needs is an error that
    /// names the file, line and rule.
    public static func load(from url: URL, displayPath: String) throws -> StandardFile {
        let loaded = try ConfigLoader.loadWithPositions(StandardFile.self, from: url, displayPath: displayPath)
        if let (path, detail) = loaded.value.ruleProblems().first {
            throw loaded.problem(.missingKey, at: path, detail)
        }
        return loaded.value
    }
}
