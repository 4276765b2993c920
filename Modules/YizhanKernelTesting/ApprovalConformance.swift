import Foundation
import Testing
import YizhanApproval
public import YizhanKernel

extension StoreConformance {
    static let approvalCases: [StoreConformance] = [
        StoreConformance(
            name: "approval steps follow the state machine for each level; every refusal changes nothing",
            body: approvalStateMachine
        ),
        StoreConformance(
            name: "of an approve and a return of one period at once, one is taken and the other refused",
            body: approvalRace
        ),
        StoreConformance(
            name: "a submitted period refuses every dated write: records, imports, gifts, expenses, revisions",
            body: approvalLocks
        ),
    ]

    /// A month workflow rising to the city, as Haiyan's year report does (the server's tests use it too).
    public static let monthWorkflow = ApprovalWorkflow(
        id: "test-month",
        name: "月度台账",
        covers: [.services, .donations, .expenses],
        periodType: .month,
        levels: [.station, .county, .city],
        deadline: ApprovalDeadline(day: 5),
        approveWithinDays: 5
    )

    /// A principal holding one grant.
    static func principal(_ name: String, _ role: Role, _ scope: Scope) -> Principal {
        Principal(actor: Actor(rawValue: "user:\(name)"), user: nil, grants: [Grant(role: role, scope: scope)])
    }

    static let head = principal("head", .stationHead, .station(Fixtures.baibu.id))
    static let worker = principal("worker", .socialWorker, .station(Fixtures.baibu.id))
    static let county = principal("county", .countyAdmin, .within(Fixtures.haiyan))
    static let city = principal("city", .countyAdmin, .within(Fixtures.code("3304")))
    static let otherCounty = principal("other", .countyAdmin, .within(Fixtures.code("330481")))

