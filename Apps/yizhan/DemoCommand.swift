import ArgumentParser
import Foundation
import YizhanBrands
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan demo [DIR]`: the Haiyan demo workspace and the county summary.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "建立海盐县演示工作区并打印县级汇总 / build the Haiyan demo workspace and print the county summary",
        discussion: """
            按 config/demo/haiyan.yaml 读取 9 个社工站的配置,生成一年的合成服务记录,
            再从数据库查询出县级汇总。同一目录重复运行会重建演示工作区,输出相同。
            Reads the 9 station files named by config/demo/haiyan.yaml, generates a synthetic year of
            service records, and prints the county summary queried back from the database. Running
            it again on the same folder rebuilds the demo and prints the same output.

            示例 / Examples:
              yizhan demo
              yizhan demo /tmp/haiyan --lang en
              yizhan demo --json
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "演示工作区目录 / folder for the demo workspace")
    var directory: String = "yizhan-demo"

    @Option(help: "演示配方文件(默认在 config/demo/haiyan.yaml 中查找) / the demo recipe")
    var recipe: String?

    func run() async throws {
        try await options.reporting {
            let recipeURL = try recipe.map { URL(fileURLWithPath: $0) } ?? Self.defaultRecipe()
            let folder = URL(fileURLWithPath: directory)
            let label = options.language == .zhHans ? "生成服务记录" : "recording services"
            let built = try await DemoBuilder(recipe: recipeURL, plugins: BrandCatalog.builtIn).build(into: folder) {
                done,
                total in
                Terminal.progress(label, done: done, total: total)
            }
            let summary = try await built.workspace.withStore { store in
                try await CountySummary.build(
                    from: store,
                    county: built.workspace.file.county,
                    period: built.year,
                    plugins: try BrandCatalog.registry(for: built.workspace)
                )
            }
            if options.json {
                try Terminal.json(summary)
            } else {
                Terminal.out(summary.renderText(in: options.language))
                Terminal.out("")
                Terminal.out(
                    options.language == .zhHans
                        ? "演示工作区:\(directory)(查看:yizhan station list --workspace \(directory))"
                        : "demo workspace: \(directory) (try: yizhan station list --workspace \(directory))"
                )
            }
            Self.show(built.accounts, language: options.language)
        }
    }

    /// The demo's accounts and their passwords, on standard error so that the summary on standard
    /// output stays the same from run to run; the passwords are random and shown only here.
    static func show(_ accounts: [DemoAccount], language: Language) {
        guard !accounts.isEmpty else { return }
        let zh = language == .zhHans
        Terminal.note(
            zh
                ? "演示账号(密码随机生成,只显示这一次;yizhan user passwd 可重设):"
                : "demo accounts (random passwords, shown only now; reset with yizhan user passwd):"
        )
        for account in accounts {
            Terminal.note("  \(account.login.rawValue)  \(account.grant)  \(account.password)")
        }
    }

    /// `config/demo/haiyan.yaml`, looked for from the current folder and from the executable's up.
    static func defaultRecipe() throws -> URL {
        try ShippedConfig.locate("config/demo/haiyan.yaml", option: "--recipe")
    }
}
