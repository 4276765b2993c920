import Foundation
import Testing
import YizhanWebhooks

@Suite("What a receiver's answer means")
struct ResponseClassifierTests {
    private func reply(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> HTTPReply {
        HTTPReply(status: status, headers: headers, body: Data(body.utf8))
    }

    @Test(arguments: [
        (200, "delivered"), (204, "delivered"), (410, "disable"), (400, "drop"), (413, "drop"), (422, "drop"),
        (401, "retry"), (404, "retry"), (408, "retry"), (500, "retry"), (502, "retry"), (503, "retry"),
        (301, "retry"), (429, "wait"),
    ])
    func webhookStatuses(status: Int, expected: String) {
        #expect(name(ResponseClassifier.classify(reply(status), kind: .webhook)) == expected)
    }

    @Test func retryAfterIsHonouredInSecondsOrAsADate() {
        let now = Date(timeIntervalSince1970: 1_614_265_330)
        let seconds = ResponseClassifier.classify(reply(503, headers: ["retry-after": "120"]), kind: .webhook, now: now)
        #expect(seconds == .wait(after: 120, reason: "HTTP 503"))
        let date = ResponseClassifier.classify(
            reply(429, headers: ["retry-after": "Thu, 25 Feb 2021 15:22:10 GMT"]),
            kind: .webhook,
            now: now
        )
        #expect(date == .wait(after: 1_200, reason: "HTTP 429"))
        #expect(ResponseClassifier.classify(reply(429), kind: .webhook) == .wait(after: 60, reason: "HTTP 429"))
    }

    /// The robots answer HTTP 200 with an error code in the body.
    @Test(arguments: [
        (EndpointKind.wecom, #"{"errcode":0,"errmsg":"ok"}"#, "delivered"),
        (.wecom, #"{"errcode":45009,"errmsg":"api freq out of limit"}"#, "wait"),
        (.wecom, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#, "disable"),
        (.wecom, #"{"errcode":40008,"errmsg":"invalid message type"}"#, "drop"),
        (.wecom, #"{"errcode":-1,"errmsg":"system busy"}"#, "retry"),
        (.dingtalk, #"{"errcode":0,"errmsg":"ok"}"#, "delivered"),
        (.dingtalk, #"{"errcode":130101,"errmsg":"send too fast"}"#, "wait"),
        (.dingtalk, #"{"errcode":310000,"errmsg":"sign not match"}"#, "disable"),
        (.dingtalk, #"{"errcode":300001,"errmsg":"token is not exist"}"#, "disable"),
        (.dingtalk, #"{"errcode":430101,"errmsg":"content is not safe"}"#, "drop"),
        (.dingtalk, #"{"errcode":-1,"errmsg":"system busy"}"#, "retry"),
        (.feishu, #"{"code":0,"msg":"success","data":{}}"#, "delivered"),
        (.feishu, #"{"StatusCode":0,"StatusMessage":"success"}"#, "delivered"),
        (.feishu, #"{"code":11232,"msg":"frequency limited"}"#, "wait"),
        (
            .feishu, #"{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}"#,
            "disable"
        ),
        (.feishu, #"{"code":9499,"msg":"Bad Request"}"#, "drop"),
        (.feishu, "<html>busy</html>", "retry"),
    ])
    func robotErrorBodies(kind: EndpointKind, body: String, expected: String) {
        #expect(name(ResponseClassifier.classify(reply(200, body), kind: kind)) == expected)
    }

    @Test func robotsFallBackToHTTPForNon200() {
        #expect(name(ResponseClassifier.classify(reply(502, "bad gateway"), kind: .wecom)) == "retry")
        #expect(name(ResponseClassifier.classify(reply(410), kind: .feishu)) == "disable")
    }

    @Test func backoffGrowsWithJitterAndEnds() {
        let policy = RetryPolicy(base: 10, cap: 60, maxAttempts: 5)
        #expect(policy.delay(afterAttempts: 1, random: 0) == 5)
        #expect(policy.delay(afterAttempts: 1, random: 0.999)! < 10)
        #expect(policy.delay(afterAttempts: 3, random: 0) == 20)
        #expect(policy.delay(afterAttempts: 4, random: 0.5) == 45)  // capped at 60: 30 + 15
        #expect(policy.delay(afterAttempts: 5, random: 0) == nil)
    }

    @Test func aRateWindowAllowsNAMinute() {
        var window = RateWindow(limit: 2)
        let start = Date(timeIntervalSince1970: 0)
        #expect(window.take(at: start) == nil)
        #expect(window.take(at: start.addingTimeInterval(1)) == nil)
        #expect(window.take(at: start.addingTimeInterval(2)) == start.addingTimeInterval(60))
        #expect(window.take(at: start.addingTimeInterval(60)) == nil)
    }

    private func name(_ verdict: DeliveryVerdict) -> String {
        switch verdict {
        case .delivered: "delivered"
        case .retry: "retry"
        case .wait: "wait"
        case .drop: "drop"
        case .disable: "disable"
        }
    }
}
