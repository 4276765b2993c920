import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanServer

/// Each role's allowed and refused calls, route by route, over 澉浦's objects (issue 23): what a
/// role may do it gets; anything else is 404, never 403, so that nothing outside is revealed.
struct RoleMatrixTests {
    /// The grants tried, in the columns' order.
    static let roles = [
        "socialWorker@ganpu", "stationHead@ganpu", "countyAdmin@330424", "viewer@330424", "system@ganpu",
        "socialWorker@baibu",
    ]

    @Test func everyRoleGetsWhatItMayAndNotFoundForTheRest() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        var made: [String] = []
        for role in Self.roles { made.append(try await harness.token(role)) }
        let tokens = made
        let record = harness.ganpuRecord.id.rawValue
        let client = harness.ganpuClient.rawValue
        let record201 = #"{"station":"ganpu","kind":"走访","date":"2021-06-01","durationMinutes":30,"headCount":1}"#
        let volunteer = try await harness.dependencies.volunteerRegistrar.register(
            VolunteerRequest(station: "ganpu", name: "李志愿"),
            actor: .demo
        ).id.rawValue
        let activity = try await harness.dependencies.volunteering.schedule(
            station: "ganpu",
            name: "海塘清扫",
            date: "2021-12-05",
            capMinutes: nil,
            actor: .demo
        ).id.rawValue
        let user = try await harness.user("ganpu.w1", "澉浦社工一", password: "澉浦社工站的密码2021", grant: "socialWorker@ganpu")
            .id.rawValue
        let reading: [UInt] = [200, 200, 200, 404, 200, 404]
        let writing: [UInt] = [201, 201, 201, 404, 201, 404]
        let figures: [UInt] = [200, 200, 200, 200, 200, 404]
        let accounts: [UInt] = [404, 404, 200, 404, 404, 404]
        // (method, path, body, the status for each role in `roles`' order)
        let table: [(HTTPRequest.Method, String, String?, [UInt])] = [
            (.get, "/api/v1/stations/ganpu", nil, [200, 200, 200, 200, 200, 404]),
            (.get, "/api/v1/records/\(record)", nil, [200, 200, 200, 404, 200, 404]),
            (.get, "/api/v1/clients/\(client)", nil, [200, 200, 200, 404, 200, 404]),
            (.post, "/api/v1/clients/\(client)/reveal", #"{"reason":"核实身份"}"#, [200, 200, 200, 404, 404, 404]),
            (.post, "/api/v1/records", record201, [201, 201, 201, 404, 201, 404]),
            (.get, "/api/v1/reports/station?station=ganpu&period=2021", nil, [200, 200, 200, 200, 200, 404]),
            (.get, "/api/v1/reports/county?period=2021", nil, [404, 404, 200, 200, 404, 404]),
            (.get, "/api/v1/users", nil, [404, 404, 200, 404, 404, 404]),
            (.get, "/api/v1/tokens", nil, [404, 404, 200, 404, 404, 404]),
            (.get, "/api/v1/events?limit=5", nil, [200, 200, 200, 200, 200, 200]),
            (.get, "/api/v1/stations", nil, [200, 200, 200, 200, 200, 200]),
            (.get, "/api/v1/records?station=ganpu", nil, reading),
            (.get, "/api/v1/clients?station=ganpu", nil, reading),
            (.get, "/api/v1/cases?station=ganpu", nil, reading),
            (.get, "/api/v1/volunteers?station=ganpu", nil, reading),
            (.get, "/api/v1/volunteers/\(volunteer)", nil, reading),
            (.get, "/api/v1/activities/\(activity)", nil, reading),
            (.post, "/api/v1/volunteers", #"{"station":"ganpu","name":"王志愿"}"#, writing),
            (.post, "/api/v1/activities", #"{"station":"ganpu","name":"敬老","date":"2021-12-06"}"#, writing),
            (.get, "/api/v1/reports/donations?station=ganpu&period=2021", nil, reading),
            (.get, "/api/v1/reports/compliance?station=ganpu", nil, figures),
            (.get, "/api/v1/users/\(user)", nil, accounts),
            (.post, "/api/v1/users/\(user)/signout", nil, accounts),
            (
                .post, "/api/v1/tokens", #"{"name":"对接","grant":"viewer@ganpu","days":1}"#,
                [404, 404, 201, 404, 404, 404]
            ),
        ]
        try await harness.application().test(.router) { api in
            for (method, path, body, expected) in table {
                var got: [UInt] = []
                for token in tokens {
                    got.append(UInt(try await api.call(path, method, token: token, json: body).status.code))
                }
                #expect(got == expected, "\(method) \(path): \(zip(Self.roles, got).map { "\($0)=\($1)" })")
            }
        }
    }
}
