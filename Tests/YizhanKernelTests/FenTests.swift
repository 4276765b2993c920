import Testing
import YizhanKernel

struct FenTests {
    /// Seed 000 §三.三: 西塘桥's 99公益日 donations came to ¥21,116.28.
    @Test(
        arguments: [
            ("21116.28", 2_111_628), ("21,116.28", 2_111_628), ("¥21116.28", 2_111_628), ("2500", 250_000),
            ("2500元", 250_000), ("0.5", 50), ("0.05", 5), ("-3.5", -350), (" 12.30 ", 1_230),
        ] as [(String, Int64)]
    )
    func parsesYuanExactly(_ text: String, _ fen: Int64) throws {
        #expect(try Fen(parsing: text).value == fen)
    }

    @Test(arguments: ["", "12.345", "abc", "1.2.3", "¥", ".5", "1e5", "99999999999999999999"])
    func refusesWhatIsNotMoney(_ text: String) {
        #expect(throws: FenError.self) { try Fen(parsing: text) }
    }

    @Test func printsYuanWithGroupedDigits() {
        #expect(Fen(2_111_628).description == "¥21,116.28")
        #expect(Fen(5).description == "¥0.05")
        #expect(Fen(-1_000_000_00).description == "-¥1,000,000.00")
        #expect(Fen(.max).adding(Fen(1)) == nil)
    }
}
