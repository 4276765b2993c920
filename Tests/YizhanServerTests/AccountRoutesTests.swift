import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanSQLite
import YizhanServer

/// `/api/v1/users` and `/api/v1/tokens` (issue 23.2, 23.5): a county admin manages its county's
/// accounts and tokens, never granting more than it holds; nobody else reaches them.
struct AccountRoutesTests {
    static let password = "百步社工站的密码2021"

    @Test func aCountyAdminAddsAnAccountThatThenSignsInAndManagesIt() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let created = try await client.call(
                "/api/v1/users",
                .post,
                token: admin,
                json:
                    #"{"login":"baibu.w3","displayName":"百步社工三","password":"\#(Self.password)","grants":["socialWorker@baibu"]}"#
            )
            #expect(created.status == .created)
            let card = try created.decoded(AccountCard.self)
            #expect(card.login == "baibu.w3" && card.grants == ["socialWorker@baibu"] && !card.disabled)
            #expect(created.headers[.location] == "/api/v1/users/\(card.id)")
            #expect(!created.text.contains(Self.password) && !created.text.contains("passwordHash"))
            let listed = try await client.call("/api/v1/users", token: admin).decoded(UserList.self)
            #expect(listed.users.map(\.login) == ["baibu.w3"])
            #expect(try await client.call("/api/v1/users/\(card.id)", token: admin).decoded(AccountCard.self) == card)

