import Foundation
import Hummingbird
import YizhanAccounts
import YizhanKernel
import YizhanRuntime

/// `/api/v1/users` and `/api/v1/tokens`: a county admin manages the accounts and tokens of its
/// county through `AccountWork`, as `yizhan user` and `yizhan token` do — which never lets it give
/// more than it holds, nor reach an account holding more. Anyone else finds nothing here (404).
struct AccountsController {
    let dependencies: ServerDependencies

    func addRoutes(to group: RouterGroup<APIContext>) {
        group.get("users", use: users)
        group.post("users", use: createUser)
        group.get("users/:id", use: user)
        group.post("users/:id/grants", use: grant)
        group.post("users/:id/revoke", use: revoke)
        group.post("users/:id/password", use: password)
        group.post("users/:id/disable", use: disable)
        group.post("users/:id/enable", use: enable)
        group.post("users/:id/signout", use: signOut)
        group.get("tokens", use: tokens)
        group.post("tokens", use: createToken)
        group.post("tokens/:id/revoke", use: revokeToken)
    }

    private var work: AccountWork { dependencies.accounts.work }

    /// The caller as an authority over accounts; a caller that manages none is refused before any
    /// work is done (no password is hashed for it).
    private func authority(_ context: APIContext) throws -> AccountWork.Authority {
        guard context.principal.mayAnywhere(.manageAccounts) else { throw AccessRefusal(kind: "account") }
        return .principal(context.principal)
    }

    @Sendable func users(_ request: Request, context: APIContext) async throws -> UserList {
        UserList(users: try await work.accounts(by: try authority(context)).map(AccountCard.init))
    }

    @Sendable func user(_ request: Request, context: APIContext) async throws -> AccountCard {
        let id = try Self.id(UserID.self, context, kind: "account")
        guard let account = try await work.accounts(by: try authority(context)).first(where: { $0.id == id }) else {
            throw AccessRefusal(kind: "account")
        }
        return AccountCard(account)
    }

    @Sendable func createUser(_ request: Request, context: APIContext) async throws -> EditedResponse<AccountCard> {
        let authority = try authority(context)
        let input = try await request.decode(as: UserInput.self, context: context)
        let grants = try Self.grants(input.grants)
        if let issue = PasswordHasher.issue(input.password) { throw InputError(issues: [issue]) }
        let account = try await BodyField.renaming {
            try await work.create(
                login: input.login,
                displayName: input.displayName,
                passwordHash: try await dependencies.accounts.hasher.hash(input.password),
                grants: grants,
                by: authority
            )
        }
        return EditedResponse(
            status: .created,
            headers: [.location: "/api/v1/users/\(account.id.rawValue)"],
            response: AccountCard(account)
        )
    }

    @Sendable func grant(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in
            let input = try await request.decode(as: GrantInput.self, context: context)
            return try await work.grant(try Grant(parsing: input.grant), to: id, by: authority)
        }
    }

    @Sendable func revoke(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in
            let input = try await request.decode(as: GrantInput.self, context: context)
            return try await work.revoke(try Grant(parsing: input.grant), from: id, by: authority)
        }
    }

    @Sendable func password(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in
            let input = try await request.decode(as: PasswordInput.self, context: context)
            if let issue = PasswordHasher.issue(input.password) { throw InputError(issues: [issue]) }
            let hash = try await dependencies.accounts.hasher.hash(input.password)
            return try await work.setPassword(hash: hash, of: id, by: authority)
        }
    }

    @Sendable func disable(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in try await work.setDisabled(true, id, by: authority) }
    }

    @Sendable func enable(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in try await work.setDisabled(false, id, by: authority) }
    }

    @Sendable func signOut(_ request: Request, context: APIContext) async throws -> AccountCard {
        try await change(request, context) { id, authority in try await work.signOutEverywhere(id, by: authority) }
    }

    @Sendable func tokens(_ request: Request, context: APIContext) async throws -> TokenList {
        TokenList(tokens: try await work.tokens(by: try authority(context)).map(TokenCard.init))
    }

    @Sendable func createToken(_ request: Request, context: APIContext) async throws -> EditedResponse<IssuedToken> {
        let authority = try authority(context)
        let input = try await request.decode(as: TokenInput.self, context: context)
        let days = input.days ?? 90
        guard (1...366).contains(days) else {
            throw InputError(
                issues: [
                    InputIssue(
                        code: .outOfRange,
                        field: "days",
                        found: "\(days)",
                        expected: LocalizedText("1 至 366 天", en: "1 to 366 days")
                    )
                ]
            )
        }
        let grant = try Grant(parsing: input.grant)
        let (secret, hash) = dependencies.accounts.secrets.makeToken()
        let token = try await work.createToken(
            name: input.name,
            secretHash: hash,
            grant: grant,
            expiresAt: dependencies.accounts.signIn.clock.now().addingTimeInterval(TimeInterval(days) * 86_400),
            by: authority
        )
        return EditedResponse(status: .created, response: IssuedToken(token: TokenCard(token), secret: secret))
    }

    @Sendable func revokeToken(_ request: Request, context: APIContext) async throws -> TokenCard {
        let authority = try authority(context)
        let id = try Self.id(TokenID.self, context, kind: "token")
        return TokenCard(try await work.revokeToken(id, by: authority))
    }

    /// Runs `body` on the account the path names, as the caller's authority; the answer is the
    /// account as it became.
    private func change(
        _ request: Request,
        _ context: APIContext,
        _ body: (UserID, AccountWork.Authority) async throws -> UserAccount
    ) async throws -> AccountCard {
        let authority = try authority(context)
        let id = try Self.id(UserID.self, context, kind: "account")
        return AccountCard(try await body(id, authority))
    }

    /// The path's id; one that is not an id at all is answered as one that does not exist.
    private static func id<Entity>(
        _: Identifier<Entity>.Type,
        _ context: APIContext,
        kind: String
    ) throws -> Identifier<Entity> {
        guard let id = try? Identifier<Entity>(try context.parameters.require("id")) else {
            throw AccessRefusal(kind: kind)
        }
        return id
    }

    /// The grants of a body, each `role@scope`; every bad one is named.
    private static func grants(_ texts: [String]) throws -> [Grant] {
        var grants: [Grant] = []
        var issues: [InputIssue] = []
        for text in texts {
            do { grants.append(try Grant(parsing: text, field: "grants")) } catch { issues += error.issues }
        }
        guard issues.isEmpty else { throw InputError(issues: issues) }
        return grants
    }
}
