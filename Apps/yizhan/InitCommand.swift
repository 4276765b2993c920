import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime

/// `yizhan init [DIR]`: an empty workspace.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建空工作区(yizhan.yaml、数据库与个人信息密钥) / create an empty workspace with its database and key",
        discussion: """
            示例 / Example:
              yizhan init haiyan --county 330424 --name 海盐县社会工作站
              yizhan init city --county 330424 --database "postgres://yizhan@127.0.0.1:5432/city" \\
                --data-key file:/secure/haiyan-data.key
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "工作区目录(默认 --workspace 或当前目录) / folder")
    var directory: String?

    @Option(help: "本工作区服务的县,6 位区划代码 / the county's 6-digit division code")
    var county: String

    @Option(help: "工作区名称 / display name")
    var name: String?

    @Option(help: "数据库位置:sqlite:文件路径(默认)或 postgres://… / where the data lives")
    var database: String = Workspace.defaultDatabase

    @Option(
        name: .customLong("data-key"),
        help: "个人信息密钥:file:路径 或 env:变量名(默认新建 keys/data.key;接入已有数据的库时必须给出原密钥) / the personal-data key"
    )
    var dataKey: String?

    func validate() throws {
        do {
            let code = try DivisionCode(county)
            guard code.level == .county else {
                throw ValidationError("--county 应为县级区划代码(6 位),例如 330424 / expected a county code such as 330424")
            }
        } catch let error as DivisionCodeError {
            throw ValidationError("--county: " + error.message(in: options.language))
        }
    }

    func run() async throws {
        try await options.reporting {
            let root = directory.map { URL(fileURLWithPath: $0) } ?? options.workspaceURL
            let code = try DivisionCode(county)
            let workspace = try await Workspace.create(
                at: root,
                file: WorkspaceFile(
                    name: name ?? "\(code.significantPrefix) 社会工作站",
                    county: code,
                    database: database,
                    dataKey: dataKey
                )
            )
            if options.json {
                try Terminal.json([
                    "workspace": workspace.root.relativePath, "database": try workspace.storeLocation().description,
                ])
            } else {
                Terminal.out(
                    options.language == .zhHans
                        ? "已建立工作区 \(workspace.root.relativePath)(数据库 \(try workspace.storeLocation().description))"
                        : "created workspace \(workspace.root.relativePath) (database \(try workspace.storeLocation().description))"
                )
            }
        }
    }
}
