import ArgumentParser
import Foundation
import YizhanAccounts
import YizhanCommandLine
import YizhanKernel
import YizhanReports
import YizhanRuntime

/// `yizhan token`: bearer tokens for other systems calling `/api/v1`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "管理 API 令牌 / manage API tokens",
        discussion: """
            令牌供其他系统调用 /api/v1(请求头 Authorization: Bearer 令牌)。令牌只在建立时显示一次,
            库中只存其 SHA-256;到期或收回后即被拒绝。
            Tokens let other systems call /api/v1 (Authorization: Bearer TOKEN). A token is
            shown once, when created; the store keeps only its SHA-256.

            示例 / Examples:
              yizhan token create --name 县平台对接 --grant system@330424 --days 90
              yizhan token list
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "新建令牌并显示一次 / create a token, shown once",
            discussion: "示例 / Example:\n  yizhan token create --name 县平台对接 --grant system@330424 --days 90"
        )

        @OptionGroup var options: GlobalOptions
        @Option(help: "用途(1–32 个字) / what the token is for") var name: String
        @Option(help: "角色@范围,如 system@330424、viewer@baibu / ROLE@SCOPE") var grant: String
        @Option(help: "有效天数(1–366,默认 90) / days until it expires") var days: Int = 90

        func validate() throws {
            guard (1...366).contains(days) else { throw ValidationError("--days 应为 1–366 / must be 1 to 366") }
        }

        func run() async throws {
            try await options.withStore { workspace, store in
                let accounts = try await workspace.accounts(for: store)
                let (secret, hash) = accounts.secrets.makeToken()
                let token = try await accounts.work.createToken(
                    name: name,
                    secretHash: hash,
                    grant: try Grant(parsing: grant),
                    expiresAt: Date().addingTimeInterval(TimeInterval(days) * 86_400),
                    by: .operator(.commandLineUser)
                )
                if options.json {
                    try Terminal.json(IssuedToken(token: TokenCard(token), secret: secret))
                    return
                }
                let zh = options.language == .zhHans
                Terminal.out(
                    zh
                        ? "已建令牌 \(token.id)(\(token.name),\(token.grant),到期 \(Terminal.shanghaiTime(token.expiresAt)))"
                        : "token \(token.id) (\(token.name), \(token.grant), expires \(Terminal.shanghaiTime(token.expiresAt)))"
                )
                Terminal.note(zh ? "令牌(只显示这一次,请妥善保存):" : "the token (shown this once; keep it safe):")
                Terminal.out(secret)
            }
        }

    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出令牌(不含令牌本身) / list the tokens (never their secrets)",
            discussion: "示例 / Example:\n  yizhan token list"
        )

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await options.withStore { workspace, store in
                let tokens = try await workspace.accounts(for: store).work.tokens(by: .operator(.commandLineUser))
                if options.json {
                    try Terminal.json(tokens.map(TokenCard.init))
                    return
                }
                let zh = options.language == .zhHans
                guard !tokens.isEmpty else {
                    Terminal.out(
                        zh ? "还没有令牌;用 yizhan token create 新建" : "no tokens yet; create one with yizhan token create"
                    )
                    return
                }
                let now = Date()
                var table = TextTable(
                    columns: [
                        .init("id"), .init(zh ? "用途" : "name"), .init(zh ? "角色@范围" : "grant"),
                        .init(zh ? "到期" : "expires"), .init(zh ? "状态" : "status"),
                    ]
                )
                for token in tokens {
                    let status =
                        token.revokedAt != nil
                        ? (zh ? "已收回" : "revoked")
                        : token.isValid(at: now) ? (zh ? "有效" : "valid") : (zh ? "已过期" : "expired")
                    table.append([
                        token.id.rawValue, token.name, token.grant.description, Terminal.shanghaiTime(token.expiresAt),
                        status,
                    ])
                }
                Terminal.out(table.render())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "收回令牌,随即拒绝 / revoke a token at once",
            discussion: "示例 / Example:\n  yizhan token revoke 019a…"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "令牌 id(yizhan token list) / the token's id") var id: String

        func run() async throws {
            try await options.withStore { workspace, store in
                guard let tokenID = try? TokenID(id) else {
                    throw InputError(issues: [
                        InputIssue(
                            code: .invalidFormat,
                            field: "id",
                            found: id,
                            expected: LocalizedText("令牌 id(yizhan token list)", en: "a token id (yizhan token list)")
                        )
                    ])
                }
                let token = try await workspace.accounts(for: store).work.revokeToken(
                    tokenID,
                    by: .operator(.commandLineUser)
                )
                Terminal.out(
                    options.language == .zhHans
                        ? "已收回令牌 \(token.id)(\(token.name))" : "revoked token \(token.id) (\(token.name))"
                )
            }
        }
    }
}
