import ArgumentParser
import Logging
import YizhanCommandLine

/// The admin command line of Yizhan (驿站).
@main
struct Yizhan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhan",
        abstract: "驿站:乡镇(街道)社会工作站运营平台 — Yizhan, the operations platform for township social work stations.",
        discussion: """
            示例 / Examples:
              yizhan demo                         建立海盐县演示工作区并打印县级汇总
              yizhan station list --workspace yizhan-demo
              yizhan record add --help            记录一次服务的写法
              yizhan record list --workspace yizhan-demo --station baibu --limit 5
              yizhan events --workspace yizhan-demo --after 1200 --json

            工作区由 --workspace 或环境变量 YIZHAN_WORKSPACE 指定,默认当前目录。
            The workspace is --workspace or YIZHAN_WORKSPACE, else the current folder.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, DemoCommand.self, StationCommand.self, ClientCommand.self,
            HouseholdCommand.self, VolunteerCommand.self, RecordCommand.self,
            CaseCommand.self, GroupCommand.self, ReferralCommand.self, FundCommand.self, DonationCommand.self,
            StaffCommand.self, OrganisationCommand.self, WishCommand.self, CharityFundCommand.self,
            ResourceCommand.self,
            CheckCommand.self, EvalCommand.self, ApprovalCommand.self, RequestCommand.self, DisputeCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            EventsCommand.self, AuditCommand.self, RetentionCommand.self, UserCommand.self, TokenCommand.self,
            ConfigCommand.self, TemplateCommand.self, DbCommand.self, KeyCommand.self, PluginCommand.self,
        ]
    )

    static func main() async { await runLogging(defaultLevel: .warning) }
}
