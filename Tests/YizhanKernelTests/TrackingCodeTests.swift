import Testing
import YizhanKernel

/// Issue 26.6: the code a resident follows their request by — read however they type it back, and
/// never with characters that look alike.
struct TrackingCodeTests {
    @Test func aCodeIsTwelveUnambiguousCharactersShownInFours() throws {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let code = TrackingCode.generate()
            #expect(code.rawValue.count == 12)
            #expect(code.rawValue.allSatisfy { TrackingCode.alphabet.contains($0) })
            #expect(!code.rawValue.contains { "01IO".contains($0) })
            #expect(code.description.split(separator: "-").map(\.count) == [4, 4, 4])
            seen.insert(code.rawValue)
        }
        #expect(seen.count == 200, "codes repeat")
        #expect(TrackingCode.alphabet.count == 32)
    }

    @Test func aCodeIsReadBackHoweverItIsTyped() throws {
        let code = try #require(TrackingCode(typed: "7KQ2-MX9D-4HTP"))
        #expect(code.rawValue == "7KQ2MX9D4HTP" && code.description == "7KQ2-MX9D-4HTP")
        #expect(TrackingCode(typed: " 7kq2 mx9d 4htp ") == code)
        // Look-alikes, wrong lengths and other characters are not codes.
        for text in ["7KQ2-MX9D-4HT0", "7KQ2-MX9D-4HTI", "7KQ2-MX9D-4HT", "7KQ2-MX9D-4HTPP", "7KQ2-MX9D-4HT!", ""] {
            #expect(TrackingCode(typed: text) == nil, "\(text)")
        }
    }
}
