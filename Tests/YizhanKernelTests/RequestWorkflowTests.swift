import Foundation
import Testing
import YizhanKernel

/// Issue 26.2–26.3: a request's handling — 受理 → 转办 → 反馈 → 办结, 退回, 重办 and 督办 — as the
/// workflow allows it, under the shipped policy and a pinned clock (seed 002 §三).
struct RequestWorkflowTests {
    let workflow = RequestWorkflow(policy: .shipped)
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    let liaison = RequestActor.staff(RequestStaff(tier: "liaison", assignee: .contact("liaison-li")))
    let grid = RequestActor.staff(RequestStaff(tier: "gridWorker", assignee: .account("grid-zhang")))
    let otherGrid = RequestActor.staff(RequestStaff(tier: "gridWorker", assignee: .account("grid-wang")))
    let agency = RequestActor.staff(RequestStaff(tier: "agency", assignee: .agency("housing")))

    func filed(_ category: String = "ordinary", by receiver: RequestStaff? = nil) throws -> ResidentRequest {
        ResidentRequest(
            id: try RequestID("01a2aaaa-0000-7000-8000-000000000001"),
            station: try StationID("baibu"),
            village: try DivisionCode("330424102201"),
            category: try #require(RequestPolicy.shipped.category(category)),
            channel: .webForm,
            anonymous: false,
            firstReceiver: receiver,
            at: start
        )
    }

    func at(hours: Double) -> Date { start.addingTimeInterval(hours * 3_600) }

    /// `request` after each step in turn, with everything that happened.
    func run(
        _ request: ResidentRequest,
        _ steps: [(RequestAction, RequestActor, Double)]
    ) throws -> (ResidentRequest, [RequestHappening]) {
        var current = request
        var all: [RequestHappening] = []
        for (action, actor, hours) in steps {
            let (next, happened) = try workflow.apply(action, to: current, by: actor, at: at(hours: hours))
            current = next
            all += happened
        }
        return (current, all)
    }

    @Test func aRequestGoesFromTheLiaisonToTheGridWorkerAndIsReopenedOnceWhenTheResidentIsDissatisfied() throws {
        let request = try filed()
        #expect(request.holder == RequestHolder(tier: "liaison") && request.state == .registered)
        let (done, happened) = try run(
            request,
            [
                (.accept, liaison, 1),
                (.transfer(to: RequestHolder(tier: "gridWorker")), liaison, 2),
                (.accept, grid, 3),
                (.start, grid, 4),
                (.answer, grid, 20),
                (.close, grid, 21),
                (.rate(.dissatisfied), .resident, 40),
            ]
        )
        #expect(
            happened == [
                .accepted(tier: "liaison"), .transferred(from: "liaison", to: "gridWorker"),
                .accepted(tier: "gridWorker"), .started, .answered, .closed, .rated(.dissatisfied),
                .reopened(count: 1, tier: "gridWorker"),
            ]
        )
        // 重办: a new round, held by the grid worker who closed it, its limits counted afresh.
        #expect(done.state == .registered && done.reopenings == 1 && done.rating == nil)
        #expect(done.holder == RequestHolder(tier: "gridWorker", assignee: .account("grid-zhang")))
        #expect(done.roundStartedAt == at(hours: 40) && done.acceptedAt == nil && done.closedAt == nil)
        #expect(done.filedAt == start)