    /// The error `body` throws, as `Failure`; an issue at `sourceLocation` when it throws nothing or another.
    static func thrown<Failure: Error>(
        _: Failure.Type,
        at sourceLocation: SourceLocation,
        _ body: () async throws -> Void
    ) async -> Failure? {
        do {
            try await body()
            Issue.record("expected \(Failure.self), nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as Failure {
            return error
        } catch {
            Issue.record("expected \(Failure.self), got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }

    /// The use cases on `store`, on 2 December 2021.
    static func approvalWork(_ store: any StationStore) -> ApprovalWork {
        ApprovalWork(
            store: store,
            workflows: [monthWorkflow],
            home: Fixtures.haiyan,
            clock: WorkClock(today: Fixtures.date("2021-12-02"))
        )
    }

    private static func approvalStateMachine(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording([Fixtures.record("nov-1", date: "2021-11-10", minutes: 90)]))
        let work = approvalWork(store)
        let november = try ApprovalPeriod(parsing: "2021-11", type: .month)
        func take(_ action: ApprovalAction, _ by: Principal, reason: String? = nil) async throws -> ApprovalStep {
            try await work.take(
                action,
                workflow: monthWorkflow,
                period: november,
                station: "baibu",
                reason: reason,
                by: by
            )
        }
        /// A refused step leaves the store exactly as it was.
        func refused(
            _ action: ApprovalAction,
            _ by: Principal,
            reason: String? = nil,
            _ expected: ApprovalError,
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let before = try await StoreFingerprint.of(store)
            let error = await thrown(ApprovalError.self, at: sourceLocation) {
                _ = try await take(action, by, reason: reason)
            }
            #expect(error == expected, sourceLocation: sourceLocation)
            #expect(try await StoreFingerprint.of(store) == before, sourceLocation: sourceLocation)
        }
        func state() async throws -> ApprovalState? {
            let found = try await store.approval(
                workflow: monthWorkflow.id,
                period: november,
                station: Fixtures.baibu.id
            )
            return found?.state
        }

        // Open: only the station's head submits.
        try await refused(.approve, county, .notAllowed(.approve, state: .open, allowed: [.submit]))
        try await refused(.submit, worker, .wrongLevel(.submit, needs: .station))
        try await refused(.submit, county, .wrongLevel(.submit, needs: .station))
        let outside = await #expect(throws: AccessRefusal.self) { try await take(.submit, otherCounty) }
        #expect(outside?.kind == "station")
        #expect(try await state() == nil)
        let submitted = try await take(.submit, head)
        #expect(submitted.position == 0 && submitted.from == .open && submitted.to == .submitted)
        #expect(submitted.level == .station && submitted.digest.count == 64)
        #expect(try await state() == .submitted)

        // Submitted: the county approves or returns with a reason; the city waits.
        try await refused(.return, county, .reasonRequired(.return))
        try await refused(.return, county, reason: "  ", .reasonRequired(.return))
        try await refused(.accept, city, .notAllowed(.accept, state: .submitted, allowed: [.approve, .return]))
        try await refused(.approve, head, .wrongLevel(.approve, needs: .county))
        try await refused(.approve, city, .wrongLevel(.approve, needs: .county))
        let returned = try await take(.return, county, reason: "11 月 10 日的走访时长有误,请更正")
        #expect(returned.to == .open && returned.position == 1)
        #expect(try await state() == .open)
        _ = try await take(.submit, head)
        _ = try await take(.approve, county)

        // Approved: the county may unapprove; the city accepts or returns.
        try await refused(.return, county, reason: "x", .wrongLevel(.return, needs: .city))
        try await refused(.accept, county, .wrongLevel(.accept, needs: .city))
        _ = try await take(.unapprove, county)
        #expect(try await state() == .submitted)
        _ = try await take(.approve, county)
        let accepted = try await take(.accept, city)
        #expect(accepted.level == .city && accepted.to == .accepted)

        // Accepted: only the city reopens, with a reason; the county can no longer unapprove.
        try await refused(.unapprove, county, .notAllowed(.unapprove, state: .accepted, allowed: [.reopen]))
        try await refused(.reopen, county, reason: "x", .wrongLevel(.reopen, needs: .city))
        try await refused(.reopen, city, .reasonRequired(.reopen))
        _ = try await take(.reopen, city, reason: "市级抽查发现重复记录")
        #expect(try await state() == .open)

        // The history keeps every step and its reason; the events carry no reason text.
        let history = try await work.history(of: monthWorkflow, period: november, station: "baibu", by: county)
        #expect(
            history.map(\.action) == [.submit, .return, .submit, .approve, .unapprove, .approve, .accept, .reopen]
        )
        #expect(history.map(\.position) == Array(0..<8))
        #expect(history[1].reason == "11 月 10 日的走访时长有误,请更正")
        #expect(history[1].actor.rawValue == "user:county")
        let events = try await store.events(after: .start, limit: 1_000).map(\.event)
        let steps = events.filter { $0.type.rawValue.hasPrefix("approval.") }
        #expect(
            steps.map(\.type) == [
                .approvalSubmitted, .approvalReturned, .approvalSubmitted, .approvalApproved, .approvalUnapproved,
                .approvalApproved, .approvalAccepted, .approvalReopened,
            ]
        )
        #expect(steps.allSatisfy { !$0.payload.contains("更正") && !$0.payload.contains("重复") })
        #expect(steps[1].payload.contains("\"hasReason\":true"))
        #expect(steps[0].payload.contains("\"digest\":\"\(submitted.digest)\""))
        #expect(events.filter { $0.type == .accessDenied }.count == 1)

        // The status lists the stations each principal may read, with the steps they may take.
        let forCounty = try await work.status(of: monthWorkflow, period: november, by: county)
        #expect(forCounty.map(\.station.id.rawValue) == ["baibu", "ganpu"])
        #expect(forCounty.map(\.approval.state) == [.open, .open])
        #expect(forCounty.map(\.actions) == [[], []])
        #expect(forCounty.allSatisfy(\.isOverdue) == false)
        let forHead = try await work.status(of: monthWorkflow, period: november, by: head)
        #expect(forHead.map(\.actions) == [[.submit]])

        // A snapshot carries the steps after every row they lock, in order.
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 3) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        let exported = copied.compactMap { write -> ApprovalStep? in
            if case .approvalStep(let step) = write { step } else { nil }
        }
        #expect(exported == history)
        #expect(copied.suffix(8).allSatisfy { $0.kind == "approvalStep" })
    }

    private static func approvalRace(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let work = approvalWork(store)
        let november = try ApprovalPeriod(parsing: "2021-11", type: .month)
        try await work.take(.submit, workflow: monthWorkflow, period: november, station: "baibu", reason: nil, by: head)
        let approve = Task {
            try await work.take(
                .approve,
                workflow: monthWorkflow,
                period: november,
                station: "baibu",
                reason: nil,
                by: county
            )
        }
        let giveBack = Task {
            try await work.take(
                .return,
                workflow: monthWorkflow,
                period: november,
                station: "baibu",
                reason: "缺少 11 月的培训记录",
                by: county
            )
        }
        let outcomes = [await approve.result, await giveBack.result]
        let taken = outcomes.compactMap { try? $0.get() }
        #expect(taken.count == 1)
        for case .failure(let error) in outcomes {
            // Refused either when it read the state (now approved or open) or when it wrote.
            let refusal = error as? ApprovalError
            switch refusal {
            case .movedOn?, .notAllowed?: break
            default: Issue.record("unexpected refusal: \(error)")
            }
        }
        let history = try await store.approvalSteps(
            workflow: monthWorkflow.id,
            period: november,
            station: Fixtures.baibu.id
        )
        #expect(history.count == 2)
        #expect(history.last == taken.first)
        let state = try await store.approval(workflow: monthWorkflow.id, period: november, station: Fixtures.baibu.id)
        #expect(state?.state == taken.first?.to && state?.version == 2)
    }

