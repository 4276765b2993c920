public import YizhanKernel

/// A template with everything it `extends:` merged in: a child's slots, code-list entries and
/// indicators replace its parent's by id and add to them.
public struct ResolvedTemplate: Hashable, Sendable {
    /// The template's id.
    public var id: String
    /// Its name.
    public var name: String
    /// Its version.
    public var version: Int
    /// The slots, parent's first.
    public var slots: [TemplateFile.Slot]
    /// The indicators, parent's first.
    public var indicators: [IndicatorEntry]
    /// The code lists, by list name.
    public var codeLists: [String: [CodeEntry]]
    /// The extra record fields, parent's first.
    public var fields: [FieldDefinition]
    /// Stage-day limits of cases; a child's replace its parent's stage by stage.
    public var caseStageDays: [CaseStage: Int]
    /// The approval workflows, parent's first; a child's replace its parent's by id.
    public var approvals: [ApprovalWorkflow]

    /// Merges `chain`, from the root template down to the one asked for.
    init(chain: [TemplateFile]) {
        id = chain.last?.id ?? ""
        name = chain.last?.name ?? ""
        version = chain.last?.version ?? 1
        slots = []
        indicators = []
        codeLists = [:]
        fields = []
        caseStageDays = [:]
        approvals = []
        for template in chain {
            for entry in template.approvals ?? [] { Self.upsert(entry.workflow, into: &approvals, id: \.id) }
            for (key, days) in template.caseStageDays ?? [:] {
                if let stage = CaseStage(rawValue: key) { caseStageDays[stage] = days }
            }
            for field in template.fields ?? [] { Self.upsert(field, into: &fields, id: \.id) }
            for slot in template.slots ?? [] { Self.upsert(slot, into: &slots, id: \.id) }
            for indicator in template.indicators ?? [] { Self.upsert(indicator, into: &indicators, id: \.id) }
            for (list, entries) in template.codeLists?.all ?? [] {
                for entry in entries { Self.upsert(entry, into: &codeLists[list, default: []], id: \.code) }
            }
        }
    }

    private static func upsert<Element>(_ element: Element, into list: inout [Element], id: KeyPath<Element, String>) {
        if let index = list.firstIndex(where: { $0[keyPath: id] == element[keyPath: id] }) {
            list[index] = element
        } else {
            list.append(element)
        }
    }
}
