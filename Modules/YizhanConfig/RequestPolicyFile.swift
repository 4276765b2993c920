public import Foundation
public import YizhanKernel

/// A county's rules for residents' requests (`config/requests/`): the tiers a request rises through,
/// the categories with their time limits and first tier, reopening, and the dispute rules of
/// 矛盾纠纷联排联化 (seed 002 §三). Limits are written `30m`, `2h`, `7d`.
public struct RequestPolicyFile: ConfigFile, Hashable, Codable {
    /// A tier, lowest first.
    public struct Tier: Hashable, Sendable, Codable {
        /// Its code (`gridWorker`).
        public var id: String
        /// Its name (网格员).
        public var name: String
    }

    /// A category of request.
    public struct Category: Hashable, Sendable, Codable {
        /// Its code (`utility`).
        public var id: String
        /// Its name (水电气暖).
        public var name: String
        /// `request`, `complaint` or `dispute`.
        public var kind: String
        /// The tier that holds a new request of the category.
        public var firstTier: String
        /// Its three limits, as written.
        public var limits: Limits
    }

    /// The three limits of a category, as written (`2h`).
    public struct Limits: Hashable, Sendable, Codable {
        /// To accept.
        public var accept: String
        /// To answer the resident.
        public var answer: String
        /// To resolve.
        public var resolve: String
    }

    /// Reopening (重办).
    public struct Reopening: Hashable, Sendable, Codable {
        /// Reopenings before a further one goes to the top tier.
        public var limit: Int
        /// Days after closing within which a reopening is accepted.
        public var windowDays: Int
    }

    /// The tiers, lowest first.
    public var tiers: [Tier]
    /// The categories.
    public var categories: [Category]
    /// Reopening; the shipped 2 and 5 days when absent.
    public var reopen: Reopening?
    /// The dispute rules; the shipped 5 days, 15 more and 3 rounds when absent.
    public var disputes: DisputeRules?

    private static let tier = ObjectShape([
        .required("id", .identifier, LocalizedText("层级代码", en: "tier code")),
        .required("name", .text, LocalizedText("层级名称", en: "tier name")),
    ])

    private static let limit = LocalizedText("时限,如 30m、2h、7d(分钟、小时、天)", en: "a limit like 30m, 2h or 7d")

