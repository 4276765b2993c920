public import Foundation
import YizhanKernel

/// Checks a set of configuration files, each on its own and against each other, and reports every
/// problem at once: the file kinds by folder (`templates/`, `stations/`, `divisions/`, `demo/`,
/// `yizhan.yaml`), `extends:` chains, slot counts, indicators a template requires, code lists.
///
/// ```swift
/// let result = ConfigValidator.validate([URL(fileURLWithPath: "config")])
/// result.problems.isEmpty
/// ```
public enum ConfigValidator {
    /// What a validation found.
    public struct Result: Sendable {
        /// Files read, by kind (`template`, `station` …).
        public var files: [String: Int] = [:]
        /// Every problem, by file, line and column.
        public var problems: [ConfigError] = []
        /// The templates, resolved, by id.
        public var templates: [String: ResolvedTemplate] = [:]
        /// The station files, in path order.
        public var stations: [StationFile] = []
        /// The divisions files, in path order.
        public var divisions: [DivisionsFile] = []
        /// The file each station was read from, by station id.
        public var stationFiles: [String: String] = [:]
    }

    /// Validates the files at `urls` (files or folders, searched for `.yaml` and `.yml`).
    ///
    /// - Parameter base: paths in messages are shown relative to it when they lie below it.
    public static func validate(_ urls: [URL], relativeTo base: URL? = nil) -> Result {
        var loader = Loader(base: base)
        for url in urls { loader.collect(url) }
        var result = Result(files: loader.counts, problems: loader.problems)
        result.stations = loader.stations.map(\.value)
        result.divisions = loader.divisions.map(\.value)
        result.stationFiles = Dictionary(
            loader.stations.map { ($0.value.id.rawValue, $0.file) },
            uniquingKeysWith: { first, _ in first }
        )
        result.templates = checkTemplates(loader.templates, into: &result.problems)
        checkStations(loader.stations, templates: result.templates, into: &result.problems)
        checkDivisions(loader.divisions, stations: loader.stations, into: &result.problems)
        checkOthers(loader, into: &result.problems)
        result.problems = ConfigErrors(result.problems).problems
        return result
    }

    // MARK: Templates

