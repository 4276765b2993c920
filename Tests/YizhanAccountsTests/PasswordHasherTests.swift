import Foundation
import Testing
import YizhanAccounts
import YizhanKernel

/// Passwords as users type them: Chinese, long, with spaces (issue 23.4, ASVS 6.2).
struct PasswordHasherTests {
    let hasher = PasswordHasher(key: Data(repeating: 7, count: 32), cost: 4)

    @Test func longChinesePasswordsAreNotCutShort() async throws {
        // 30 Chinese characters: 90 bytes, past bcrypt's 72, and differing only in the last one.
        let stem = String(repeating: "社工站", count: 9) + "百步镇"
        let hash = try await hasher.hash(stem + "一")
        #expect(await hasher.verify(stem + "一", hash: hash))
        #expect(!(await hasher.verify(stem + "二", hash: hash)))
        #expect(hash.hasPrefix("$2b$04$"))
    }

    @Test func anotherKeyDoesNotVerify() async throws {
        let hash = try await hasher.hash("correct horse 电池")
        let other = PasswordHasher(key: Data(repeating: 8, count: 32), cost: 4)
        #expect(!(await other.verify("correct horse 电池", hash: hash)))
    }

    @Test(arguments: ["short", String(repeating: "长", count: 129), "         "])
    func refusesWhatIsTooShortTooLongOrBlank(_ password: String) async throws {
        let error = await #expect(throws: InputError.self) { try await hasher.hash(password) }
        #expect(error?.issues.first?.field == "password")
        #expect(error?.message(in: .zhHans).contains("8–128 个字符") == true)
        #expect(error?.message(in: .zhHans).contains(password) == false, "the password is never echoed")
    }

    @Test(arguments: ["123456789", "Password1", "woaini1314", "QWERTYUIOP", "1qaz2wsx3edc"])
    func refusesTheCommonestPasswordsWhateverTheirCase(_ password: String) async throws {
        let error = await #expect(throws: InputError.self) { try await hasher.hash(password) }
        #expect(error?.issues.first?.field == "password")
        #expect(error?.message(in: .zhHans).contains("常见密码") == true)
        #expect(error?.message(in: .zhHans).contains(password) == false, "the password is never echoed")
    }

    @Test func acceptsAPhraseNoListHolds() async throws {
        #expect(PasswordHasher.issue("百步社工站的密码2021") == nil)
        #expect(PasswordHasher.issue("correct horse battery staple") == nil)
    }

    @Test func secretsAreRandomAndKeptAsTheirHash() {
        let secrets = SecretGenerator(key: Data(repeating: 1, count: 32))
        let (one, oneHash) = secrets.makeSecret()
        let (two, _) = secrets.makeSecret()
        #expect(one != two)
        #expect(one.count == 43)
        #expect(oneHash.count == 64 && oneHash == secrets.hash(one))
        let (token, tokenHash) = secrets.makeToken()
        #expect(token.hasPrefix("yz_") && tokenHash == secrets.hash(token))
        #expect(secrets.addressDigest("10.0.0.1") != secrets.addressDigest("10.0.0.2"))
        #expect(!secrets.addressDigest("10.0.0.1").contains("10.0.0.1"))
    }
}