    public static let shape = ObjectShape([
        .required("tiers", .list(.object(tier)), LocalizedText("办理层级,自下而上", en: "tiers, lowest first")),
        .required(
            "categories",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("分类代码", en: "category code")),
                        .required("name", .text, LocalizedText("分类名称", en: "category name")),
                        .required(
                            "kind",
                            .oneOf(RequestKind.allCases.map(\.rawValue)),
                            LocalizedText("诉求、投诉建议或矛盾纠纷", en: "request, complaint or dispute")
                        ),
                        .required(
                            "firstTier",
                            .identifier,
                            LocalizedText("首先承办的层级", en: "the tier that takes it first")
                        ),
                        .required(
                            "limits",
                            .object(
                                ObjectShape([
                                    .required("accept", .text, limit),
                                    .required("answer", .text, limit),
                                    .required("resolve", .text, limit),
                                ])
                            ),
                            LocalizedText("受理、反馈、办结时限", en: "the limits to accept, answer and resolve")
                        ),
                    ])
                )
            ),
            LocalizedText("诉求分类", en: "categories")
        ),
        .optional(
            "reopen",
            .object(
                ObjectShape([
                    .required("limit", .integer(0...20), LocalizedText("可重办次数", en: "reopenings allowed")),
                    .required("windowDays", .integer(1...90), LocalizedText("办结后几天内可重办", en: "days to reopen")),
                ])
            ),
            LocalizedText("重办", en: "reopening")
        ),
        .optional(
            "disputes",
            .object(
                ObjectShape([
                    .required(
                        "generalDays",
                        .integer(1...90),
                        LocalizedText("一般纠纷时限(天)", en: "days of a general dispute")
                    ),
                    .required(
                        "complexDays",
                        .integer(1...180),
                        LocalizedText("复杂纠纷再延长的天数", en: "further days of a complex one")
                    ),
                    .required("maxRounds", .integer(1...20), LocalizedText("上交县级前的调解轮数", en: "rounds before going up")),
                ])
            ),
            LocalizedText("矛盾纠纷规则", en: "dispute rules")
        ),
    ])

    /// The problems a shape cannot express, by key path: repeated codes, a first tier the file lacks,
    /// limits that do not read or do not come in order (accept ≤ answer ≤ resolve).
    func policyProblems() -> [(String, LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        var tierIDs = Set<String>()
        for (index, tier) in tiers.enumerated() where !tierIDs.insert(tier.id).inserted {
            problems.append(
                ("tiers[\(index)].id", LocalizedText("层级代码“\(tier.id)”重复", en: "tier code '\(tier.id)' repeats"))
            )
        }
        if tiers.isEmpty {
            problems.append(("tiers", LocalizedText("至少要有一个层级", en: "at least one tier is needed")))
        }
        var categoryIDs = Set<String>()
        for (index, category) in categories.enumerated() {
            let path = "categories[\(index)]"
            if !categoryIDs.insert(category.id).inserted {
                problems.append(
                    (
                        "\(path).id",
                        LocalizedText("分类代码“\(category.id)”重复", en: "category code '\(category.id)' repeats")
                    )
                )
            }
            if !tierIDs.contains(category.firstTier) {
                let known = tiers.map(\.id).joined(separator: "、")
                problems.append(
                    (
                        "\(path).firstTier",
                        LocalizedText(
                            "没有层级“\(category.firstTier)”;本文件的层级:\(known)",
                            en: "no tier '\(category.firstTier)'; the file's tiers: \(known)"
                        )
                    )
                )
            }
            let written = [
                ("accept", category.limits.accept), ("answer", category.limits.answer),
                ("resolve", category.limits.resolve),
            ]
            var parsed: [TimeLimit] = []
            for (key, text) in written {
                if let limit = TimeLimit(text) {
                    parsed.append(limit)
                } else {
                    problems.append(
                        (
                            "\(path).limits.\(key)",
                            LocalizedText(
                                "“\(text)”不是时限:应写成数字加 m、h 或 d,如 30m、2h、7d",
                                en: "'\(text)' is not a limit: write a number and m, h or d, e.g. 30m, 2h, 7d"
                            )
                        )
                    )
                }
            }
            if parsed.count == 3, !(parsed[0] <= parsed[1] && parsed[1] <= parsed[2]) {
                problems.append(
                    (
                        "\(path).limits",
                        LocalizedText(
                            "时限应依次不短于前一个:受理 \(parsed[0]) ≤ 反馈 \(parsed[1]) ≤ 办结 \(parsed[2])",
                            en:
                                "each limit must be at least the one before: accept \(parsed[0]) ≤ answer \(parsed[1]) ≤ resolve \(parsed[2])"
                        )
                    )
                )
            }
        }
        if categories.isEmpty {
            problems.append(("categories", LocalizedText("至少要有一个分类", en: "at least one category is needed")))
        }
        return problems
    }

    /// The policy the file describes; categories whose limits do not read are left out (the
    /// validator reports them).
    public var policy: RequestPolicy {
        let shipped = RequestPolicy.shipped
        return RequestPolicy(
            tiers: tiers.map { RequestTier(id: $0.id, name: $0.name) },
            categories: categories.compactMap { category in
                guard let kind = RequestKind(rawValue: category.kind), let accept = TimeLimit(category.limits.accept),
                    let answer = TimeLimit(category.limits.answer), let resolve = TimeLimit(category.limits.resolve)
                else { return nil }
                return RequestCategory(
                    id: category.id,
                    name: category.name,
                    kind: kind,
                    limits: RequestLimits(accept: accept, answer: answer, resolve: resolve),
                    firstTier: category.firstTier
                )
            },
            reopenLimit: reopen?.limit ?? shipped.reopenLimit,
            reopenWindowDays: reopen?.windowDays ?? shipped.reopenWindowDays,
            disputes: disputes ?? shipped.disputes
        )
    }
}

extension RequestPolicyFile {
    /// Loads a request policy file and checks it on its own.
    ///
    /// - Throws: `ConfigErrors` with every problem, each with its line and column.
    public static func loadChecked(from url: URL, displayPath: String? = nil) throws(ConfigErrors) -> RequestPolicyFile
    {
        let loaded = try ConfigLoader.loadWithPositions(RequestPolicyFile.self, from: url, displayPath: displayPath)
        let problems = loaded.value.policyProblems().map { loaded.problem(.invalidValue, at: $0.0, $0.1) }
        guard problems.isEmpty else { throw ConfigErrors(problems) }
        return loaded.value
    }
}
