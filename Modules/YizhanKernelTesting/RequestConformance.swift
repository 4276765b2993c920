import Foundation
import Synchronization
import Testing
import YizhanKernel

extension StoreConformance {
    static let requestCases: [StoreConformance] = [
        StoreConformance(
            name:
                "random steps by random actors on requests: every refusal changes nothing, every step stores its state",
            body: requestStateMachine
        ),
        StoreConformance(
            name: "of two steps on one request at once, one is taken and the other refused",
            body: requestRace
        ),
        StoreConformance(
            name: "a request's content and notes are sealed for it and never in an event",
            body: requestSealing
        ),
        StoreConformance(
            name: "a dispute's parties are sealed, its rounds stored, and three rounds unsettled send it up",
            body: disputeRounds
        ),
        StoreConformance(
            name: "a resident's own filing gets a tracking code that finds it; wrong codes are throttled",
            body: requestTracking
        ),
    ]

    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let instant: Mutex<Date>
        init(_ start: Date) { instant = Mutex(start) }
        func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
        var clock: WorkClock { WorkClock(now: { [self] in instant.withLock { $0 } }) }
    }

    /// The desk over `store`, with the shipped policy and the fixture vault.
    static func requestDesk(_ store: any StationStore, _ clock: ManualClock) -> RequestDesk {
        RequestDesk(store: store, policy: .shipped, vault: FixtureVault(), clock: clock.clock)
    }

    static func staff(_ tier: String, _ id: String) -> RequestActor {
        .staff(RequestStaff(tier: tier, assignee: .account(id)))
    }

    static func filing(_ category: String, by receiver: RequestActor?, description: String = "路灯坏了三天") -> RequestFiling
    {
        let staff: RequestStaff? = if case .staff(let staff) = receiver { staff } else { nil }
        return RequestFiling(
            station: Fixtures.baibu.id,
            village: Fixtures.baibuVillage,
            category: category,
            channel: staff == nil ? .webForm : .phone,
            receiver: staff,
            description: description,
            parties: category == "dispute" && staff != nil ? "张某与李某(邻里漏水)" : nil
        )
    }

    /// A small deterministic generator (SplitMix64), so that a failing sequence can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static func requestStateMachine(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = ManualClock(Date(millisecondsSince1970: 1_638_316_800_000))  // 2021-12-01 08:00 Shanghai
        let desk = requestDesk(store, clock)
        var random = SeededGenerator(state: 20_211_201)
        let tiers = RequestPolicy.shipped.tiers.map(\.id)
        let actors: [RequestActor] =
            [.resident] + tiers.flatMap { tier in [staff(tier, "a-\(tier)"), staff(tier, "b-\(tier)")] }
        var ids: [RequestID] = []
        for category in ["ordinary", "emergency", "complaint", "dispute"] {
            ids.append(try await desk.file(filing(category, by: nil), in: .all).id)
            ids.append(try await desk.file(filing(category, by: staff("liaison", "a-liaison")), in: .all).id)
        }
        var taken = 0
        var refused = 0
        var kinds: Set<RequestStepKind> = []
        for round in 0..<300 {
            clock.advance(Double(Int.random(in: 0...1_800, using: &random)))
            if round % 40 == 39 {
                let moved = try await desk.supervise(in: .all)
                for step in moved {
                    #expect(step.kind == .supervise && step.actor == .supervision)
                    #expect(try await store.residentRequest(step.request.id) == step.request)
                }
                continue
            }
            let id = try #require(ids.randomElement(using: &random))
            let current = try #require(try await store.residentRequest(id))
            let rating = [RequestRating.satisfied, .basicallySatisfied, .dissatisfied].randomElement(using: &random)
            let anyAction: RequestAction =
                switch Int.random(in: 0..<9, using: &random) {
                case 0: .accept
                case 1: .start
                case 2:
                    Bool.random(using: &random)
                        ? .transfer(to: RequestHolder(tier: tiers.randomElement(using: &random) ?? "station"))
                        : .mediate(day: clock.clock.today, result: Bool.random(using: &random) ? .settled : .unsettled)
                case 3: .sendBack
                case 4: .answer
                case 5: .close
                case 6: .rate(rating ?? .satisfied)
                case 7: .reopen
                default: .accept
                }
            // Half the time the one who can move it on (the holder, or the resident once it is
            // closed) takes the step its state calls for, so that the walk gets past the first steps;
            // otherwise anyone tries anything.
            let holder = RequestActor.staff(
                RequestStaff(
                    tier: current.holder.tier,
                    assignee: current.holder.assignee ?? .account("a-\(current.holder.tier)")
                )
            )
            let natural: (RequestAction, RequestActor) =
                switch current.state {
                case .registered:
                    (current.routedFrom != nil && Bool.random(using: &random) ? .sendBack : .accept, holder)
                case .accepted where current.dispute != nil && Bool.random(using: &random):
                    (
                        .mediate(day: clock.clock.today, result: Bool.random(using: &random) ? .settled : .unsettled),
                        holder
                    )
                case .accepted:
                    Int.random(in: 0..<3, using: &random) == 0
                        ? (.transfer(to: RequestHolder(tier: tiers.randomElement(using: &random) ?? "station")), holder)
                        : (.start, holder)
                case .inProgress: (.answer, holder)
                case .answered: (.close, holder)
                case .closed: (current.rating == nil ? .rate(rating ?? .satisfied) : .reopen, .resident)
                }
            let (action, chosen) =
                Bool.random(using: &random)
                ? natural : (anyAction, try #require(actors.randomElement(using: &random)))
            let before = try await StoreFingerprint.of(store)
            do {
                let step = try await desk.act(action, on: id, by: chosen, note: "第 \(round) 步的说明", in: .all)
                taken += 1
                kinds.insert(step.kind)
                let stored = try #require(try await store.residentRequest(id))
                #expect(stored == step.request)
                #expect(stored.version == current.version + 1)
                let history = try await store.requestSteps(id)
                #expect(history.count == stored.version)
                #expect(history.map(\.position) == Array(0..<stored.version))
                #expect(history.last == step)
                // Every state it is left in is one the workflow can stand behind.
                #expect(![.accepted, .inProgress, .answered].contains(stored.state) || stored.acceptedAt != nil)
                #expect((stored.state == .closed) == (stored.closedAt != nil))
                #expect(stored.state != .answered || stored.answeredAt != nil)
                #expect(RequestPolicy.shipped.tier(stored.holder.tier) != nil)
            } catch let error as InputError {
                refused += 1
                #expect(
                    error.issues.first.map { [.conflict, .unknownReference].contains($0.code) } == true,
                    "\(action) by \(chosen): \(error.message(in: .zhHans))"
                )
                #expect(
                    try await StoreFingerprint.of(store) == before,
                    "a refused \(action) by \(chosen) changed the store"
                )
            }
        }
        #expect(taken > 40, "the walk took only \(taken) steps")
        #expect(
            kinds.isSuperset(of: [.accept, .start, .transfer, .sendBack, .answer, .close, .rate, .reopen]),
            "steps taken: \(kinds)"
        )
        #expect(refused > 40, "the walk was refused only \(refused) times")

        // Each request's events are its history, one or more per step, in order.
        let events = try await store.events(after: .start, limit: 10_000).map(\.event)
            .filter { $0.type.rawValue.hasPrefix("request.") }
        #expect(events.filter { $0.type == .requestFiled }.count == ids.count)
        #expect(events.allSatisfy { !$0.payload.contains("说明") && !$0.payload.contains("路灯") })
        let open = try await store.residentRequests(in: .all, states: [.registered, .accepted, .inProgress, .answered])
        let closed = try await store.residentRequests(in: .all, states: [.closed])
        #expect(open.count + closed.count == ids.count)
        #expect(try await store.residentRequests(in: .station(Fixtures.ganpu.id), states: nil).isEmpty)
        #expect(try await store.residentRequests(in: .within(Fixtures.haiyan), states: nil).count == ids.count)
        #expect(try await store.residentRequests(in: .all, states: []).isEmpty)
    }

    private static func requestRace(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = ManualClock(Date(millisecondsSince1970: 1_638_316_800_000))
        let desk = requestDesk(store, clock)
        let liaison = staff("liaison", "a-liaison")
        for _ in 0..<5 {
            let filed = try await desk.file(filing("ordinary", by: liaison), in: .all)
            async let accepting = attempt { try await desk.act(.accept, on: filed.id, by: liaison, in: .all) }
            async let transferring = attempt {
                try await desk.act(
                    .transfer(to: RequestHolder(tier: "gridWorker")),
                    on: filed.id,
                    by: liaison,
                    in: .all
                )
            }
            let results = [await accepting, await transferring]
            let succeeded = results.filter { if case .success = $0 { true } else { false } }
            #expect(succeeded.count == 1 || succeeded.count == 2)
            let history = try await store.requestSteps(filed.id)
            let stored = try #require(try await store.residentRequest(filed.id))
            // Whatever the interleaving, the stored request is the last step's and the history has no gap.
            #expect(history.count == stored.version)
            #expect(history.last?.request == stored)
            #expect(history.count == 1 + succeeded.count)
            for case .failure(let error) in results {
                #expect((error as? InputError)?.issues.first?.code == .conflict)
            }
        }
    }

    private static func attempt(
        _ body: @Sendable () async throws -> RequestStep
    ) async -> Result<RequestStep, any Error> {
        do { return .success(try await body()) } catch { return .failure(error) }
    }

    private static func requestSealing(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = ManualClock(Date(millisecondsSince1970: 1_638_316_800_000))
        let desk = requestDesk(store, clock)
        var form = filing("ordinary", by: nil, description: "楼道里的灯坏了,王阿姨摔了一跤")
        form.contact = PersonalData(name: "王秀英", phone: try PhoneNumber("13812345678"))
        form.anonymous = true
        let filed = try await desk.file(form, in: .all)
        let liaison = staff("liaison", "a-liaison")
        _ = try await desk.act(.accept, on: filed.id, by: liaison, in: .all)
        _ = try await desk.act(.answer, on: filed.id, by: liaison, note: "已联系物业,明天修好;回电 13812345678", in: .all)

        let vault = FixtureVault()
        let owner = PersonalDataOwner.request(filed.id)
        let content = try #require(try await store.requestContent(filed.id))
        #expect(try vault.open(text: content.description, for: owner, field: "description") == form.description)
        #expect(try vault.open(#require(content.contact), for: owner) == form.contact)
        #expect(!content.description.contains("王阿姨"))
        // Sealed for this request and this field only.
        #expect(throws: (any Error).self) {
            try vault.open(text: content.description, for: .request(.generate()), field: "description")
        }
        #expect(throws: (any Error).self) { try vault.open(text: content.description, for: owner, field: "note") }
        let steps = try await store.requestSteps(filed.id)
        let note = try #require(steps.last?.note)
        #expect(try vault.open(text: note, for: owner, field: "note") == "已联系物业,明天修好;回电 13812345678")
        #expect(steps.first?.content == nil, "the history does not repeat the content")

        // No event, and no step's stored state, carries what anybody wrote or who they are.
        let events = try await store.events(after: .start, limit: 1_000).map(\.event)
        for text in ["王秀英", "13812345678", "5678", "楼道", "物业"] {
            #expect(events.allSatisfy { !$0.payload.contains(text) }, "an event carries \(text)")
            #expect(steps.allSatisfy { !$0.request.storedJSON.contains(text) })
        }
        #expect(
            events.filter { $0.type.rawValue.hasPrefix("request.") }.map(\.type) == [
                .requestFiled, .requestAccepted, .requestAnswered,
            ]
        )
        #expect(events.last?.payload.contains("\"hasNote\":true") == true)

        // A snapshot (yizhan db copy, backups' checks) carries every step in order, the filing with
        // the sealed content, so that replaying it rebuilds the request exactly.
        var exported: [RequestStep] = []
        try await store.exportSnapshot(batchSize: 2) { batch in
            guard case .rows(let rows) = batch else { return }
            for case .requestStep(let step) in rows { exported.append(step) }
        }
        var withContent = steps
        withContent[0].content = content
        #expect(exported == withContent)
        #expect(exported.last?.request == (try await store.residentRequest(filed.id)))

        // Refusals of bad filings change nothing.
        let before = try await StoreFingerprint.of(store)
        var blank = form
        blank.description = "  \n "
        var unknown = form
        unknown.category = "noSuchCategory"
        var outside = form
        outside.village = Fixtures.code("330424104201")
        var long = form
        long.description = String(repeating: "长", count: RequestDesk.textLimit + 1)
        var unreceived = form
        unreceived.channel = .visit
        for (bad, field) in [
            (blank, "description"), (unknown, "category"), (outside, "village"), (long, "description"),
            (unreceived, "receiver"),
        ] {
            let error = await #expect(throws: InputError.self) { try await desk.file(bad, in: .all) }
            #expect(error?.issues.first?.field == field)
        }
        let elsewhere = await #expect(throws: InputError.self) {
            try await desk.file(form, in: .station(Fixtures.ganpu.id))
        }
        #expect(elsewhere?.issues.first?.field == "station")
        let hidden = await #expect(throws: InputError.self) {
            try await desk.act(.accept, on: filed.id, by: liaison, in: .station(Fixtures.ganpu.id))
        }
        #expect(hidden?.issues.first?.field == "request")
        #expect(try await StoreFingerprint.of(store) == before)
    }

    private static func disputeRounds(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = ManualClock(Date(millisecondsSince1970: 1_638_316_800_000))  // 2021-12-01 08:00 Shanghai
        let desk = requestDesk(store, clock)
        let liaison = staff("liaison", "a-liaison")
        var form = filing("dispute", by: liaison, description: "楼上卫生间漏水到楼下")
        form.parties = "张建国与李卫东(楼上楼下)"
        form.method = .negotiation
        let filed = try await desk.file(form, in: .all)
        #expect(filed.dispute?.method == .negotiation && filed.dispute?.owner == .account("a-liaison"))
        _ = try await desk.act(.accept, on: filed.id, by: liaison, in: .all)
        let day = clock.clock.today
        for round in 1...3 {
            clock.advance(3_600)
            let step = try await desk.act(
                .mediate(day: day, result: .unsettled),
                on: filed.id,
                by: liaison,
                note: "第 \(round) 轮:张建国不同意赔偿",
                in: .all
            )
            #expect(step.kind == .mediate && step.request.dispute?.rounds.count == round)
        }
        let stored = try #require(try await store.residentRequest(filed.id))
        #expect(stored.holder == RequestHolder(tier: "county") && stored.dispute?.referredUp == true)
        // Referred up, the liaison cannot mediate on: the refusal changes nothing.
        let before = try await StoreFingerprint.of(store)
        await #expect(throws: InputError.self) {
            try await desk.act(.settle(day: day), on: filed.id, by: liaison, in: .all)
        }
        #expect(try await StoreFingerprint.of(store) == before)

        // The parties are sealed on the filing and open for this request only; no event carries them.
        let steps = try await store.requestSteps(filed.id)
        #expect(steps.map(\.kind) == [.file, .accept, .mediate, .mediate, .mediate])
        let vault = FixtureVault()
        let sealed = try #require(steps.first?.note)
        #expect(try vault.open(text: sealed, for: .request(filed.id), field: "note") == form.parties)
        let events = try await store.events(after: .start, limit: 1_000).map(\.event)
        for text in ["张建国", "李卫东", "漏水", "赔偿"] {
            #expect(events.allSatisfy { !$0.payload.contains(text) }, "an event carries \(text)")
            #expect(steps.allSatisfy { !$0.request.storedJSON.contains(text) })
        }
        #expect(
            events.map(\.type).filter { $0.rawValue.hasPrefix("dispute.") } == [
                .disputeMediated, .disputeMediated, .disputeMediated, .disputeReferred,
            ]
        )
        #expect(events.last?.type == .requestEscalated)
        let revealed = try await desk.reveal(
            filed.id,
            in: .all,
            purpose: .submission,
            actor: Actor(rawValue: "cli:test")
        )
        #expect(revealed.parties == form.parties && revealed.notes[4] == "第 3 轮:张建国不同意赔偿")
        #expect(revealed.notes[0] == nil, "the parties are not among the notes")
        let reveal = try #require(try await store.events(after: .start, limit: 1_000).last?.event)
        #expect(reveal.type == .personalDataRevealed && reveal.payload.contains("\"parties\""))
        #expect(!reveal.payload.contains("张建国"))

        // Parties and a method are for disputes only; staff name the parties of one they file.
        var notDispute = form
        notDispute.category = "ordinary"
        var unnamed = form
        unnamed.parties = nil
        let unchanged = try await StoreFingerprint.of(store)
        for (bad, field) in [(notDispute, "parties"), (unnamed, "parties")] {
            let error = await #expect(throws: InputError.self) { try await desk.file(bad, in: .all) }
            #expect(error?.issues.first?.field == field)
        }
        #expect(try await StoreFingerprint.of(store) == unchanged)
    }

    private static func requestTracking(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let clock = ManualClock(Date(millisecondsSince1970: 1_638_316_800_000))
        let desk = requestDesk(store, clock)
        var form = filing("ordinary", by: nil, description: "小区门口的井盖松了")
        form.contact = PersonalData(name: "王秀英", phone: try PhoneNumber("13812345678"))
        // The notice accepted is the consent; without it nothing is written.
        let before = try await StoreFingerprint.of(store)
        let unconsented = await #expect(throws: InputError.self) {
            try await desk.fileByResident(form, notice: " ", in: .all)
        }
        #expect(unconsented?.issues.first?.field == "consent")
        var staffed = filing("ordinary", by: staff("liaison", "a-liaison"))
        staffed.channel = .phone
        await #expect(throws: InputError.self) { try await desk.fileByResident(staffed, notice: "2026-12", in: .all) }
        #expect(try await StoreFingerprint.of(store) == before)

        let (filed, code) = try await desk.fileByResident(form, notice: "2026-12", in: .all)
        #expect(filed.consentNotice == "2026-12" && filed.holder.tier == "liaison")
        let content = try #require(try await store.requestContent(filed.id))
        #expect(content.trackingDigest == FixtureVault().trackingDigest(of: code))
        #expect(
            !(try await store.events(after: .start, limit: 1_000)).contains { $0.event.payload.contains(code.rawValue) }
        )
        let liaison = staff("liaison", "a-liaison")
        _ = try await desk.act(.accept, on: filed.id, by: liaison, in: .all)
        _ = try await desk.act(.answer, on: filed.id, by: liaison, note: "已通知物业今天加固", in: .all)

        // The code as typed (lower case, without dashes) and the phone's last four find it, with the
        // answer given; a wrong last four is the same answer as a wrong code.
        let typed = code.description.lowercased().replacingOccurrences(of: "-", with: " ")
        guard
            case .found(let found, let station, let answers) = try await desk.track(
                typed,
                phoneLastFour: "5678",
                addressDigest: "addr-1",
                home: Fixtures.haiyan
            )
        else {
            Issue.record("the code did not find the request")
            return
        }
        #expect(found.id == filed.id && found.state == .answered && station.id == Fixtures.baibu.id)
        #expect(answers.map(\.text) == ["已通知物业今天加固"])
        /// What tracking `typed` with `four` from `address` came to, in a word.
        func outcome(_ typed: String, _ four: String?, from address: String) async throws -> String {
            switch try await desk.track(typed, phoneLastFour: four, addressDigest: address, home: Fixtures.haiyan) {
            case .found: "found"
            case .notFound: "notFound"
            case .throttled(let retryAfter): retryAfter > clock.clock.now() ? "throttled" : "throttled in the past"
            }
        }
        #expect(try await outcome(code.description, "1234", from: "addr-1") == "notFound", "a wrong last four")
        // Ten wrong tries from one address in 15 minutes, then nothing is tried, not even the right
        // code; another address is not held up; each wrong try is an auth.failed naming no request.
        for attempt in 1..<RequestDesk.trackAttempts {
            #expect(try await outcome("2222-2222-222\(attempt % 8 + 2)", nil, from: "addr-1") == "notFound")
        }
        #expect(try await outcome(code.description, "5678", from: "addr-1") == "throttled")
        #expect(try await outcome(code.description, "5678", from: "addr-2") == "found")
        let failures = try await store.events(after: .start, limit: 1_000).map(\.event).filter {
            $0.type == .authFailed
        }
        #expect(failures.count == RequestDesk.trackAttempts)
        #expect(
            failures.allSatisfy { $0.payload.contains("wrongTrackingCode") && !$0.payload.contains(filed.id.rawValue) }
        )
        clock.advance(RequestDesk.trackWindow + 1)
        #expect(try await outcome(code.description, "5678", from: "addr-1") == "found", "after the window")

        // Staff find it by the code a resident reads out, within their scope only.
        #expect(try await desk.request(trackedBy: code, in: .station(Fixtures.baibu.id)).id == filed.id)
        let elsewhere = await #expect(throws: InputError.self) {
            try await desk.request(trackedBy: code, in: .station(Fixtures.ganpu.id))
        }
        #expect(elsewhere?.issues.first?.field == "request")

        // A snapshot carries the digest, so a copied database still finds the request by its code.
        var exported: SealedRequestContent?
        try await store.exportSnapshot(batchSize: 10) { batch in
            guard case .rows(let rows) = batch else { return }
            for case .requestStep(let step) in rows where step.position == 0 { exported = step.content }
        }
        #expect(exported?.trackingDigest == content.trackingDigest)
    }
}
