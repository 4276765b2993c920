import Foundation
import Testing
import YizhanWebhooks

@Suite("Signatures: Standard Webhooks, DingTalk, Feishu")
struct SignatureTests {
    /// The test vector of the Standard Webhooks specification (issue 10).
    @Test func standardWebhooksTestVector() throws {
        let signer = try #require(StandardWebhookSigner(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]))
        let body = Data(#"{"test": 2432232314}"#.utf8)
        let signature = signer.signature(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(
            signer.verify(header: signature, id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body)
        )
        #expect(
            !signer.verify(header: signature, id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_331, body: body)
        )
    }

    /// During a key rotation both keys sign; a receiver holding either one accepts the message.
    @Test func rotationSignsWithEveryKey() throws {
        let old = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let new = "whsec_" + Data(repeating: 7, count: 32).base64EncodedString()
        let both = try #require(StandardWebhookSigner(secrets: [new, old]))
        let body = Data("{}".utf8)
        let header = both.signature(id: "evt", timestamp: 1, body: body)
        #expect(header.split(separator: " ").count == 2)
        for secret in [old, new] {
            let receiver = try #require(StandardWebhookSigner(secrets: [secret]))
            #expect(receiver.verify(header: header, id: "evt", timestamp: 1, body: body))
        }
        #expect(StandardWebhookSigner(secrets: ["whsec_not base64!"]) == nil)
        #expect(StandardWebhookSigner(secrets: []) == nil)
    }

    /// Figures computed independently with Python's hmac module (timestamp\nsecret, HMAC-SHA256, base64).
    @Test func dingTalkSignsTimestampAndSecretAndEncodesThePlus() {
        let sign = RobotSignature.dingTalk(
            secret: "SECexample0123456789abcdef",
            timestampMilliseconds: 1_614_265_330_000
        )
        #expect(sign == "xXlbTq9h+HHLAQgr3wJ2e5CFTetM+s3fm6mIZnkPRUI=")
        #expect(RobotSignature.queryEncoded(sign) == "xXlbTq9h%2BHHLAQgr3wJ2e5CFTetM%2Bs3fm6mIZnkPRUI%3D")
        let slashes = RobotSignature.dingTalk(secret: "SECd", timestampMilliseconds: 1_614_265_330_000)
        #expect(RobotSignature.queryEncoded(slashes) == "rmRhnJHf%2BTgPAFeFI6TG7z7RoH%2FbIl%2FGhb%2FTuBN%2FWa4%3D")
    }

    /// Feishu keys the HMAC with "timestamp\nsecret" over an empty message (Python: 52Y6…).
    @Test func feishuKeysWithTimestampAndSecret() {
        #expect(
            RobotSignature.feishu(secret: "SECexample0123456789abcdef", timestampSeconds: 1_614_265_330)
                == "52Y6xG0XhVcu0EDItDNZ6WE+vZKxC/UY6aUYyel8xyU="
        )
    }
}
