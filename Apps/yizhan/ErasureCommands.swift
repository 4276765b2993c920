import ArgumentParser
import Foundation
import YizhanCommandLine
import YizhanConfig
import YizhanKernel
import YizhanRuntime

/// `yizhan client erase ID --reason R` and `yizhan volunteer erase ID --reason R`: a person's data
/// removed, their de-identified history kept.
struct ErasureArguments: ParsableArguments {
    /// Whose data a command erases.
    enum Whom: String { case client, volunteer }

    /// The two commands' configuration.
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "删除一个人的个人信息(保留去标识的服务历史) / erase a person's data, keeping the de-identified history",
        discussion: """
            删除加密保存的姓名、身份证号、电话及其摘要;服务记录、时长与各项统计不变(只剩编号)。
            须用 --reason 写明理由:本人申请删除、撤回同意、保存期满、登记错误(或其英文代码);
            记录一条 personaldata.erased 事件(谁、何时、理由、编号,不含个人信息)。删除不能撤销。
            Removes the sealed name, ID number and phone and their digests; records, hours and figures stay
            (by id only). --reason is one of personRequested, consentWithdrawn, retentionExpired,
            registeredInError; a personaldata.erased event records who, when and why. It cannot be undone.

            示例 / Example:
              yizhan client erase 01a1… --reason 本人申请删除
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "标识 / the id") var id: String
    @Option(help: "理由 / why: 本人申请删除 | 撤回同意 | 保存期满 | 登记错误") var reason: String?

    /// Runs the erasure of `whom`.
    func erase(_ whom: Whom) async throws {
        try await options.withStore { workspace, store in
            let why = try ErasureReason.parsing(reason)
            let erasing = ErasePersonalData(store: store, clock: workspace.clock)
            let scope = Scope.within(workspace.file.county)
            switch whom {
            case .client:
                try await erasing.erase(client: try ClientID(id), in: scope, reason: why, actor: .commandLineUser)
            case .volunteer:
                try await erasing.erase(volunteer: try VolunteerID(id), in: scope, reason: why, actor: .commandLineUser)
            }
            let zh = options.language == .zhHans
            let kind = whom == .client ? (zh ? "服务对象" : "client") : (zh ? "志愿者" : "volunteer")
            Terminal.out(
                zh
                    ? "已删除\(kind) \(id) 的个人信息(理由:\(why.label(in: .zhHans)));服务历史保留,只剩编号"
                    : "erased the personal data of \(kind) \(id) (\(why.rawValue)); the history stays, by id only"
            )
        }
    }
}

extension ClientCommand {
    /// `yizhan client erase`.
    struct Erase: AsyncParsableCommand {
        static let configuration = ErasureArguments.configuration
        @OptionGroup var command: ErasureArguments
        func run() async throws { try await command.erase(.client) }
    }
}

extension VolunteerCommand {
    /// `yizhan volunteer erase`.
    struct Erase: AsyncParsableCommand {
        static let configuration = ErasureArguments.configuration
        @OptionGroup var command: ErasureArguments
        func run() async throws { try await command.erase(.volunteer) }
    }
}
