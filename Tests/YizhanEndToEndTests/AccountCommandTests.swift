import Foundation
import Testing

/// `yizhan user` and `yizhan token` on the demo workspace: accounts for the server, with passwords
/// and tokens that never reach the events or the database file in the clear (issue 23.2).
struct AccountCommandTests {
    @Test func accountsAndTokensAreManagedAtTheShellAndKeptOnlyAsHashes() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let demo = try await CommandLine.run(["demo", "haiyan"], in: scratch.url)
        try #require(demo.status == 0)
        // The demo's three accounts, each with its own random password, shown once on standard error.
        let demoPasswords = [
            "county.admin  countyAdmin@330424", "baibu.head  stationHead@baibu", "baibu.worker  socialWorker@baibu",
        ]
        .map { line in
            demo.errors.components(separatedBy: "\n").first { $0.hasPrefix("  " + line + "  ") }?
                .components(separatedBy: "  ").last ?? ""
        }
        #expect(demoPasswords.allSatisfy { $0.count == 16 } && Set(demoPasswords).count == 3, "\(demo.errors)")
        #expect(!demo.output.contains(demoPasswords[0]), "passwords stay off the summary on standard output")
        let workspace = scratch.url.appendingPathComponent("haiyan")
        func yizhan(_ arguments: [String], input: String? = nil) async throws -> CommandLine.Result {
            try await CommandLine.run(arguments + ["--workspace", workspace.path], in: scratch.url, input: input)
        }
        func lastEvent() async throws -> Int {
            struct Event: Decodable { var sequence: Int }
            return try await JSONDecoder().decode(
                [Event].self,
                from: Data(try yizhan(["events", "--json"]).output.utf8)
            )
            .last?.sequence ?? 0
        }

        let password = "百步站长的密码 2026"
        let added = try await yizhan(
            ["user", "add", "Baibu.Deputy", "--name", "百步站长", "--grant", "stationHead@baibu", "--password-stdin"],
            input: password + "\n"
        )
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output.contains("已建账号:baibu.deputy(stationHead@baibu)"))
        let afterAdd = try await lastEvent()

        let twice = try await yizhan(
            ["user", "add", "baibu.deputy", "--name", "又一个", "--grant", "viewer@330424", "--password-stdin"],
            input: password + "\n"
        )
        #expect(twice.status == 1 && twice.errors.contains("login:收到 “baibu.deputy”,应为 未被占用的登录名"))
        let short = try await yizhan(
            ["user", "add", "baibu.w9", "--name", "社工", "--grant", "socialWorker@baibu", "--password-stdin"],
            input: "短密码\n"
        )
        #expect(short.status == 1 && short.errors.contains("8–128 个字符的密码"))
        #expect(!short.errors.contains("短密码"), "a refused password is never echoed")
        let outside = try await yizhan([
            "user", "add", "far.away", "--name", "外县", "--grant", "socialWorker@nowhere", "--generate-password",
        ])
        #expect(outside.status == 1 && outside.errors.contains("已登记的社工站标识或行政区划代码"))
        await #expect(try lastEvent() == afterAdd, "refused requests write nothing")

        let county = try await yizhan([
            "user", "add", "county", "--name", "县管理员", "--grant", "countyAdmin@330424", "--generate-password",
        ])
        let generated = try #require(
            county.errors.components(separatedBy: "初始密码(只显示这一次,请当面或经安全渠道交给本人):").last?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        )
        #expect(generated.count == 16)
        await #expect(
            try yizhan(["user", "grant", "baibu.deputy", "viewer@330424"]).output.contains(
                "stationHead@baibu viewer@330424"
            )
        )

        let list = try await yizhan(["user", "list", "--json"])
        #expect(list.output.contains("\"login\" : \"baibu.deputy\"") && list.output.contains("\"login\" : \"county\""))
        #expect(!list.output.contains("$2b$") && !list.output.lowercased().contains("password"))

        let token = try await yizhan(["token", "create", "--name", "县平台对接", "--grant", "system@330424", "--days", "30"])
        #expect(token.status == 0, "\(token.errors)")
        let secret = try #require(token.output.split(separator: "\n").last.map(String.init))
        #expect(secret.hasPrefix("yz_") && secret.count == 46)
        let tokens = try await yizhan(["token", "list"])
        #expect(tokens.output.contains("县平台对接  system@330424") && tokens.output.contains("有效"))
        let id = try #require(tokens.output.split(separator: "\n").dropFirst(2).first?.split(separator: " ").first)
        await #expect(try yizhan(["token", "revoke", String(id)]).output.contains("已收回令牌 \(id)(县平台对接)"))
        await #expect(try yizhan(["token", "list"]).output.contains("已收回"))

        await #expect(try yizhan(["user", "disable", "baibu.deputy"]).output.contains("已停用"))
        let unknown = try await yizhan(["user", "passwd", "nobody", "--generate-password"])
        #expect(unknown.status == 1 && unknown.errors.contains("已有账号的登录名"))

        // Neither the events nor the database file hold a password, a token, a login or a display name.
        let events = try await yizhan(["events", "--after", String(afterAdd - 1), "--json"]).output
        for secretText in [password, generated, secret, "baibu.deputy", "百步站长", "县管理员"] {
            #expect(!events.contains(secretText), "\(secretText) in the events")
        }
        let database = try Data(contentsOf: workspace.appendingPathComponent("yizhan.sqlite"))
        for secretText in [password, generated, secret] + demoPasswords {
            #expect(database.range(of: Data(secretText.utf8)) == nil, "\(secretText) in the database file")
        }
        #expect(events.contains("\"type\" : \"account.created\"") && events.contains("\"type\" : \"token.revoked\""))
    }
}
