import YizhanAccounts
import YizhanConfig
public import YizhanKernel

/// One account `yizhan demo` made, with its password in the clear: shown once, then only its hash is kept.
public struct DemoAccount: Sendable {
    /// The login name.
    public var login: LoginName
    /// The name pages show.
    public var displayName: String
    /// Its one grant.
    public var grant: Grant
    /// The random password, never stored in the clear.
    public var password: String
}

extension DemoBuilder {
    /// The demo's three accounts, each with a fresh random password (issue 23.2; ASVS 6.3.2: no
    /// default passwords): the county's administrator and the head and a social worker of
    /// `station` (百步 in the Haiyan recipe).
    static func makeAccounts(
        in workspace: Workspace,
        store: any StationStore,
        station: StationID
    ) async throws -> [DemoAccount] {
        let services = try await workspace.accounts(for: store)
        let wanted: [(login: String, name: String, grant: Grant)] = [
            ("county.admin", "县管理员(演示)", Grant(role: .countyAdmin, scope: .within(workspace.file.county))),
            ("\(station.rawValue).head", "站长(演示)", Grant(role: .stationHead, scope: .station(station))),
            ("\(station.rawValue).worker", "社工(演示)", Grant(role: .socialWorker, scope: .station(station))),
        ]
        var made: [DemoAccount] = []
        for account in wanted {
            let password = PasswordHasher.generatePassword()
            let created = try await services.work.create(
                login: account.login,
                displayName: account.name,
                passwordHash: try await services.hasher.hash(password),
                grants: [account.grant],
                by: .operator(.demo)
            )
            made.append(
                DemoAccount(
                    login: created.login,
                    displayName: created.displayName,
                    grant: account.grant,
                    password: password
                )
            )
        }
        return made
    }
}
