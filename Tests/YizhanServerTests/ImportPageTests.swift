import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanServer

/// Importing a service ledger from the page (issue 24.2): the preview is `yizhan import`'s report
/// and writes nothing; a refused cell is named by row, column, value and reason; the confirmation
/// writes what was previewed, once; a file changed in between is refused.
struct ImportPageTests {
    static let ledger = """
        服务日期,服务类型,时长(分钟),村(社区),社工,人数
        2021-05-01,走访,45,示例村,示例社工甲,2
        2099-01-01,走访,45,示例村,示例社工甲,2

        """

    @Test func thePreviewWritesNothingAndTheConfirmationWritesItOnce() async throws {
        let harness = try await ServerHarness()
        defer { harness.remove() }
        try await harness.user("wang.baibu", "王社工", password: StationPageTests.password, grant: "socialWorker@baibu")
        try await harness.application().test(.router) { client in
            let browser = try await StationPageTests.signIn(client, "wang.baibu")
            let form = try await client.page("/stations/baibu/import", cookies: browser.cookies)
            #expect(form.status == .ok && form.text.contains(#"enctype="multipart/form-data""#))
            let before = try await harness.lastEvent()
            let all = try await client.upload(
                "/stations/baibu/import",
                fields: [("csrf", browser.csrf)],
                file: ("file", "五月台账.csv", Array(Self.ledger.utf8)),
                cookies: browser.cookies
            )
            #expect(all.status == .ok, "\(all.text)")
            #expect(all.text.contains("导入预览(尚未写入任何数据)") && all.text.contains("五月台账.csv"))
            #expect(all.text.contains(#"<td class="num">3</td><td>A</td><td>服务日期</td><td>2099-01-01</td>"#))
            #expect(!all.text.contains(#"name="confirm""#), "one refused row refuses the file")
            #expect(try await harness.lastEvent() == before)

            let skipping = try await client.upload(
                "/stations/baibu/import",
                fields: [("csrf", browser.csrf), ("skipInvalid", "1")],
                file: ("file", "五月台账.csv", Array(Self.ledger.utf8)),
                cookies: browser.cookies
            )
            #expect(skipping.text.contains(#"<dd data-figure="accepted">1</dd>"#))
            #expect(try await harness.lastEvent() == before)
            let data = String(try #require(skipping.text.firstMatch(of: /name="data" value="([^"]+)"/)?.1))
            let digest = String(try #require(skipping.text.firstMatch(of: /name="digest" value="([0-9a-f]{64})"/)?.1))
            let confirm: [(String, String)] = [
                ("csrf", browser.csrf), ("confirm", "1"), ("data", data), ("digest", digest),
                ("filename", "五月台账.csv"), ("skipInvalid", "1"),
            ]
            let done = try await client.upload(
                "/stations/baibu/import",
                fields: confirm,
                file: nil,
                cookies: browser.cookies
            )
            #expect(done.status == .ok && done.text.contains("已导入。"))
            let types = try await harness.events(after: before).map(\.event.type)
            #expect(types == [.serviceRecorded, .ledgerImported])
            let again = try await client.upload(
                "/stations/baibu/import",
                fields: confirm,
                file: nil,
                cookies: browser.cookies
            )
            #expect(again.text.contains(#"<dd data-figure="already">1</dd>"#))
            #expect(try await harness.events(after: before).filter { $0.event.type == .serviceRecorded }.count == 1)

            // A file other than the one previewed is refused before anything is read.
            let changed = confirm.map { $0.0 == "digest" ? ("digest", String(repeating: "0", count: 64)) : $0 }
            let tampered = try await client.upload(
                "/stations/baibu/import",
                fields: changed,
                file: nil,
                cookies: browser.cookies
            )
            #expect(tampered.status == .badRequest)
            let unreadable = try await client.upload(
                "/stations/baibu/import",
                fields: [("csrf", browser.csrf)],
                file: ("file", "台账.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]),
                cookies: browser.cookies
            )
            #expect(unreadable.status == .unprocessableContent && unreadable.text.contains("class=\"alert\""))
            // Without the token in the upload, nothing is read.
            let forged = try await client.upload(
                "/stations/baibu/import",
                fields: [],
                file: ("file", "五月台账.csv", Array(Self.ledger.utf8)),
                cookies: browser.cookies
            )
            #expect(forged.status == .forbidden)
        }
    }
}

extension TestClientProtocol {
    /// A `multipart/form-data` post, as a page's upload form sends it.
    func upload(
        _ uri: String,
        fields: [(String, String)],
        file: (name: String, filename: String, bytes: [UInt8])?,
        cookies: [String: String]
    ) async throws -> TestResponse {
        let boundary = "----yizhan-test-boundary"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n"
                    .utf8
            )
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .origin: "http://localhost",
        ]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
