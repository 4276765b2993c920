import Crypto
public import Foundation
public import YizhanConfig
public import YizhanKernel

/// Turns validated configuration into the plan that brings a workspace's store up to it: units,
/// agencies, stations, workers and programs that are new or changed, each with its event. A
/// program whose content changed gets the next version; sub-projects the files no longer list are
/// retired, never deleted; applying the same files twice plans nothing.
public enum ConfigApply {
    /// The plan for the stations and divisions of `county` in `files`, against `store`'s current state.
    public static func plan(
        _ files: ConfigValidator.Result,
        county: DivisionCode,
        store: any StationStore,
        actor: Actor,
        at instant: Date
    ) async throws -> ConfigPlan {
        var plan = ConfigPlan()
        try await planUnits(
            files.divisions.filter { $0.county.code == county },
            store: store,
            into: &plan,
            actor,
            instant
        )
        let existing = Dictionary(
            try await store.stations(in: .within(county)).map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a }
        )
        for file in files.stations where county.contains(file.township) {
            var station = file.station
            let template = file.extends.flatMap { files.templates[$0] }
            station.caseStageDays = template?.caseStageDays ?? [:]
            station.indicators = file.appliedIndicators(template: template)
            // The template's categories and the station's own additions, beyond the kernel's.
            let categories = (template?.codeLists["clientCategories"] ?? []) + (file.codeLists?.clientCategories ?? [])
            station.clientCategoryNames = Dictionary(
                categories.filter { entry in
                    !ClientCategory.known.contains { $0.rawValue == entry.code }
                }.map { ($0.code, $0.name) },
                uniquingKeysWith: { first, _ in first }
            )
            try await planStation(
                file,
                station: station,
                current: existing[file.id],
                store: store,
                into: &plan,
                actor,
                instant
            )
        }
        for station in existing.values.sorted(by: { $0.id < $1.id })
        where !files.stations.contains(where: { $0.id == station.id }) {
            plan.lines.append(
                .init(
                    action: "keep",
                    kind: "station",
                    id: station.id.rawValue,
                    detail: LocalizedText("配置中没有此站,保留不动", en: "not in the files; kept as it is")
                )
            )
        }
        return plan
    }

    private static func planUnits(
        _ divisions: [DivisionsFile],
        store: any StationStore,
        into plan: inout ConfigPlan,
        _ actor: Actor,
        _ instant: Date
    ) async throws {
        for file in divisions {
            let current = Dictionary(
                try await store.orgUnits(within: file.county.code).map { ($0.code, $0.name) },
                uniquingKeysWith: { a, _ in a }
            )
            for unit in file.orgUnits {
                // Units within the county were read at once; the province and city above it one by one.
                var known = current[unit.code]
                if known == nil, !file.county.code.contains(unit.code) {
                    known = try await store.orgUnit(unit.code)?.name
                }
                guard known != unit.name else { continue }
                plan.change.register(unit, by: actor, at: instant)
                plan.lines.append(
                    .init(
                        action: known == nil ? "add" : "change",
                        kind: "orgUnit",
                        id: unit.code.rawValue,
                        detail: known.map { LocalizedText("名称 \($0) → \(unit.name)", en: "name \($0) → \(unit.name)") }
                            ?? LocalizedText(unit.name, en: unit.name)
                    )
                )
            }
        }
    }

    private static func planStation(
        _ file: StationFile,
        station: Station,
        current: Station?,
        store: any StationStore,
        into plan: inout ConfigPlan,
        _ actor: Actor,
        _ instant: Date
    ) async throws {
        if let agency = file.agency {
            let known = try await store.agency(agency.id)
            if known != agency {
                plan.change.register(agency, operating: station, by: actor, at: instant)
                plan.lines.append(
                    .init(
                        action: known == nil ? "add" : "change",
                        kind: "agency",
                        id: agency.id.rawValue,
                        detail: LocalizedText(agency.name, en: agency.name)
                    )
                )
            }
        }
        if current != station {
            plan.change.configure(station, by: actor, at: instant)
            plan.lines.append(
                .init(
                    action: current == nil ? "add" : "change",
                    kind: "station",
                    id: station.id.rawValue,
                    detail: current.map { changes(from: $0, to: station) }
                        ?? LocalizedText(station.name, en: station.name)
                )
            )
        }
        let workers = current == nil ? [] : try await store.workers(of: station.id)
        for worker in file.stationWorkers where !workers.contains(worker) {
            let known = workers.contains { $0.id == worker.id }
            plan.change.register(worker, at: station, by: actor, at: instant)
            plan.lines.append(
                .init(
                    action: known ? "change" : "add",
                    kind: "worker",
                    id: worker.id.rawValue,
                    detail: LocalizedText(worker.role.label(in: .zhHans), en: worker.role.label(in: .en))
                )
            )
        }
        let programs = current == nil ? [] : try await store.programs(of: station.id)
        for desired in file.stationPrograms {
            planProgram(
                desired,
                current: programs.first { $0.program.id == desired.program.id },
                at: station,
                into: &plan,
                actor,
                instant
            )
        }
    }

    private static func planProgram(
        _ desired: ProgramWithSubProjects,
        current: ProgramWithSubProjects?,
        at station: Station,
        into plan: inout ConfigPlan,
        _ actor: Actor,
        _ instant: Date
    ) {
        let checksum = Self.checksum(name: desired.program.name, subProjects: desired.subProjects)
        if let current, current.program.checksum == checksum { return }
        var next = desired
        next.program.checksum = checksum
        next.program.version = (current?.program.version ?? 0) + 1
        let dropped = (current?.subProjects ?? []).filter { old in
            !old.isRetired && !desired.subProjects.contains { $0.id == old.id }
        }
        next.subProjects += dropped.map { old in
            var retired = old
            retired.isRetired = true
            return retired
        }
        plan.change.configure(next, at: station, previous: current, by: actor, at: instant)
        let payload = ProgramConfigured(next.program, subProjects: next.subProjects, previous: current)
        let detailZH =
            current == nil
            ? "\(desired.program.name),v1,\(desired.subProjects.count) 个子项目"
            : "v\(payload.previousVersion ?? 0) → v\(next.program.version)" + summary(payload, zh: true)
        let detailEN =
            current == nil
            ? "\(desired.program.name), v1, \(desired.subProjects.count) sub-projects"
            : "v\(payload.previousVersion ?? 0) → v\(next.program.version)" + summary(payload, zh: false)
        plan.lines.append(
            .init(
                action: current == nil ? "add" : "change",
                kind: "program",
                id: desired.program.id.rawValue,
                detail: LocalizedText(detailZH, en: detailEN)
            )
        )
    }

    private static func summary(_ payload: ProgramConfigured, zh: Bool) -> String {
        var parts: [String] = []
        func list(_ ids: [SubProjectID]?, _ zhLabel: String, _ enLabel: String) {
            guard let ids, !ids.isEmpty else { return }
            parts.append((zh ? zhLabel : enLabel) + " " + ids.map(\.rawValue).joined(separator: ", "))
        }
        list(payload.added, "新增", "added")
        list(payload.retired, "停用", "retired")
        list(payload.changed, "修改", "changed")
        if payload.renamed == true { parts.append(zh ? "项目改名" : "renamed") }
        return parts.isEmpty ? "" : (zh ? ":" : ": ") + parts.joined(separator: zh ? ";" : "; ")
    }

    private static func changes(from old: Station, to new: Station) -> LocalizedText {
        var zh: [String] = []
        var en: [String] = []
        if old.name != new.name {
            zh.append("名称 \(old.name) → \(new.name)")
            en.append("name \(old.name) → \(new.name)")
        }
        if old.areaSquareMeters != new.areaSquareMeters {
            zh.append("面积 \(old.areaSquareMeters) → \(new.areaSquareMeters) ㎡")
            en.append("area \(old.areaSquareMeters) → \(new.areaSquareMeters) m²")
        }
        if old.rooms != new.rooms {
            zh.append("功能室")
            en.append("rooms")
        }
        if old.brandName != new.brandName {
            zh.append("品牌")
            en.append("brand")
        }
        if old.clientCategoryNames != new.clientCategoryNames {
            zh.append("服务对象类别")
            en.append("client categories")
        }
        if old.indicators != new.indicators {
            zh.append("指标")
            en.append("indicators")
        }
        if old.caseStageDays != new.caseStageDays {
            zh.append("个案各阶段时限")
            en.append("case stage limits")
        }
        if old.agency != new.agency || old.kind != new.kind || old.orgUnit != new.orgUnit {
            zh.append("类型、区划或承接机构")
            en.append("kind, division or agency")
        }
        return LocalizedText(zh.joined(separator: ";"), en: en.joined(separator: "; "))
    }

    /// SHA-256 over the program's name and its sub-projects (by id: id, name, slot), as hex.
    static func checksum(name: String, subProjects: [SubProject]) -> String {
        let lines = [name] + subProjects.sorted { $0.id < $1.id }.map { "\($0.id)\t\($0.name)\t\($0.slot.rawValue)" }
        return SHA256.hash(data: Data(lines.joined(separator: "\n").utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