        let (final, more) = try run(
            done,
            [(.accept, grid, 41), (.answer, grid, 42), (.close, grid, 43), (.rate(.satisfied), .resident, 44)]
        )
        #expect(final.state == .closed && final.rating == .satisfied && more.last == .rated(.satisfied))
        // Once rated, a round is not rated again.
        #expect(throws: InputError.self) {
            try workflow.apply(.rate(.dissatisfied), to: final, by: .resident, at: at(hours: 45))
        }
    }

    @Test func onlyTheHolderActsAndEveryStepNeedsItsState() throws {
        let request = try filed("utility")
        // A utility request goes to the grid worker first; the liaison cannot take it.
        let refused = try #require(
            #expect(throws: InputError.self) { try workflow.apply(.accept, to: request, by: liaison, at: at(hours: 1)) }
        )
        #expect(refused.message(in: .zhHans).contains("持有这件诉求的网格员才能受理"))
        let (accepted, _) = try workflow.apply(.accept, to: request, by: grid, at: at(hours: 1))
        // Accepted by one grid worker, it is theirs: another of the tier cannot answer it.
        #expect(throws: InputError.self) { try workflow.apply(.answer, to: accepted, by: otherGrid, at: at(hours: 2)) }
        // Closing needs an answer to the resident first; the resident cannot close it.
        let early = try #require(
            #expect(throws: InputError.self) { try workflow.apply(.close, to: accepted, by: grid, at: at(hours: 2)) }
        )
        #expect(early.message(in: .zhHans).contains("要先反馈居民") && early.message(in: .zhHans).contains("已受理"))
        #expect(throws: InputError.self) { try workflow.apply(.close, to: accepted, by: .resident, at: at(hours: 2)) }
        // Staff cannot rate or reopen for the resident.
        let (closed, _) = try run(accepted, [(.answer, grid, 3), (.close, grid, 4)])
        #expect(throws: InputError.self) {
            try workflow.apply(.rate(.satisfied), to: closed, by: grid, at: at(hours: 5))
        }
        #expect(throws: InputError.self) { try workflow.apply(.reopen, to: closed, by: grid, at: at(hours: 5)) }
        // Nor transfer to a tier the policy lacks.
        let unknown = try #require(
            #expect(throws: InputError.self) {
                try workflow.apply(
                    .transfer(to: RequestHolder(tier: "mayor")),
                    to: accepted,
                    by: grid,
                    at: at(hours: 2)
                )
            }
        )
        #expect(unknown.issues.first?.code == .unknownReference && unknown.issues.first?.field == "to")
    }

    @Test func aMisroutedRequestIsSentBackToWhoeverRoutedItButNotOnceAccepted() throws {
        let request = try filed()
        let toAgency = RequestHolder(tier: "agency", assignee: .agency("housing"))
        let (routed, _) = try run(request, [(.accept, liaison, 1), (.transfer(to: toAgency), liaison, 2)])
        #expect(routed.routedFrom == RequestHolder(tier: "liaison", assignee: .contact("liaison-li")))
        let (back, happened) = try workflow.apply(.sendBack, to: routed, by: agency, at: at(hours: 3))
        #expect(happened == [.sentBack(from: "agency", to: "liaison")])
        #expect(
            back.holder == RequestHolder(tier: "liaison", assignee: .contact("liaison-li")) && back.routedFrom == nil
        )
        // Nothing to send back to once it is home, nor once the new holder has accepted it.
        #expect(throws: InputError.self) { try workflow.apply(.sendBack, to: back, by: liaison, at: at(hours: 4)) }
        let (taken, _) = try workflow.apply(.accept, to: routed, by: agency, at: at(hours: 3))
        #expect(throws: InputError.self) { try workflow.apply(.sendBack, to: taken, by: agency, at: at(hours: 4)) }
    }

    @Test func eachLimitPassedIsReportedOnceAndMovesTheRequestOneTierUp() throws {
        // 水电气暖: accepted within 2 h, answered within 24 h, resolved within 3 days.
        let request = try filed("utility")
        #expect(workflow.supervise(request, at: at(hours: 1.99)).happened.isEmpty)
        let (late, happened) = workflow.supervise(request, at: at(hours: 2.01))
        #expect(happened == [.overdue(.accept), .escalated(from: "gridWorker", to: "secretary")])
        #expect(late.holder == RequestHolder(tier: "secretary") && late.overdue == [.accept])
        // Once per limit: looking again changes nothing.
        let again = workflow.supervise(late, at: at(hours: 3))
        #expect(again.happened.isEmpty && again.request == late)
        // The secretary accepts; the answer limit then passes at 24 h and it goes to the station.
        let secretary = RequestActor.staff(RequestStaff(tier: "secretary", assignee: .account("shuji")))
        let (accepted, _) = try workflow.apply(.accept, to: late, by: secretary, at: at(hours: 4))
        #expect(accepted.acceptedAt == at(hours: 4))
        #expect(workflow.supervise(accepted, at: at(hours: 23.9)).happened.isEmpty)
        let (unanswered, next) = workflow.supervise(accepted, at: at(hours: 24.1))
        #expect(next == [.overdue(.answer), .escalated(from: "secretary", to: "station")])
        #expect(unanswered.state == .registered, "the new tier accepts it in turn")
        #expect(workflow.due(.resolve, of: unanswered) == at(hours: 72))
        // A request answered in time but not resolved: only the resolve limit is left to pass.
        let station = RequestActor.staff(RequestStaff(tier: "station", assignee: .account("sgz")))
        let (answered, _) = try run(unanswered, [(.accept, station, 25), (.answer, station, 26)])
        #expect(
            workflow.supervise(answered, at: at(hours: 72.5)).happened == [
                .overdue(.resolve), .escalated(from: "station", to: "agency"),
            ]
        )
        // And a request closed in time is never overdue.
        let (closed, _) = try run(request, [(.accept, grid, 1), (.answer, grid, 2), (.close, grid, 3)])
        #expect(workflow.supervise(closed, at: at(hours: 1_000)).happened.isEmpty)
    }

    @Test func aRequestLeftLongPassesEveryLimitAtOnceAndStopsAtTheTop() throws {
        let request = try filed("emergency")
        let (late, happened) = workflow.supervise(request, at: at(hours: 48))
        #expect(
            happened == [
                .overdue(.accept), .escalated(from: "gridWorker", to: "secretary"),
                .overdue(.answer), .escalated(from: "secretary", to: "station"),
                .overdue(.resolve), .escalated(from: "station", to: "agency"),
            ]
        )
        var top = late
        top.holder = RequestHolder(tier: "county")
        top.overdue = [.accept]
        #expect(workflow.supervise(top, at: at(hours: 48)).happened == [.overdue(.answer), .overdue(.resolve)])
    }

    @Test func reopeningIsWithinFiveDaysOfClosingAndPastTheLimitGoesToTheCounty() throws {
        var request = try filed()
        let (closed, _) = try run(request, [(.accept, liaison, 1), (.answer, liaison, 2), (.close, liaison, 3)])
        // 5 days after closing is the last moment; a minute more is too late.
        #expect(try workflow.apply(.reopen, to: closed, by: .resident, at: at(hours: 3 + 120)).request.reopenings == 1)
        let late = try #require(
            #expect(throws: InputError.self) {
                try workflow.apply(.reopen, to: closed, by: .resident, at: at(hours: 3 + 120 + 1 / 60))
            }
        )
        #expect(late.message(in: .zhHans).contains("办结后 5 天内的重办"))
        // 不满意 after the window is recorded as a rating and reopens nothing.
        let (rated, happened) = try workflow.apply(.rate(.dissatisfied), to: closed, by: .resident, at: at(hours: 200))
        #expect(happened == [.rated(.dissatisfied)] && rated.state == .closed)

        // Two reopenings stay with the holder; the third goes to the county's team.
        request = closed
        var hours = 10.0
        for count in 1...3 {
            let (reopened, happened) = try workflow.apply(.reopen, to: request, by: .resident, at: at(hours: hours))
            if count <= 2 {
                #expect(happened == [.reopened(count: count, tier: "liaison")])
                (request, _) = try run(
                    reopened,
                    [(.accept, liaison, hours + 1), (.answer, liaison, hours + 2), (.close, liaison, hours + 3)]
                )
            } else {
                #expect(happened == [.reopened(count: 3, tier: "county"), .escalated(from: "liaison", to: "county")])
                #expect(reopened.holder == RequestHolder(tier: "county"))
            }
            hours += 10
        }
    }

    @Test func timeLimitsAreWrittenInMinutesHoursOrDays() throws {
        #expect(
            TimeLimit("30m")?.minutes == 30 && TimeLimit("2h")?.minutes == 120 && TimeLimit(" 7d ")?.minutes == 10_080
        )
        for bad in ["", "h", "0h", "-2h", "2w", "2.5h", "七天"] { #expect(TimeLimit(bad) == nil, "\(bad)") }
        #expect(TimeLimit.hours(48).description == "2d" && TimeLimit.minutes(90).description == "90m")
        #expect(TimeLimit.hours(2).label(in: .zhHans) == "2 小时")
        let json = try JSONEncoder().encode(RequestPolicy.shipped)
        #expect(try JSONDecoder().decode(RequestPolicy.self, from: json) == .shipped)
    }

    @Test func randomStepsByRandomPeopleAlwaysLeaveAValidRequest() throws {
        var generator = SplitMix64(seed: 26)
        let people: [RequestActor] = [
            .resident, liaison, grid, otherGrid, agency,
            .staff(RequestStaff(tier: "secretary", assignee: .account("shuji"))),
            .staff(RequestStaff(tier: "station", assignee: .account("sgz"))),
            .staff(RequestStaff(tier: "county", assignee: .account("county"))),
        ]
        let targets =
            RequestPolicy.shipped.tiers.map { RequestHolder(tier: $0.id) } + [
                RequestHolder(tier: "agency", assignee: .agency("housing")), RequestHolder(tier: "mayor"),
            ]
        var accepted = 0
        var refused = 0
        for run in 0..<400 {
            var request = try filed(["ordinary", "utility", "emergency", "complaint", "dispute"][run % 5])
            var hours = 0.0
            var reopenings = 0
            for _ in 0..<40 {
                hours += Double(Int.random(in: 0...600, using: &generator)) / 60
                let now = at(hours: hours)
                let happened: [RequestHappening]
                if Int.random(in: 0..<6, using: &generator) == 0 {
                    (request, happened) = workflow.supervise(request, at: now)
                } else {
                    let actions: [RequestAction] = [
                        .accept, .start, .answer, .close, .sendBack, .reopen,
                        .transfer(to: targets.randomElement(using: &generator) ?? targets[0]),
                        .rate(RequestRating.allCases.randomElement(using: &generator) ?? .satisfied),
                    ]
                    let action = actions.randomElement(using: &generator) ?? .accept
                    // Half the time, the one whom the step is for: the holder, or the resident.
                    let holder = RequestActor.staff(
                        RequestStaff(tier: request.holder.tier, assignee: request.holder.assignee ?? .account("anyone"))
                    )
                    let fitting: RequestActor =
                        switch action {
                        case .rate, .reopen: .resident
                        default: holder
                        }
                    let actor =
                        Bool.random(using: &generator) ? fitting : people.randomElement(using: &generator) ?? .resident
                    do {
                        (request, happened) = try workflow.apply(action, to: request, by: actor, at: now)
                        accepted += 1
                    } catch {
                        refused += 1
                        continue
                    }
                }
                reopenings += happened.filter { if case .reopened = $0 { true } else { false } }.count
                #expect(RequestPolicy.shipped.tier(request.holder.tier) != nil)
                #expect(request.state != .answered || request.answeredAt != nil)
                #expect(request.state != .closed || (request.closedAt != nil && request.answeredAt != nil))
                #expect(request.routedFrom == nil || request.state == .registered)
                #expect(request.rating == nil || request.state == .closed)
                #expect(request.reopenings == reopenings)
                for limit in request.overdue { #expect(try #require(workflow.due(limit, of: request)) < now) }
            }
        }
        #expect(accepted > 1_500 && refused > 3_000, "both kinds of step were tried: \(accepted), \(refused)")
    }
}
