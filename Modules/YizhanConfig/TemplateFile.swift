public import Foundation
public import YizhanKernel

/// A standard template a county or city rolls out (`config/templates/`): program slots and their
/// counts, code lists and indicators with targets. A station file `extends:` one.
public struct TemplateFile: ConfigFile, Hashable {
    /// The template's id, e.g. `haiyan-123n`.
    public var id: String
    /// Its name, e.g. 海盐“123N”.
    public var name: String
    /// Its version; a roll-out of a changed template raises it.
    public var version: Int
    /// Where it comes from (seed and section).
    public var source: String?
    /// A template it builds on.
    public var extends: String?
    /// The program slots and how many sub-projects each takes.
    public var slots: [Slot]?
    /// The code lists.
    public var codeLists: CodeLists?
    /// The indicators and their targets.
    public var indicators: [IndicatorEntry]?
    /// Extra fields of service records.
    public var fields: [FieldDefinition]?
    /// How many days a case may stay in each stage (`intake: 7` …) before it is overdue.
    public var caseStageDays: [String: Int]?
    /// The approval workflows of the stations that extend it (issue 25.1).
    public var approvals: [ApprovalWorkflowEntry]?

    /// A slot and how many sub-projects fill it.
    public struct Slot: Hashable, Sendable, Codable {
        /// The slot's code, e.g. `brand`.
        public var id: String
        /// Its name, e.g. 品牌项目.
        public var name: String
        /// The fewest sub-projects.
        public var min: Int
        /// The most, if limited.
        public var max: Int?
        /// A remark.
        public var note: String?
    }

    public static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("模板标识", en: "template id")),
        .required("name", .text, LocalizedText("模板名称", en: "template name")),
        .required("version", .integer(1...10_000), LocalizedText("模板版本", en: "template version")),
        .optional("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
        .optional("extends", .identifier, LocalizedText("所基于的模板", en: "the template it builds on")),
        .optional(
            "slots",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("槽位代码", en: "slot code")),
                        .required("name", .text, LocalizedText("槽位名称", en: "slot name")),
                        .required("min", .integer(0...1_000), LocalizedText("最少个数", en: "fewest")),
                        .optional("max", .integer(0...1_000), LocalizedText("最多个数", en: "most")),
                        .optional("note", .text, LocalizedText("说明", en: "remark")),
                    ])
                )
            ),
            LocalizedText("项目槽位", en: "program slots")
        ),
        .optional("codeLists", .object(CommonShapes.codeLists), LocalizedText("代码表", en: "code lists")),
        .optional(
            "indicators",
            .list(.object(CommonShapes.indicator(requireDefinition: true))),
            LocalizedText("指标与目标", en: "indicators and targets")
        ),
        .optional("fields", .list(.object(CommonShapes.field)), LocalizedText("服务记录的附加字段", en: "extra record fields")),
        .optional(
            "caseStageDays",
            .dictionary(.integer(1...3_650)),
            LocalizedText(
                "个案各阶段的最长天数(intake 接案、assessment 预估、plan 计划、intervention 介入、evaluation 评估)",
                en: "the most days a case may stay in each stage (intake, assessment, plan, intervention, evaluation)"
            )
        ),
        .optional(
            "approvals",
            .list(.object(ApprovalWorkflowEntry.shape)),
            LocalizedText("逐级提交与审核的流程(社工站 → 县 → 市)", en: "approval workflows (station → county → city)")
        ),
    ])

    /// Key paths and what is wrong there: approval workflows whose levels, data or deadline cannot
    /// be, and stage-day limits for stages that are not open stages.
    public func caseStageProblems() -> [(String, LocalizedText)] {
        var found: [(String, LocalizedText)] = []
        for (index, entry) in (approvals ?? []).enumerated() {
            found += entry.problems(at: "approvals[\(index)]")
        }
        let open = CaseStage.allCases.filter { !$0.isFinal }.map(\.rawValue)
        return found
            + (caseStageDays ?? [:]).keys.sorted().filter { !open.contains($0) }.map { key in
                (
                    "caseStageDays.\(key)",
                    LocalizedText(
                        "“\(key)”不是个案的进行中阶段,应为:\(open.joined(separator: "、"))",
                        en: "'\(key)' is not an open case stage; expected one of \(open)"
                    )
                )
            }
    }
}

extension TemplateFile {
    /// Loads and checks the template at `url`: a workflow or a stage limit that cannot be is an
    /// error that names the file and line.
    public static func load(from url: URL, displayPath: String) throws -> TemplateFile {
        let loaded = try ConfigLoader.loadWithPositions(TemplateFile.self, from: url, displayPath: displayPath)
        if let (path, detail) = loaded.value.caseStageProblems().first {
            throw loaded.problem(.invalidValue, at: path, detail)
        }
        return loaded.value
    }
}