    private static func approvalLocks(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let line = BudgetLine(
            id: Fixtures.id("line-2021"),
            station: Fixtures.baibu.id,
            year: 2021,
            category: .operation,
            source: .countyFinance,
            name: "运营经费",
            amount: Fen(10_000_000)
        )
        let gift = Donation(
            id: Fixtures.id("gift-nov"),
            station: Fixtures.baibu.id,
            donorKind: .enterprise,
            donorName: "示例企业",
            amount: Fen(50_000),
            receivedOn: Fixtures.date("2021-11-03")
        )
        let expense = Expense(
            id: Fixtures.id("exp-nov"),
            line: line.id,
            amount: Fen(20_000),
            spentOn: Fixtures.date("2021-11-04"),
            purpose: "活动物资"
        )
        let record = Fixtures.record("nov-1", date: "2021-11-10")
        var setup = Fixtures.recording([record])
        setup.writes += [.budgetLine(line), .donation(gift), .expense(expense)]
        try await store.commit(setup)
        let november = try ApprovalPeriod(parsing: "2021-11", type: .month)
        try await approvalWork(store).take(
            .submit,
            workflow: monthWorkflow,
            period: november,
            station: "baibu",
            reason: nil,
            by: head
        )
        let event = DomainEvent.serviceRecorded(record, at: Fixtures.baibu, actor: .cli, at: Date())
        /// A write into November breaks with the lock's error and leaves the store as it was.
        func locked(
            _ data: ApprovedData,
            on day: String,
            sourceLocation: SourceLocation = #_sourceLocation,
            _ write: () async throws -> Void
        ) async throws {
            let before = try await StoreFingerprint.of(store)
            let error = await thrown(PeriodLockedError.self, at: sourceLocation) { try await write() }
            #expect(error?.data == data && error?.day == Fixtures.date(day), sourceLocation: sourceLocation)
            #expect(error?.approval.state == .submitted && error?.approval.period == november)
            #expect(error?.approval.lastActor?.rawValue == "user:head")
            #expect(try await StoreFingerprint.of(store) == before, sourceLocation: sourceLocation)
        }

        try await locked(.services, on: "2021-11-30") {
            try await store.commit(Fixtures.recording([Fixtures.record("nov-2", date: "2021-11-30")]))
        }
        try await locked(.services, on: "2021-11-01") {
            _ = try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) { _, sink in
                _ = try sink.insert(Fixtures.record("dec-1", date: "2021-12-01"))
                _ = try sink.insert(Fixtures.record("nov-3", date: "2021-11-01"))
                return ([event], 0)
            }
        }
        var moved = record
        moved.date = Fixtures.date("2021-12-01")
        try await locked(.services, on: "2021-11-10") {
            try await store.commit(
                ChangeSet(
                    writes: [
                        .serviceRevision(
                            ServiceRevision(
                                record: record.id,
                                version: 2,
                                change: .corrected,
                                previous: record,
                                current: moved,
                                reason: "日期有误",
                                revisedAt: Date(),
                                actor: .cli
                            )
                        )
                    ],
                    events: [event]
                )
            )
        }
        var late = gift
        late.id = Fixtures.id("gift-nov-2")
        try await locked(.donations, on: "2021-11-03") {
            try await store.commit(ChangeSet(writes: [.donation(late)], events: [event]))
        }
        var smaller = gift
        smaller.amount = Fen(40_000)
        try await locked(.donations, on: "2021-11-03") {
            _ = try await store.reviseDonation(
                EntryRevision(
                    version: 2,
                    change: .corrected,
                    previous: gift,
                    current: smaller,
                    reason: "金额有误",
                    revisedAt: Date(),
                    actor: .cli
                ),
                events: { _ in [event] }
            )
        }
        var another = expense
        another.id = Fixtures.id("exp-nov-2")
        try await locked(.expenses, on: "2021-11-04") {
            _ = try await store.bookExpense(another, authorised: true, events: { _ in [event] })
        }
        try await locked(.expenses, on: "2021-11-04") {
            _ = try await store.reviseExpense(
                EntryRevision(
                    version: 2,
                    change: .voided,
                    previous: expense,
                    current: nil,
                    reason: "重复",
                    revisedAt: Date(),
                    actor: .cli
                ),
                authorised: true,
                events: { _ in [event] }
            )
        }

        // Outside the period, and at another station, writes go on.
        try await store.commit(
            Fixtures.recording([
                Fixtures.record("dec-2", date: "2021-12-01"), Fixtures.record("oct-1", date: "2021-10-31"),
                Fixtures.record("ganpu-nov", station: Fixtures.ganpu, date: "2021-11-10"),
            ])
        )
        #expect(try await store.serviceRecords(ServiceRecordQuery()).count == 4)
    }
}