            // The new account signs in to the pages; a new grant shows there at once.
            let signedIn = try await client.signIn("baibu.w3", Self.password)
            let session = ["yizhan-session": try #require(signedIn.cookieValue("yizhan-session"))]
            let granted = try await client.call(
                "/api/v1/users/\(card.id)/grants",
                .post,
                token: admin,
                json: #"{"grant":"socialWorker@ganpu"}"#
            )
            #expect(try granted.decoded(AccountCard.self).grants == ["socialWorker@baibu", "socialWorker@ganpu"])
            #expect(try await client.page("/account", cookies: session).text.contains("澉浦镇社会工作站(ganpu)"))
            let revoked = try await client.call(
                "/api/v1/users/\(card.id)/revoke",
                .post,
                token: admin,
                json: #"{"grant":"socialWorker@ganpu"}"#
            )
            #expect(try revoked.decoded(AccountCard.self).grants == ["socialWorker@baibu"])

            // Disabling ends the session; so would a new password or sign-out everywhere.
            let disabled = try await client.call("/api/v1/users/\(card.id)/disable", .post, token: admin)
            #expect(try disabled.decoded(AccountCard.self).disabled)
            #expect(try await client.page("/account", cookies: session).headers[.location] == "/login")
            #expect(try await client.signIn("baibu.w3", Self.password).status == .unauthorized)
            _ = try await client.call("/api/v1/users/\(card.id)/enable", .post, token: admin)
            let reset = try await client.call(
                "/api/v1/users/\(card.id)/password",
                .post,
                token: admin,
                json: #"{"password":"短"}"#
            )
            #expect(reset.status == .unprocessableContent && reset.text.contains(#""field":"password""#))
            #expect(!reset.text.contains("短"))
            _ = try await client.call(
                "/api/v1/users/\(card.id)/password",
                .post,
                token: admin,
                json: #"{"password":"新的初始密码请当面交付"}"#
            )
            #expect(try await client.signIn("baibu.w3", "新的初始密码请当面交付").status == .seeOther)
        }
    }

    @Test func aCountyAdminCannotGrantBeyondItsCountyOrItsRole() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            for grant in ["socialWorker@elsewhere", "countyAdmin@330481001", "countyAdmin@*", "system@baibu"] {
                let refused = try await client.call(
                    "/api/v1/users",
                    .post,
                    token: admin,
                    json:
                        #"{"login":"x.user","displayName":"某人","password":"\#(Self.password)","grants":["\#(grant)"]}"#
                )
                #expect(refused.status == .unprocessableContent, "\(grant)")
                #expect(refused.text.contains(#""field":"grant"#), "\(grant)")
            }
            let token = try await client.call(
                "/api/v1/tokens",
                .post,
                token: admin,
                json: #"{"name":"外县对接","grant":"system@elsewhere","days":30}"#
            )
            #expect(token.status == .unprocessableContent)
            #expect(try await harness.lastEvent() == before)
            #expect(try await client.call("/api/v1/users", token: admin).decoded(UserList.self).users.isEmpty)
        }
    }

    @Test func nobodyButACountyAdminReachesAccountsAndOtherCountiesSeeNone() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let account = try await harness.user("baibu.w1", "百步社工一", password: Self.password, grant: "socialWorker@baibu")
        let otherCounty = try await harness.token("countyAdmin@330481001")
        let tokens = [
            try await harness.token("socialWorker@baibu"), try await harness.token("stationHead@baibu"),
            try await harness.token("system@330424"), otherCounty,
        ]
        try await harness.application().test(.router) { client in
            let before = try await harness.lastEvent()
            for token in tokens.dropLast() {
                #expect(try await client.call("/api/v1/users", token: token).status == .notFound)
                #expect(try await client.call("/api/v1/tokens", token: token).status == .notFound)
                let added = try await client.call(
                    "/api/v1/users",
                    .post,
                    token: token,
                    json:
                        #"{"login":"x.user","displayName":"某人","password":"\#(Self.password)","grants":["socialWorker@baibu"]}"#
                )
                #expect(added.status == .notFound)
            }
            // Another county's admin manages its own county only: 百步's account is not there.
            #expect(try await client.call("/api/v1/users", token: otherCounty).decoded(UserList.self).users.isEmpty)
            let asked = try await client.call("/api/v1/users/\(account.id.rawValue)/disable", .post, token: otherCounty)
            #expect(asked.status == .notFound)
            let denials = try await harness.events(after: before)
            #expect(denials.count == 10 && denials.allSatisfy { $0.event.type == .accessDenied })
            #expect(denials.allSatisfy { !$0.event.payload.contains(account.id.rawValue) })
            #expect(denials.last?.event.payload.contains("POST /api/v1/users/{id}/disable") == true)
        }
        #expect(try await harness.store.account(account.id)?.isDisabled == false)
    }

    @Test func aTokenIsShownOnceWorksWithinItsGrantAndStopsWhenRevoked() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let admin = try await harness.token("countyAdmin@330424")
        try await harness.application().test(.router) { client in
            let issued = try await client.call(
                "/api/v1/tokens",
                .post,
                token: admin,
                json: #"{"name":"百步对接","grant":"system@baibu","days":1}"#
            )
            #expect(issued.status == .created)
            let answer = try issued.decoded(IssuedToken.self)
            #expect(answer.secret.hasPrefix("yz_") && answer.secret.utf8.count == 46)
            #expect(answer.token.grant == "system@baibu")
            let stations = try await client.call("/api/v1/stations", token: answer.secret).decoded(StationList.self)
            #expect(stations.stations.map(\.id) == ["baibu"])
            let listed = try await client.call("/api/v1/tokens", token: admin)
            #expect(listed.text.contains(answer.token.id) && !listed.text.contains(answer.secret))
            let tooLong = try await client.call(
                "/api/v1/tokens",
                .post,
                token: admin,
                json: #"{"name":"太久","grant":"system@baibu","days":400}"#
            )
            #expect(tooLong.status == .unprocessableContent && tooLong.text.contains(#""field":"days""#))
            let revoked = try await client.call("/api/v1/tokens/\(answer.token.id)/revoke", .post, token: admin)
            #expect(try revoked.decoded(TokenCard.self).revokedAt != nil)
            #expect(try await client.call("/api/v1/stations", token: answer.secret).status == .unauthorized)
            #expect(
                try await client.call("/api/v1/tokens/no-such-token/revoke", .post, token: admin).status == .notFound
            )
        }
    }
}