    private static func checkTemplates(
        _ files: [ConfigLoader.Loaded<TemplateFile>],
        into problems: inout [ConfigError]
    ) -> [String: ResolvedTemplate] {
        var byID: [String: ConfigLoader.Loaded<TemplateFile>] = [:]
        for file in files {
            for (path, detail) in file.value.caseStageProblems() {
                problems.append(file.problem(.invalidValue, at: path, detail))
            }
            if let earlier = byID[file.value.id] {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "id",
                        LocalizedText(
                            "模板标识“\(file.value.id)”与 \(earlier.file) 重复",
                            en: "template id '\(file.value.id)' is also used by \(earlier.file)"
                        )
                    )
                )
            } else {
                byID[file.value.id] = file
            }
        }
        var resolved: [String: ResolvedTemplate] = [:]
        for file in files where byID[file.value.id]?.file == file.file {
            var chain = [file.value]
            var seen = [file.value.id]
            var broken = false
            while let parent = chain.first?.extends {
                guard !seen.contains(parent) else {
                    problems.append(
                        file.problem(
                            .badExtends,
                            at: "extends",
                            LocalizedText(
                                "extends 形成循环:\((seen + [parent]).joined(separator: " → "))",
                                en: "extends loops: \((seen + [parent]).joined(separator: " → "))"
                            )
                        )
                    )
                    broken = true
                    break
                }
                guard let next = byID[parent]?.value else {
                    problems.append(missingTemplate(parent, in: file, known: Array(byID.keys)))
                    broken = true
                    break
                }
                chain.insert(next, at: 0)
                seen.append(parent)
            }
            if !broken { resolved[file.value.id] = ResolvedTemplate(chain: chain) }
            checkFields(file.value.fields ?? [], in: file, inherited: [], into: &problems)
            for (index, slot) in (file.value.slots ?? []).enumerated() where (slot.max ?? slot.min) < slot.min {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "slots[\(index)].max",
                        LocalizedText("槽位“\(slot.name)”的 max 小于 min", en: "slot '\(slot.name)' has max below min")
                    )
                )
            }
        }
        return resolved
    }

    private static func missingTemplate<Value>(
        _ id: String,
        in file: ConfigLoader.Loaded<Value>,
        known: [String]
    ) -> ConfigError {
        let suggestion = ShapeChecker.closest(to: id, among: known)
        return file.problem(
            .badExtends,
            at: "extends",
            LocalizedText(
                "找不到模板“\(id)”\(suggestion.map { ",是否想写“\($0)”?" } ?? "")(已有:\(known.sorted().joined(separator: "、")))",
                en:
                    "no template '\(id)'\(suggestion.map { "; did you mean '\($0)'?" } ?? "") (known: \(known.sorted().joined(separator: ", ")))"
            )
        )
    }

    // MARK: Stations

    private static func checkStations(
        _ files: [ConfigLoader.Loaded<StationFile>],
        templates: [String: ResolvedTemplate],
        into problems: inout [ConfigError]
    ) {
        var stationIDs: [String: String] = [:]
        var rowIDs: [String: String] = [:]
        for file in files {
            let station = file.value
            let owned =
                station.workers.enumerated().map { ("workers[\($0.offset)].id", $0.element.id.rawValue) }
                + station.programs.enumerated().flatMap { p, program in
                    [("programs[\(p)].id", program.id.rawValue)]
                        + program.subProjects.enumerated().map {
                            ("programs[\(p)].subProjects[\($0.offset)].id", $0.element.id.rawValue)
                        }
                }
            for (path, id) in owned {
                if let earlier = rowIDs[id] {
                    problems.append(
                        file.problem(
                            .inconsistent,
                            at: path,
                            LocalizedText(
                                "标识“\(id)”已在 \(earlier) 中使用",
                                en: "the id '\(id)' is already used in \(earlier)"
                            )
                        )
                    )
                }
                rowIDs[id] = file.file
            }
            if let earlier = stationIDs[station.id.rawValue] {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "id",
                        LocalizedText(
                            "社工站标识“\(station.id)”与 \(earlier) 重复",
                            en: "station id '\(station.id)' is also used by \(earlier)"
                        )
                    )
                )
            }
            stationIDs[station.id.rawValue] = file.file
            guard let templateID = station.extends else { continue }
            guard let template = templates[templateID] else {
                problems.append(missingTemplate(templateID, in: file, known: Array(templates.keys)))
                continue
            }
            checkSlots(file, template: template, into: &problems)
            checkIndicators(file, template: template, into: &problems)
            checkCodeLists(file, template: template, into: &problems)
            checkFields(file.value.fields ?? [], in: file, inherited: template.fields, into: &problems)
        }
    }

    private static func checkSlots(
        _ file: ConfigLoader.Loaded<StationFile>,
        template: ResolvedTemplate,
        into problems: inout [ConfigError]
    ) {
        guard !template.slots.isEmpty else { return }
        var counts: [String: Int] = [:]
        for (p, program) in file.value.programs.enumerated() {
            for (s, subProject) in program.subProjects.enumerated() {
                let slot = subProject.slot.rawValue
                guard template.slots.contains(where: { $0.id == slot }) else {
                    let names = template.slots.map { "\($0.id)(\($0.name))" }
                    problems.append(
                        file.problem(
                            .requirement,
                            at: "programs[\(p)].subProjects[\(s)].slot",
                            LocalizedText(
                                "模板 \(template.name) 没有槽位“\(slot)”,可用:\(names.joined(separator: "、"))",
                                en:
                                    "template \(template.id) has no slot '\(slot)'; its slots: \(template.slots.map(\.id).joined(separator: ", "))"
                            )
                        )
                    )
                    continue
                }
                counts[slot, default: 0] += 1
            }
        }
        for slot in template.slots {
            let count = counts[slot.id] ?? 0
            let wanted: String? =
                if let max = slot.max, slot.min == max, count != max { "\(max)" } else if count < slot.min {
                    "至少 \(slot.min)"
                } else if let max = slot.max, count > max { "至多 \(max)" } else { nil }
            guard let wanted else { continue }
            let wantedEN = wanted.replacingOccurrences(of: "至少 ", with: "at least ").replacingOccurrences(
                of: "至多 ",
                with: "at most "
            )
            problems.append(
                file.problem(
                    .requirement,
                    at: "programs",
                    LocalizedText(
                        "\(slot.name):\(count) 个,模板 \(template.name) 要求 \(wanted) 个",
                        en: "\(slot.id): \(count), template \(template.id) requires \(wantedEN)"
                    )
                )
            )
        }
    }

    private static func checkIndicators(
        _ file: ConfigLoader.Loaded<StationFile>,
        template: ResolvedTemplate,
        into problems: inout [ConfigError]
    ) {
        for (index, entry) in (file.value.indicators ?? []).enumerated() {
            let path = "indicators[\(index)]"
            guard let inherited = template.indicators.first(where: { $0.id == entry.id }) else {
                if entry.name == nil || entry.unit == nil || entry.period == nil {
                    problems.append(
                        file.problem(
                            .missingKey,
                            at: path,
                            LocalizedText(
                                "模板 \(template.name) 没有指标“\(entry.id)”;新增指标须写 name、unit、period",
                                en:
                                    "template \(template.id) has no indicator '\(entry.id)'; a new one needs name, unit and period"
                            )
                        )
                    )
                }
                continue
            }
            if entry.disabled == true, inherited.required == true {
                problems.append(
                    file.problem(
                        .requirement,
                        at: "\(path).disabled",
                        LocalizedText(
                            "不能停用指标“\(inherited.name ?? entry.id)”:模板 \(template.name) 要求保留",
                            en: "cannot disable '\(entry.id)': template \(template.id) requires it"
                        )
                    )
                )
            }
            let changesTarget = entry.atLeast != nil || entry.atMost != nil
            if changesTarget, inherited.overridable != true {
                problems.append(
                    file.problem(
                        .requirement,
                        at: path,
                        LocalizedText(
                            "指标“\(inherited.name ?? entry.id)”的目标由模板 \(template.name) 规定,社工站不可修改",
                            en: "the target of '\(entry.id)' is set by template \(template.id) and cannot be overridden"
                        )
                    )
                )
            }
        }
    }

    private static func checkCodeLists(
        _ file: ConfigLoader.Loaded<StationFile>,
        template: ResolvedTemplate,
        into problems: inout [ConfigError]
    ) {
        for (list, entries) in file.value.codeLists?.all ?? [] {
            for (index, entry) in entries.enumerated()
            where template.codeLists[list]?.contains(where: { $0.code == entry.code }) == true {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "codeLists.\(list)[\(index)].code",
                        LocalizedText(
                            "代码“\(entry.code)”模板中已有,社工站只能增加新代码",
                            en: "code '\(entry.code)' is already in the template; a station can only add new codes"
                        )
                    )
                )
            }
        }
    }

    /// Choice fields need options; a station adds fields but never redefines its template's.
    private static func checkFields<Value>(
        _ fields: [FieldDefinition],
        in file: ConfigLoader.Loaded<Value>,
        inherited: [FieldDefinition],
        into problems: inout [ConfigError]
    ) {
        for (index, field) in fields.enumerated() {
            if field.type == .choice, (field.options ?? []).isEmpty {
                problems.append(
                    file.problem(
                        .missingKey,
                        at: "fields[\(index)]",
                        LocalizedText(
                            "choice 字段“\(field.name)”须列出 options",
                            en: "choice field '\(field.id)' needs options"
                        )
                    )
                )
            }
            if inherited.contains(where: { $0.id == field.id }) {
                problems.append(
                    file.problem(
                        .requirement,
                        at: "fields[\(index)].id",
                        LocalizedText(
                            "字段“\(field.id)”由模板定义,社工站只能增加新字段",
                            en: "field '\(field.id)' is the template's; a station can only add new ones"
                        )
                    )
                )
            }
        }
    }

    // MARK: Brands, standards, subscriptions

    private static func checkOthers(_ loader: Loader, into problems: inout [ConfigError]) {
        let stations = Set(loader.stations.map(\.value.id.rawValue))
        let known = !stations.isEmpty
        for brand in loader.brands where known && !stations.contains(brand.value.station) {
            problems.append(
                brand.problem(
                    .inconsistent,
                    at: "station",
                    LocalizedText("没有社工站“\(brand.value.station)”", en: "no station '\(brand.value.station)'")
                )
            )
        }
        for file in loader.ledgerHeaders {
            for (path, detail) in file.value.dictionaryProblems() {
                problems.append(file.problem(.invalidValue, at: path, detail))
            }
        }
        for standard in loader.standards {
            for (path, detail) in standard.value.ruleProblems() {
                problems.append(standard.problem(.missingKey, at: path, detail))
            }
        }
        for scheme in loader.evaluations {
            for (path, detail) in scheme.value.schemeProblems() {
                problems.append(scheme.problem(.invalidValue, at: path, detail))
            }
        }
        for file in loader.requestPolicies {
            for (path, detail) in file.value.policyProblems() {
                problems.append(file.problem(.invalidValue, at: path, detail))
            }
        }
        for file in loader.subscriptions {
            for (path, detail) in file.value.subscriptionProblems() {
                problems.append(file.problem(.invalidValue, at: path, detail))
            }
            for (index, subscription) in file.value.subscriptions.enumerated()
            where known && subscription.scope?.station.map({ !stations.contains($0) }) == true {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "subscriptions[\(index)].scope.station",
                        LocalizedText(
                            "没有社工站“\(subscription.scope?.station ?? "")”",
                            en: "no station '\(subscription.scope?.station ?? "")'"
                        )
                    )
                )
            }
        }
    }

    // MARK: Divisions

    private static func checkDivisions(
        _ divisions: [ConfigLoader.Loaded<DivisionsFile>],
        stations: [ConfigLoader.Loaded<StationFile>],
        into problems: inout [ConfigError]
    ) {
        for file in stations {
            let township = file.value.township
            guard let covering = divisions.first(where: { $0.value.county.code.contains(township) }) else { continue }
            if !covering.value.townships.contains(where: { $0.code == township }) {
                problems.append(
                    file.problem(
                        .inconsistent,
                        at: "township",
                        LocalizedText(
                            "镇(街道)\(township) 不在 \(covering.file) 中",
                            en: "township \(township) is not in \(covering.file)"
                        )
                    )
                )
            }
        }
    }
}
