public import Foundation
public import YizhanKernel

/// Rolls a template out to a county: a station file for every township that has none, and, for the
/// stations that already extend the template, what it now means for them. Station files only
/// reference their template, so a roll-out never overwrites a station's own programs or additions.
public enum TemplateRollout {
    /// What a roll-out did and found.
    public struct Report: Sendable {
        /// The template, resolved.
        public var template: ResolvedTemplate
        /// Station files written (or that would be, in a dry run), relative to the config folder.
        public var created: [String] = []
        /// One entry per existing station of the county that extends the template.
        public var stations: [StationReport] = []
    }

    /// What the template means for one existing station.
    public struct StationReport: Sendable {
        /// The station's id.
        public var station: String
        /// Its file.
        public var file: String
        /// What the station must fix to meet the template (slot counts, fixed targets …).
        public var problems: [ConfigError]
        /// The template's indicators, with the target that applies to this station.
        public var indicators: [IndicatorEntry]
    }

    /// Rolls `templateID` out to `county` within the config folder `root`.
    ///
    /// - Parameter write: `false` for a dry run that writes nothing.
    /// - Throws: `ConfigErrors` when the folder does not validate, the template is unknown, or no
    ///   divisions file covers the county.
    public static func rollout(
        template templateID: String,
        county: DivisionCode,
        in root: URL,
        write: Bool
    ) throws
        -> Report
    {
        let before = ConfigValidator.validate([root], relativeTo: root)
        let broken = before.problems.filter { $0.code != .requirement }
        guard broken.isEmpty else { throw ConfigErrors(broken) }
        guard let template = before.templates[templateID] else {
            throw ConfigErrors([
                ConfigError(
                    code: .badExtends,
                    file: root.lastPathComponent,
                    detail: LocalizedText(
                        "找不到模板“\(templateID)”(已有:\(before.templates.keys.sorted().joined(separator: "、")))",
                        en:
                            "no template '\(templateID)' (known: \(before.templates.keys.sorted().joined(separator: ", ")))"
                    )
                )
            ])
        }
        guard let divisions = before.divisions.first(where: { $0.county.code == county }) else {
            throw ConfigErrors([
                ConfigError(
                    code: .missingKey,
                    file: root.lastPathComponent,
                    detail: LocalizedText(
                        "divisions/ 中没有县 \(county.significantPrefix) 的区划文件",
                        en: "divisions/ has no file for county \(county.significantPrefix)"
                    )
                )
            ])
        }
        var report = Report(template: template)
        let existing = before.stations.filter { county.contains($0.township) }
        let folder = stationsFolder(for: county, existing: existing, files: before.stationFiles, root: root)
        for township in divisions.townships where !existing.contains(where: { $0.township == township.code }) {
            let id = "station-\(township.code.rawValue.prefix(9))"
            let url = folder.appendingPathComponent("\(id).yaml")
            guard !FileManager.default.fileExists(atPath: url.path) else { continue }
            if write {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(stationFile(id: id, township: township, template: template).utf8).write(to: url)
            }
            report.created.append(relative(url, to: root))
        }
        let after = write ? ConfigValidator.validate([root], relativeTo: root) : before
        for station in after.stations where county.contains(station.township) && station.extends == templateID {
            let file = after.stationFiles[station.id.rawValue] ?? ""
            report.stations.append(
                StationReport(
                    station: station.id.rawValue,
                    file: file,
                    problems: after.problems.filter { $0.file == file },
                    indicators: template.indicators.map { indicator in
                        var applied = indicator
                        if let own = station.indicators?.first(where: { $0.id == indicator.id }) {
                            applied.atLeast = own.atLeast ?? indicator.atLeast
                            applied.atMost = own.atMost ?? indicator.atMost
                            applied.disabled = own.disabled
                        }
                        return applied
                    }
                )
            )
        }
        return report
    }

    /// A new station file: the template's slots filled to their minimum with names to replace.
    static func stationFile(id: String, township: DivisionsFile.Township, template: ResolvedTemplate) -> String {
        var lines = [
            "# yaml-language-server: $schema=../../schema/station.schema.json",
            "# 由 yizhan template rollout \(template.id) 生成:请填写面积、人员,并把“待填写”的子项目改为本站的项目。",
            "id: \(id)",
            "name: \(township.name)社会工作站",
            "kind: station",
            "extends: \(template.id)",
            "township: \"\(township.code.rawValue.prefix(9))\"  # \(township.name)",
            "areaSquareMeters: 0",
            "workers: []",
            "programs:",
            "  - id: \(id)-program",
            "    name: \(township.name)社会工作站服务项目",
            "    subProjects:",
        ]
        for slot in template.slots {
            for index in 0..<slot.min {
                lines.append("      - { id: \(id)-\(slot.id)\(index + 1), name: \(slot.name)(待填写), slot: \(slot.id) }")
            }
        }
        if template.slots.allSatisfy({ $0.min == 0 }) { lines[lines.count - 1] = "    subProjects: []" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The folder the county's stations already live in, or `stations/<county code>/`.
    private static func stationsFolder(
        for county: DivisionCode,
        existing: [StationFile],
        files: [String: String],
        root: URL
    )
        -> URL
    {
        guard let station = existing.first, let file = files[station.id.rawValue] else {
            return root.appendingPathComponent("stations/\(county.significantPrefix)")
        }
        return root.appendingPathComponent(file).deletingLastPathComponent()
    }

    private static func relative(_ url: URL, to root: URL) -> String {
        let prefix = root.standardized.path + "/"
        let path = url.standardized.path
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
