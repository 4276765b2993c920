import Foundation
import YizhanKernel

extension ConfigValidator {
    /// Finds the YAML files, tells their kind by folder, and loads each.
    struct Loader {
        let base: URL?
        var counts: [String: Int] = [:]
        var problems: [ConfigError] = []
        var templates: [ConfigLoader.Loaded<TemplateFile>] = []
        var stations: [ConfigLoader.Loaded<StationFile>] = []
        var divisions: [ConfigLoader.Loaded<DivisionsFile>] = []
        var brands: [ConfigLoader.Loaded<BrandFile>] = []
        var standards: [ConfigLoader.Loaded<StandardFile>] = []
        var evaluations: [ConfigLoader.Loaded<EvaluationFile>] = []
        var subscriptions: [ConfigLoader.Loaded<SubscriptionsFile>] = []
        var requestPolicies: [ConfigLoader.Loaded<RequestPolicyFile>] = []
        var ledgerHeaders: [ConfigLoader.Loaded<LedgerHeadersFile>] = []

        init(base: URL?) { self.base = base }

        mutating func collect(_ url: URL) {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                problems.append(
                    ConfigError(
                        code: .unreadable,
                        file: display(url),
                        detail: LocalizedText("文件或目录不存在", en: "no such file or folder")
                    )
                )
                return
            }
            guard isFolder.boolValue else { return load(url) }
            let files =
                (FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.allObjects as? [URL] ?? [])
                .filter { ["yaml", "yml"].contains($0.pathExtension) }
                .sorted { $0.path < $1.path }
            for file in files { load(file) }
        }

        private mutating func load(_ url: URL) {
            let name = display(url)
            let folders = url.deletingLastPathComponent().pathComponents
            do {
                if url.lastPathComponent == "yizhan.yaml" {
                    _ = try ConfigLoader.load(WorkspaceFile.self, from: url, displayPath: name)
                    counts["workspace", default: 0] += 1
                } else if url.lastPathComponent == "subscriptions.yaml" {
                    subscriptions.append(
                        try ConfigLoader.loadWithPositions(SubscriptionsFile.self, from: url, displayPath: name)
                    )
                    counts["subscriptions", default: 0] += 1
                } else if folders.contains("brands") {
                    brands.append(try ConfigLoader.loadWithPositions(BrandFile.self, from: url, displayPath: name))
                    counts["brand", default: 0] += 1
                } else if folders.contains("standards") {
                    standards.append(
                        try ConfigLoader.loadWithPositions(StandardFile.self, from: url, displayPath: name)
                    )
                    counts["standard", default: 0] += 1
                } else if folders.contains("evaluations") {
                    evaluations.append(
                        try ConfigLoader.loadWithPositions(EvaluationFile.self, from: url, displayPath: name)
                    )
                    counts["evaluation", default: 0] += 1
                } else if folders.contains("requests") {
                    requestPolicies.append(
                        try ConfigLoader.loadWithPositions(RequestPolicyFile.self, from: url, displayPath: name)
                    )
                    counts["requests", default: 0] += 1
                } else if folders.contains("templates") {
                    templates.append(
                        try ConfigLoader.loadWithPositions(TemplateFile.self, from: url, displayPath: name)
                    )
                    counts["template", default: 0] += 1
                } else if folders.contains("stations") {
                    stations.append(try ConfigLoader.loadWithPositions(StationFile.self, from: url, displayPath: name))
                    counts["station", default: 0] += 1
                } else if folders.contains("divisions") {
                    divisions.append(
                        try ConfigLoader.loadWithPositions(DivisionsFile.self, from: url, displayPath: name)
                    )
                    counts["divisions", default: 0] += 1
                } else if folders.contains("ledgers") {
                    ledgerHeaders.append(
                        try ConfigLoader.loadWithPositions(LedgerHeadersFile.self, from: url, displayPath: name)
                    )
                    counts["ledgers", default: 0] += 1
                } else if folders.contains("demo") {
                    let demo = try ConfigLoader.loadWithPositions(DemoFile.self, from: url, displayPath: name)
                    checkDemoPaths(demo, folder: url.deletingLastPathComponent())
                    counts["demo", default: 0] += 1
                } else {
                    problems.append(
                        ConfigError(
                            code: .invalidValue,
                            file: name,
                            detail: LocalizedText(
                                "不知道这是哪一类配置文件:应放在 templates/、stations/、brands/、standards/、evaluations/、requests/、divisions/、ledgers/、demo/ 下,或名为 yizhan.yaml、subscriptions.yaml",
                                en:
                                    "unknown kind of file: put it under templates/, stations/, brands/, standards/, evaluations/, requests/, divisions/, ledgers/ or demo/, or name it yizhan.yaml or subscriptions.yaml"
                            )
                        )
                    )
                }
            } catch {
                problems += error.problems
            }
        }

        private mutating func checkDemoPaths(_ demo: ConfigLoader.Loaded<DemoFile>, folder: URL) {
            for (key, path) in [("divisions", demo.value.divisions), ("stations", demo.value.stations)]
            where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path) {
                problems.append(
                    demo.problem(.unreadable, at: key, LocalizedText("找不到 \(path)", en: "\(path) does not exist"))
                )
            }
        }

        private func display(_ url: URL) -> String {
            let path = url.standardized.path
            guard let base else { return url.relativePath }
            let prefix = base.standardized.path + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
    }
}
