public import ArgumentParser
public import YizhanKernel

/// `--reveal` with the `--reason` it needs: a command that shows or writes people's data unmasked
/// takes these, and the reason goes into every event the reveal records (issue 21.10).
public struct RevealOptions: ParsableArguments {
    /// Options with their defaults (ArgumentParser fills them from the command line).
    public init() {}

    @Flag(name: .long, help: "显示完整的姓名、身份证号、电话(逐人记录事件,须写 --reason) / unmasked, with --reason")
    public var reveal = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "查看目的(与 --reveal 同用):\(RevealOptions.purposes) / why, with --reveal",
            valueName: "purpose"
        )
    )
    public var reason: String?

    /// The purpose of the reveal asked for, or `nil` when none is.
    ///
    /// - Throws: `InputError` for `--reveal` without a known `--reason`, or a reason without `--reveal`.
    public func purpose() throws -> RevealPurpose? {
        guard reveal else {
            guard reason == nil else {
                throw InputError.single(.conflict, "reason", reason ?? "", "与 --reveal 同用", "given with --reveal")
            }
            return nil
        }
        return try RevealPurpose.parsing(reason)
    }

    /// The purposes as help lists them: `提供服务(service)、转介(referral)…`.
    static var purposes: String {
        RevealPurpose.allCases.map { "\($0.label(in: .zhHans))(\($0.rawValue))" }.joined(separator: "、")
    }
}
