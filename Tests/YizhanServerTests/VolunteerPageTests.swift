import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// Volunteers as pages (issue 24.2): an activity's sheet with its QR code, a volunteer's own
/// check-in from the link without an account, guessing codes throttled, and staff entry.
struct VolunteerPageTests {
    @Test func aVolunteerChecksInWithTheirOwnCodeAndGuessesAreThrottled() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let today = harness.dependencies.clock.today
        let activity = try await harness.dependencies.volunteering.schedule(
            station: "baibu",
            name: "敬老院助餐",
            date: today.description,
            capMinutes: 180,
            actor: .demo
        )
        let volunteer = try await harness.dependencies.volunteerRegistrar.register(
            VolunteerRequest(station: "baibu", name: "赵志愿", village: "330424102201"),
            actor: .demo
        )
        let code = try #require(volunteer.checkInCode)
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let staff = try await StationPageTests.signIn(client, "wang.baibu")
            let list = try await client.page("/stations/baibu/volunteers", cookies: staff.cookies)
            #expect(list.text.contains(#"<a href="/activities/\#(activity.id.rawValue)">\#(today) 敬老院助餐</a>"#))
            #expect(list.text.contains("<td>赵**</td>") && !list.text.contains("赵志愿"))
            let sheet = try await client.page("/activities/\(activity.id.rawValue)", cookies: staff.cookies)
            let link = "http://localhost/check-in/\(activity.id.rawValue)"
            #expect(sheet.text.contains(#"<svg xmlns="http://www.w3.org/2000/svg""#))
            #expect(sheet.text.contains(#"role="img" aria-label="签到二维码""#))
            #expect(sheet.text.contains(#"<a href="\#(link)" data-check-in-link>"#))

            // The volunteer has no account: the page and its nonce are enough.
            let form = try await client.execute(uri: "/check-in/\(activity.id.rawValue)", method: .get)
            #expect(form.status == .ok && form.text.contains("敬老院助餐"))
            let nonce = try #require(form.cookieValue("yizhan-login"))
            func post(_ code: String, origin: String? = "http://localhost") async throws -> TestResponse {
                try await client.postForm(
                    "/check-in/\(activity.id.rawValue)",
                    ["code": code, "checkIn": "09:00", "checkOut": "11:30", "csrf": nonce],
                    cookies: ["yizhan-login": nonce],
                    origin: origin
                )
            }
            let before = try await harness.lastEvent()
            #expect(try await post(code, origin: "http://evil.example").status == .forbidden)
            let wrongCode = code == "000000" ? "000001" : "000000"
            let wrong = try await post(wrongCode)
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("签到码不对"))
            #expect(!wrong.text.contains(wrongCode))
            let failed = try await harness.events(after: before)
            #expect(failed.map(\.event.type) == [.authFailed])
            #expect(
                failed[0].event.payload.contains(activity.id.rawValue) && !failed[0].event.payload.contains(wrongCode)
            )

            let done = try await post(code)
            #expect(done.status == .created, "\(done.text)")
            #expect(done.text.contains("签到成功") && done.text.contains("09:00–11:30 · 150 分钟"))
            let recorded = try await harness.events(after: before).filter { $0.event.type == .volunteerHoursRecorded }
            #expect(recorded.count == 1 && recorded[0].event.actor.rawValue == "volunteer:\(volunteer.id.rawValue)")
            let after = try await client.page("/activities/\(activity.id.rawValue)", cookies: staff.cookies)
            #expect(
                after.text.contains(
                    "<tr><td>赵**</td><td>09:00</td><td>11:30</td><td class=\"num\">150</td><td>本人签到</td></tr>"
                )
            )

            // Nine more wrong codes from this address (ten in all), then even the right code waits.
            for _ in 0..<9 { #expect(try await post(wrongCode).status == .unprocessableContent) }
            let throttled = try await post(code)
            #expect(throttled.status == .tooManyRequests && throttled.headers[.retryAfter] != nil)
            #expect(throttled.text.contains("输错次数过多"))
            harness.time.advance(by: 15 * 60 + 1)
            // The window passed; the volunteer already has hours at this activity, so the kernel refuses twice.
            #expect(try await post(code).status == .unprocessableContent)

            #expect(try await client.execute(uri: "/check-in/no-such-activity", method: .get).status == .notFound)
        }
    }

    @Test func staffEnterHoursAndOtherStationsSeeNoSheet() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        let today = harness.dependencies.clock.today
        let activity = try await harness.dependencies.volunteering.schedule(
            station: "baibu",
            name: "文明劝导",
            date: today.description,
            capMinutes: 60,
            actor: .demo
        )
        let volunteer = try await harness.dependencies.volunteerRegistrar.register(
            VolunteerRequest(station: "baibu", name: "钱志愿"),
            actor: .demo
        )
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.user("li.ganpu", "李社工", password: StationPageTests.password, grant: "socialWorker@ganpu")
        try await harness.application().test(.router) { client in
            let staff = try await StationPageTests.signIn(client, "wang.baibu")
            let uri = "/activities/\(activity.id.rawValue)"
            let backwards = try await client.postFields(
                "\(uri)/hours",
                [
                    ("csrf", staff.csrf), ("volunteer", volunteer.id.rawValue), ("checkIn", "10:00"),
                    ("checkOut", "09:00"),
                    ("worker", "baibu-w1"),
                ],
                cookies: staff.cookies
            )
            #expect(backwards.status == .unprocessableContent && backwards.text.contains("晚于签到时间"))
            let entered = try await client.postFields(
                "\(uri)/hours",
                [
                    ("csrf", staff.csrf), ("volunteer", volunteer.id.rawValue), ("checkIn", "09:00"),
                    ("checkOut", "11:00"),
                    ("worker", "baibu-w1"),
                ],
                cookies: staff.cookies
            )
            #expect(entered.status == .seeOther && entered.headers[.location] == "\(uri)?entered=1")
            let sheet = try await client.page("\(uri)?entered=1", cookies: staff.cookies)
            // Two hours, counted up to the activity's cap of 60 minutes.
            #expect(sheet.text.contains(#"<td class="num">60</td><td>工作人员录入</td>"#))

            let other = try await StationPageTests.signIn(client, "li.ganpu")
            #expect(try await client.page(uri, cookies: other.cookies).status == .notFound)
            #expect(try await client.page("/stations/baibu/volunteers", cookies: other.cookies).status == .notFound)
        }
    }
}
