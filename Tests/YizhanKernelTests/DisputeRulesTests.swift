import Foundation
import Testing
import YizhanKernel

/// Issue 26.4: a dispute under 矛盾纠纷联排联化 (seed 002 §三) — complex after 5 days unsettled, 15
/// days more, and up to the county's team after 3 rounds or past its limit; each once.
struct DisputeRulesTests {
    let rules = DisputeRules()
    // 2026-05-28 04:26:40 in Asia/Shanghai.
    let filed = Date(timeIntervalSince1970: 1_779_913_600)

    func dispute() throws -> Dispute {
        Dispute(
            request: try RequestID("01a2aaaa-0000-7000-8000-000000000002"),
            method: .mediation,
            owner: .account("tiaojie"),
            filedAt: filed
        )
    }

    func day(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
    func after(days: Double) -> Date { filed.addingTimeInterval(days * 86_400) }

    @Test func aGeneralDisputeBecomesComplexAfterFiveDaysAndGoesUpFifteenDaysLater() throws {
        let general = try dispute()
        #expect(rules.supervise(general, at: after(days: 4.99)).happened.isEmpty)
        let (complex, happened) = rules.supervise(general, at: after(days: 5.01))
        #expect(happened == [.becameComplex] && complex.complexity == .complex && !complex.referredUp)
        #expect(rules.supervise(complex, at: after(days: 6)).happened.isEmpty, "once")
        #expect(rules.supervise(complex, at: after(days: 19.99)).happened.isEmpty)
        let (late, up) = rules.supervise(complex, at: after(days: 20.01))
        #expect(up == [.referredUp(.pastLimit)] && late.referredUp)
        #expect(rules.supervise(late, at: after(days: 40)).happened.isEmpty, "once")
        // Left alone for three weeks, both happen in one look.
        #expect(rules.supervise(general, at: after(days: 21)).happened == [.becameComplex, .referredUp(.pastLimit)])
    }

    @Test func threeRoundsWithoutAgreementSendItUpAndAgreementSettlesIt() throws {
        var current = try dispute()
        var all: [DisputeHappening] = []
        for text in ["2026-05-28", "2026-05-30", "2026-05-30"] {
            let (next, happened) = try rules.round(current, on: try day(text), result: .unsettled)
            current = next
            all += happened
        }
        #expect(
            all == [
                .round(number: 1, result: .unsettled), .round(number: 2, result: .unsettled),
                .round(number: 3, result: .unsettled), .referredUp(.roundsExhausted),
            ]
        )
        // The county's team mediates on; it is not sent up twice, and past its limit nothing more.
        let (settled, last) = try rules.round(current, on: try day("2026-06-02"), result: .settled)
        let settledDay = try day("2026-06-02")
        #expect(last == [.round(number: 4, result: .settled), .settled] && settled.settledOn == settledDay)
        #expect(rules.supervise(settled, at: after(days: 30)).happened.isEmpty)
        let again = try #require(
            #expect(throws: InputError.self) { try rules.round(settled, on: try day("2026-06-03"), result: .unsettled) }
        )
        #expect(again.message(in: .zhHans).contains("2026-06-02 调解成功"))
    }

    @Test func aRoundIsNeverDatedBeforeTheFilingOrThePreviousRound() throws {
        let first = try dispute()
        let early = try #require(
            #expect(throws: InputError.self) { try rules.round(first, on: try day("2026-05-27"), result: .unsettled) }
        )
        #expect(early.issues.first?.field == "day" && early.message(in: .zhHans).contains("2026-05-28"))
        let (one, _) = try rules.round(first, on: try day("2026-06-01"), result: .unsettled)
        #expect(throws: InputError.self) { try rules.round(one, on: try day("2026-05-31"), result: .unsettled) }
        // The shipped rules are the ones the method fixes: 5 days, 15 more, 3 rounds.
        #expect(RequestPolicy.shipped.disputes == DisputeRules(generalDays: 5, complexDays: 15, maxRounds: 3))
    }
}
