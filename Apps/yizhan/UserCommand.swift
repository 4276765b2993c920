import ArgumentParser
import Foundation
import YizhanAccounts
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan user`: the server's accounts, managed at the shell by the workspace's operator.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "管理服务器账号 / manage the server's accounts",
        discussion: """
            账号供 yizhan-server 的网页登录(/login)使用;接口只接受令牌。每个账号有登录名、显示名、
            密码和一项或多项“角色@范围”。
            角色:socialWorker(社工)、stationHead(站长)、countyAdmin(县级管理员)、viewer(只读);
            范围:社工站标识(baibu)或区划代码(330424)。密码从不写在命令行上。
            Accounts sign in to yizhan-server's pages (/login); the API takes tokens only. Each
            has a login, a display name, a password
            and one or more ROLE@SCOPE grants. Passwords are never given as arguments.

            示例 / Examples:
              yizhan user add baibu.head --name 百步站长 \
                --grant stationHead@baibu --generate-password
              yizhan user grant baibu.head viewer@330424
              yizhan user list
            """,
        subcommands: [
            Add.self, List.self, Grant.self, Revoke.self, Passwd.self, Disable.self, Enable.self, SignOut.self,
        ]
    )

    /// How a password is given: typed at the terminal, one line on standard input, or generated.
    struct PasswordOptions: ParsableArguments {
        @Flag(help: "从标准输入读一行密码 / read the password as one line from standard input")
        var passwordStdin = false

        @Flag(help: "生成随机密码并只显示这一次 / generate a random password, shown once")
        var generatePassword = false

        func validate() throws {
            guard !(passwordStdin && generatePassword) else {
                throw ValidationError("--password-stdin 与 --generate-password 只能选一个 / choose one")
            }
        }

        /// The password, and whether it was generated (then it is printed once).
        func password(_ language: Language) throws -> (String, generated: Bool) {
            if generatePassword { return (PasswordHasher.generatePassword(), true) }
            return (try PasswordInput.read(fromStandardInput: passwordStdin, language: language), false)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "新建账号 / add an account",
            discussion:
                "示例 / Example:\n  yizhan user add baibu.w1 --name 百步社工 --grant socialWorker@baibu --generate-password"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名:3–32 个小写字母、数字、. _ - / the login") var login: String
        @Option(help: "显示名(页面上显示) / the name shown on pages") var name: String
        @Option(help: "角色@范围,可重复 / ROLE@SCOPE, repeatable") var grant: [String] = []
        @OptionGroup var passwordOptions: PasswordOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let grants = try grant.map { try YizhanKernel.Grant(parsing: $0) }
                let accounts = try await workspace.accounts(for: store)
                let (password, generated) = try passwordOptions.password(options.language)
                let hash = try await accounts.hasher.hash(password)
                let account = try await accounts.work.create(
                    login: login,
                    displayName: name,
                    passwordHash: hash,
                    grants: grants,
                    by: .operator(.commandLineUser)
                )
                try UserCommand.report(account, options, generatedPassword: generated ? password : nil, verb: "已建账号")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出账号 / list the accounts",
            discussion: "示例 / Example:\n  yizhan user list"
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let accounts = try await workspace.accounts(for: store).work.accounts(by: .operator(.commandLineUser))
                if options.json {
                    try Terminal.json(accounts.map(AccountCard.init))
                    return
                }
                let zh = options.language == .zhHans
                guard !accounts.isEmpty else {
                    Terminal.out(zh ? "还没有账号;用 yizhan user add 新建" : "no accounts yet; add one with yizhan user add")
                    return
                }
                var table = TextTable(
                    columns: [
                        .init(zh ? "登录名" : "login"), .init(zh ? "显示名" : "name"), .init(zh ? "角色@范围" : "grants"),
                        .init(zh ? "状态" : "status"), .init(zh ? "建立于" : "created"),
                    ]
                )
                for account in accounts {
                    table.append([
                        account.login.rawValue, account.displayName,
                        account.grants.map(\.description).joined(separator: " "),
                        account.isDisabled ? (zh ? "已停用" : "disabled") : (zh ? "可用" : "active"),
                        Terminal.shanghaiTime(account.createdAt),
                    ])
                }
                Terminal.out(table.render())
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "授予角色 / grant a role over a scope",
            discussion: "示例 / Example:\n  yizhan user grant baibu.head viewer@330424"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String
        @Argument(help: "角色@范围 / ROLE@SCOPE") var grant: String

        func run() async throws {
            try await UserCommand.change(login, options, verb: "已授予") { accounts, id, actor in
                try await accounts.work.grant(try YizhanKernel.Grant(parsing: grant), to: id, by: actor)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "收回角色 / revoke a grant",
            discussion: "示例 / Example:\n  yizhan user revoke baibu.head viewer@330424"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String
        @Argument(help: "角色@范围 / ROLE@SCOPE") var grant: String

        func run() async throws {
            try await UserCommand.change(login, options, verb: "已收回") { accounts, id, actor in
                try await accounts.work.revoke(try YizhanKernel.Grant(parsing: grant), from: id, by: actor)
            }
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "设置新密码,并让该账号所有会话失效 / set a new password, ending the account's sessions",
            discussion: "示例 / Example:\n  yizhan user passwd baibu.head --generate-password"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String
        @OptionGroup var passwordOptions: PasswordOptions

        func run() async throws {
            let (password, generated) = try passwordOptions.password(options.language)
            try await UserCommand.change(login, options, verb: "已改密码", generatedPassword: generated ? password : nil) {
                accounts,
                id,
                actor in
                try await accounts.work.setPassword(hash: try await accounts.hasher.hash(password), of: id, by: actor)
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "停用账号,其会话随即失效 / disable an account, ending its sessions",
            discussion: "示例 / Example:\n  yizhan user disable baibu.head"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String

        func run() async throws {
            try await UserCommand.change(login, options, verb: "已停用") { accounts, id, actor in
                try await accounts.work.setDisabled(true, id, by: actor)
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "恢复已停用的账号 / enable a disabled account",
            discussion: "示例 / Example:\n  yizhan user enable baibu.head"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String

        func run() async throws {
            try await UserCommand.change(login, options, verb: "已恢复") { accounts, id, actor in
                try await accounts.work.setDisabled(false, id, by: actor)
            }
        }
    }

    struct SignOut: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signout",
            abstract: "让账号在所有浏览器退出登录 / end the account's sessions everywhere",
            discussion: "示例 / Example:\n  yizhan user signout baibu.head"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "登录名 / the login") var login: String

        func run() async throws {
            try await UserCommand.change(login, options, verb: "已全部退出") { accounts, id, actor in
                try await accounts.work.signOutEverywhere(id, by: actor)
            }
        }
    }

    /// Finds `login`'s account and applies `body` to it as the operator, then reports the result.
    static func change(
        _ login: String,
        _ options: GlobalOptions,
        verb: String,
        generatedPassword: String? = nil,
        _ body: (AccountServices, UserID, AccountWork.Authority) async throws -> UserAccount
    ) async throws {
        try await options.withStore { workspace, store in
            let accounts = try await workspace.accounts(for: store)
            guard let name = LoginName(rawValue: login), let account = try await store.account(login: name) else {
                throw InputError(issues: [
                    InputIssue(
                        code: .unknownReference,
                        field: "login",
                        found: login,
                        expected: LocalizedText(
                            "已有账号的登录名(yizhan user list)",
                            en: "the login of an account (yizhan user list)"
                        )
                    )
                ])
            }
            let changed = try await body(accounts, account.id, .operator(.commandLineUser))
            try report(changed, options, generatedPassword: generatedPassword, verb: verb)
        }
    }

    /// Prints what became of `account`; a generated password once, on its own line.
    static func report(
        _ account: UserAccount,
        _ options: GlobalOptions,
        generatedPassword: String?,
        verb: String
    )
        throws
    {
        if options.json {
            try Terminal.json(AccountCard(account))
        } else {
            let zh = options.language == .zhHans
            let grants = account.grants.map(\.description).joined(separator: " ")
            let status = account.isDisabled ? (zh ? ",已停用" : ", disabled") : ""
            Terminal.out(
                zh
                    ? "\(verb):\(account.login)(\(grants)\(status)),id \(account.id)"
                    : "\(account.login) (\(grants)\(status)), id \(account.id)"
            )
        }
        if let generatedPassword {
            Terminal.note(
                options.language == .zhHans
                    ? "初始密码(只显示这一次,请当面或经安全渠道交给本人):\(generatedPassword)"
                    : "password (shown this once; hand it over in person or by a safe channel): \(generatedPassword)"
            )
        }
    }
}
