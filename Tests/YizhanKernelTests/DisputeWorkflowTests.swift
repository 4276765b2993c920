import Foundation
import Testing
import YizhanKernel

/// Issue 26.4: a dispute (矛盾纠纷) moving through the request workflow — rounds of mediation, its
/// settlement, complex after 5 days, and up to the county's team after 3 rounds or 20 days — under
/// the shipped policy and a pinned clock (seed 002 §三, 矛盾纠纷联排联化).
struct DisputeWorkflowTests {
    let workflow = RequestWorkflow(policy: .shipped)
    // 2026-05-30 04:26:40 in Asia/Shanghai.
    let start = Date(timeIntervalSince1970: 1_780_086_400)
    let liaison = RequestStaff(tier: "liaison", assignee: .contact("liaison-li"))
    let county = RequestActor.staff(RequestStaff(tier: "county", assignee: .account("tiaochu")))

    func filed(by receiver: RequestStaff?, category: String = "dispute") throws -> ResidentRequest {
        ResidentRequest(
            id: try RequestID("01a2aaaa-0000-7000-8000-000000000003"),
            station: try StationID("baibu"),
            village: try DivisionCode("330424102201"),
            category: try #require(RequestPolicy.shipped.category(category)),
            channel: receiver == nil ? .webForm : .visit,
            anonymous: false,
            firstReceiver: receiver,
            method: .mediation,
            at: start
        )
    }

    func at(days: Double) -> Date { start.addingTimeInterval(days * 86_400) }
    func day(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }

    @Test func threeRoundsWithoutAgreementSendTheDisputeToTheCountysTeamWhichSettlesIt() throws {
        let request = try filed(by: liaison)
        let dispute = try #require(request.dispute)
        #expect(
            dispute.owner == .contact("liaison-li") && dispute.complexity == .general && dispute.method == .mediation
        )
        var (current, _) = try workflow.apply(.accept, to: request, by: .staff(liaison), at: at(days: 0.1))
        var happened: [RequestHappening] = []
        for (text, when) in [("2026-05-30", 0.2), ("2026-05-31", 1.0), ("2026-06-01", 2.0)] {
            let (next, more) = try workflow.apply(
                .mediate(day: try day(text), result: .unsettled),
                to: current,
                by: .staff(liaison),
                at: at(days: when)
            )
            current = next
            happened += more
        }
        #expect(
            happened == [
                .mediated(number: 1, result: .unsettled), .mediated(number: 2, result: .unsettled),
                .mediated(number: 3, result: .unsettled), .referred(.roundsExhausted),
                .escalated(from: "liaison", to: "county"),
            ]
        )
        #expect(current.holder == RequestHolder(tier: "county") && current.state == .registered)
        #expect(current.dispute?.referredUp == true && current.dispute?.rounds.count == 3)
        // The liaison no longer holds it; the county's team accepts it and settles it.
        #expect(throws: InputError.self) {
            try workflow.apply(
                .mediate(day: try day("2026-06-02"), result: .settled),
                to: current,
                by: .staff(liaison),
                at: at(days: 3)
            )
        }
        let (accepted, _) = try workflow.apply(.accept, to: current, by: county, at: at(days: 3))
        let (settled, last) = try workflow.apply(
            .settle(day: try day("2026-06-02")),
            to: accepted,
            by: county,
            at: at(days: 3.1)
        )
        let settledDay = try day("2026-06-02")
        #expect(last == [.settled] && settled.dispute?.settledOn == settledDay)
        // Settled, the dispute rules have nothing more to say; the resident must still be answered.
        #expect(workflow.supervise(settled, at: at(days: 30)).happened == [.overdue(.answer)])
    }

    @Test func anUnsettledDisputeBecomesComplexAfterFiveDaysAndGoesUpAfterTwenty() throws {
        let request = try filed(by: liaison)
        let (answered, _) = try workflow.apply(.accept, to: request, by: .staff(liaison), at: at(days: 0.1))
        let (current, _) = try workflow.apply(.answer, to: answered, by: .staff(liaison), at: at(days: 1))
        // The dispute rules, not the category's 5-day resolve limit, watch its resolution.
        #expect(workflow.supervise(current, at: at(days: 4.99)).happened.isEmpty)
        #expect(workflow.due(.resolve, of: current) == at(days: 5))
        let (complex, first) = workflow.supervise(current, at: at(days: 5.01))
        #expect(first == [.becameComplex] && complex.holder == current.holder && complex.state == .answered)
        #expect(workflow.due(.resolve, of: complex) == at(days: 20))
        #expect(workflow.supervise(complex, at: at(days: 19.99)).happened.isEmpty, "once")
        let (up, second) = workflow.supervise(complex, at: at(days: 20.01))
        #expect(second == [.referred(.pastLimit), .escalated(from: "liaison", to: "county")])
        #expect(up.holder == RequestHolder(tier: "county") && up.state == .registered)
        #expect(workflow.supervise(up, at: at(days: 40)).happened.isEmpty, "once")
    }

    @Test func roundsAreRefusedOutsideADisputeBeforeAcceptanceInTheFutureOrOnceSettled() throws {
        let round = RequestAction.mediate(day: try day("2026-05-30"), result: .unsettled)
        // Not a dispute.
        let ordinary = try filed(by: liaison, category: "ordinary")
        #expect(ordinary.dispute == nil)
        let (accepted, _) = try workflow.apply(.accept, to: ordinary, by: .staff(liaison), at: at(days: 0.1))
        let notDispute = try #require(
            #expect(throws: InputError.self) {
                try workflow.apply(round, to: accepted, by: .staff(liaison), at: at(days: 0.2))
            }
        )
        #expect(notDispute.message(in: .zhHans).contains("矛盾纠纷类的诉求"))
        // Not accepted yet.
        let request = try filed(by: liaison)
        let early = try #require(
            #expect(throws: InputError.self) {
                try workflow.apply(round, to: request, by: .staff(liaison), at: at(days: 0.2))
            }
        )
        #expect(early.message(in: .zhHans).contains("要先受理"))
        // A day after today (Asia/Shanghai), or before the filing.
        let (taken, _) = try workflow.apply(.accept, to: request, by: .staff(liaison), at: at(days: 0.1))
        let future = try #require(
            #expect(throws: InputError.self) {
                try workflow.apply(
                    .mediate(day: try day("2026-05-31"), result: .unsettled),
                    to: taken,
                    by: .staff(liaison),
                    at: at(days: 0.2)
                )
            }
        )
        #expect(future.issues.first?.code == .outOfRange && future.message(in: .zhHans).contains("2026-05-30"))
        #expect(throws: InputError.self) {
            try workflow.apply(.settle(day: try day("2026-05-29")), to: taken, by: .staff(liaison), at: at(days: 0.2))
        }
        // Settled once, it is not settled or mediated again.
        let (settled, _) = try workflow.apply(
            .settle(day: try day("2026-05-30")),
            to: taken,
            by: .staff(liaison),
            at: at(days: 0.2)
        )
        #expect(throws: InputError.self) {
            try workflow.apply(round, to: settled, by: .staff(liaison), at: at(days: 0.3))
        }
    }

    @Test func aDisputeFromTheWebFormIsOwnedByWhoeverAcceptsIt() throws {
        let request = try filed(by: nil)
        #expect(request.dispute?.owner == nil && request.holder == RequestHolder(tier: "liaison"))
        let (accepted, _) = try workflow.apply(.accept, to: request, by: .staff(liaison), at: at(days: 0.1))
        #expect(accepted.dispute?.owner == .contact("liaison-li"))
    }
}
