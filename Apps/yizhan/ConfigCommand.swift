import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime

/// `yizhan config …`: the YAML configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "配置文件 / configuration files",
        subcommands: [Validate.self, Diff.self, Apply.self, Schema.self]
    )

    /// `yizhan config validate [PATH…]`.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "检查配置文件,一次列出所有问题 / check configuration files and list every problem",
            discussion: """
                按目录识别文件类别:templates/(模板)、stations/(社工站)、divisions/(区划)、demo/(演示配方)、
                yizhan.yaml(工作区)。每个问题给出 文件:行:列、键路径、收到的值与应为的值。
                Files are told apart by folder. Every problem names file:line:column, the key, what was
                found and what was expected.

                示例 / Examples:
                  yizhan config validate
                  yizhan config validate config/stations/haiyan/baibu.yaml config/templates --lang en
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "文件或目录(默认 config) / files or folders")
        var paths: [String] = ["config"]

        /// What `--json` prints.
        struct Output: Encodable {
            struct Problem: Encodable {
                var file: String
                var line: Int?
                var column: Int?
                var key: String
                var code: String
                var message: String
            }
            var files: [String: Int]
            var problems: [Problem]
        }

        func run() async throws {
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let result = ConfigValidator.validate(paths.map { URL(fileURLWithPath: $0) }, relativeTo: here)
            let language = options.language
            if options.json {
                try Terminal.json(
                    Output(
                        files: result.files,
                        problems: result.problems.map {
                            .init(
                                file: $0.file,
                                line: $0.line,
                                column: $0.column,
                                key: $0.keyPath,
                                code: $0.code.rawValue,
                                message: $0.detail.text(in: language)
                            )
                        }
                    )
                )
            } else if result.problems.isEmpty {
                Terminal.out(summary(result.files, language: language))
            } else {
                for problem in result.problems { Terminal.out(problem.message(in: language)) }
                Terminal.out(
                    language == .zhHans ? "共 \(result.problems.count) 个问题" : "\(result.problems.count) problem(s)"
                )
            }
            if !result.problems.isEmpty { throw ExitCode.failure }
        }

        private func summary(_ files: [String: Int], language: Language) -> String {
            let names: [(String, LocalizedText)] = [
                ("template", LocalizedText("模板", en: "templates")), ("station", LocalizedText("社工站", en: "stations")),
                ("brand", LocalizedText("品牌", en: "brands")), ("standard", LocalizedText("标准", en: "standards")),
                ("evaluation", LocalizedText("评估方案", en: "evaluation schemes")),
                ("requests", LocalizedText("诉求办理规则", en: "request policies")),
                ("divisions", LocalizedText("区划", en: "divisions")),
                ("ledgers", LocalizedText("台账表头词典", en: "ledger dictionaries")),
                ("demo", LocalizedText("演示配方", en: "demo recipes")),
                ("subscriptions", LocalizedText("订阅", en: "subscriptions")),
                ("workspace", LocalizedText("工作区", en: "workspaces")),
            ]
            let parts = names.compactMap { key, name in files[key].map { "\(name.text(in: language)) \($0)" } }
            let total = files.values.reduce(0, +)
            return language == .zhHans
                ? "配置有效:\(total) 个文件(\(parts.joined(separator: ",")))"
                : "configuration valid: \(total) files (\(parts.joined(separator: ", ")))"
        }
    }

    /// `yizhan config schema [--output DIR]`.
    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "为每类配置文件写出 JSON Schema / write a JSON Schema for every kind of file",
            discussion: """
                编辑器(yaml-language-server)读取文件首行的 # yaml-language-server: $schema=… 注释即可校验与补全。
                Editors that read the yaml-language-server $schema comment validate and complete the files.

                示例 / Example:
                  yizhan config schema --output config/schema
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(help: "输出目录 / output folder")
        var output: String = "config/schema"

        func run() async throws {
            try await options.reporting {
                let folder = URL(fileURLWithPath: output)
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    for kind in JSONSchema.kinds {
                        let url = folder.appendingPathComponent("\(kind.name).schema.json")
                        try OutputFile(url.path).write(Data(JSONSchema.document(for: kind).utf8))
                        Terminal.out(url.relativePath)
                    }
                } catch let error as CocoaError {
                    throw RuntimeError(
                        code: .writeFailed,
                        detail: LocalizedText(
                            "无法写入 \(output):\(error.localizedDescription)",
                            en: "cannot write \(output): \(error.localizedDescription)"
                        )
                    )
                }
            }
        }
    }

    /// `yizhan config diff [PATH…]`.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示应用配置将改变什么,不写入 / show what applying would change, writing nothing",
            discussion: "示例 / Example:\n  yizhan config diff config --workspace yizhan-demo"
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "文件或目录(默认 config) / files or folders")
        var paths: [String] = ["config"]

        func run() async throws {
            try await options.withStore { workspace, store in
                let plan = try await ConfigPlanning.plan(paths, workspace: workspace, store: store)
                try ConfigPlanning.show(plan, options: options, applied: nil)
            }
        }
    }

    /// `yizhan config apply [PATH…]`.
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "在一个事务中应用配置(项目按版本记录) / apply the configuration in one transaction",
            discussion: """
                先校验,有问题则什么也不写。新的或改变了的区划、机构、社工站、社工、项目连同事件一次写入;
                改变了的项目升一个版本,配置中不再列出的子项目停用而不删除;同样的文件再应用一次不写入任何内容。
                Validates first and writes nothing on a problem. A changed program gets the next version; sub-projects
                the files no longer list are retired, never deleted; applying the same files again writes nothing.

                示例 / Example:
                  yizhan config apply config --workspace yizhan-demo
                """
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "文件或目录(默认 config) / files or folders")
        var paths: [String] = ["config"]

        func run() async throws {
            try await options.withStore { workspace, store in
                let plan = try await ConfigPlanning.plan(paths, workspace: workspace, store: store)
                let last = try await store.commit(plan.change)
                try ConfigPlanning.show(plan, options: options, applied: last)
            }
        }
    }
}

/// What `config diff` and `config apply` share: validating and planning, and showing the plan.
enum ConfigPlanning {
    static func plan(_ paths: [String], workspace: Workspace, store: any StationStore) async throws -> ConfigPlan {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let files = ConfigValidator.validate(paths.map { URL(fileURLWithPath: $0) }, relativeTo: here)
        guard files.problems.isEmpty else { throw ConfigErrors(files.problems) }
        return try await ConfigApply.plan(
            files,
            county: workspace.file.county,
            store: store,
            actor: .commandLineUser,
            at: Date()
        )
    }

    static func show(_ plan: ConfigPlan, options: GlobalOptions, applied: EventSequence?) throws {
        let zh = options.language == .zhHans
        if options.json {
            struct Output: Encodable {
                var changes: [ConfigPlan.Line]
                var lastEvent: Int64?
            }
            try Terminal.json(Output(changes: plan.lines, lastEvent: applied?.rawValue))
            return
        }
        for line in plan.render(in: options.language) { Terminal.out(line) }
        let changes = plan.lines.filter { $0.action != "keep" }.count
        if plan.isEmpty {
            Terminal.out(zh ? "无变化,未写入任何内容" : "no changes; nothing written")
        } else if let applied {
            Terminal.out(
                zh ? "已应用 \(changes) 项变更(至事件 #\(applied))" : "applied \(changes) changes (to event #\(applied))"
            )
        } else {
            Terminal.out(
                zh
                    ? "共 \(changes) 项变更(未写入;用 yizhan config apply 应用)"
                    : "\(changes) changes (not written; run yizhan config apply)"
            )
        }
    }
}
