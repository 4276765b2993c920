import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanSQLite
import YizhanServer

/// The county's approval grid (issue 25.6): stations × periods coloured by state, and the steps
/// each account may take, posted with the page's CSRF token and refused with the reason why.
struct ApprovalPageTests {
    @Test func theGridShowsStatesAndTakesTheStepsEachAccountMay() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("county.admin", "县民政局", password: StationPageTests.password, grant: "countyAdmin@330424")
        try await harness.user("baibu.head", "百步站长", password: StationPageTests.password, grant: "stationHead@baibu")
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        let head = try await harness.token("stationHead@baibu")
        try await harness.application().test(.router) { client in
            let submitted = try await client.call(
                "/api/v1/approvals/steps",
                .post,
                token: head,
                json: #"{"workflow":"test-month","period":"2021-11","station":"baibu","action":"submit"}"#
            )
            #expect(submitted.status == .ok)
            let admin = try await StationPageTests.signIn(client, "county.admin")
            let page = try await client.page(
                "/county/approvals?workflow=test-month&period=2021-11",
                cookies: admin.cookies
            )
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.contains(#"data-table="approval-grid""#))
            #expect(page.text.contains(#"<a href="/county/approvals" aria-current="page">逐级审核</a>"#))
            // Six months ending at November; 百步's November submitted, 澉浦's open and overdue.
            #expect(
                page.text.components(
                    separatedBy: #"<th scope="col"><a href="/county/approvals?workflow=test-month&amp;period="#
                ).count - 1 == 6
            )
            #expect(page.text.contains(#"<td class="cell state-submitted" title="2021 年 11 月">已提交</td>"#))
            #expect(page.text.contains(#"<td class="cell state-open overdue" title="2021 年 11 月">未提交 · 逾期</td>"#))
            #expect(page.text.contains(#"<button type="submit" name="action" value="approve">审核通过</button>"#))
            #expect(page.text.contains(#"<button type="submit" name="action" value="return">退回</button>"#))

            let form: [(String, String)] = [
                ("csrf", admin.csrf), ("workflow", "test-month"), ("period", "2021-11"), ("station", "baibu"),
            ]
            let before = try await harness.lastEvent()
            let noReason = try await client.postFields(
                "/county/approvals",
                form + [("action", "return")],
                cookies: admin.cookies
            )
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("退回须写明原因"))
            #expect(try await harness.lastEvent() == before)
            let approved = try await client.postFields(
                "/county/approvals",
                form + [("action", "approve")],
                cookies: admin.cookies
            )
            #expect(approved.status == .seeOther)
            #expect(approved.headers[.location] == "/county/approvals?workflow=test-month&period=2021-11&done=approve")
            let after = try await client.page(approved.headers[.location] ?? "", cookies: admin.cookies)
            #expect(after.text.contains("已执行: 审核通过"))
            #expect(after.text.contains(#"<td class="cell state-approved" title="2021 年 11 月">已审核</td>"#))
            let twice = try await client.postFields(
                "/county/approvals",
                form + [("action", "approve")],
                cookies: admin.cookies
            )
            #expect(twice.status == .conflict && twice.text.contains("当前状态为已审核"))
            let noToken = try await client.postFields(
                "/county/approvals",
                [("workflow", "test-month"), ("period", "2021-11"), ("station", "baibu"), ("action", "unapprove")],
                cookies: admin.cookies
            )
            #expect(noToken.status == .forbidden)
            #expect(
                try await harness.store.approval(
                    workflow: "test-month",
                    period: ApprovalPeriod(parsing: "2021-11", type: .month),
                    station: Fixtures.baibu.id
                )?.state == .approved
            )

            // A station's worker is answered as if there were no such page.
            let worker = try await StationPageTests.signIn(client, "wang.baibu")
            #expect(try await client.page("/county/approvals", cookies: worker.cookies).status == .notFound)
        }
    }
}
