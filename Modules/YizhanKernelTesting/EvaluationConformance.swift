import Foundation
import Testing
import YizhanKernel

extension StoreConformance {
    static let evaluationCases: [StoreConformance] = [
        StoreConformance(
            name: "compliance states upsert; a submitted evaluation is frozen; items and notices go in once",
            body: evaluationsRoundTrip
        )
    ]

    /// One event that stands for whatever the change writes.
    private static func noted(_ evaluation: EvaluationID) -> DomainEvent {
        DomainEvent(
            EvaluationOpened(
                evaluation: evaluation,
                station: Fixtures.baibu.id,
                year: 2021,
                period: .midTerm,
                scheme: "wenzhou-2021"
            ),
            orgUnit: Fixtures.baibu.orgUnit,
            station: Fixtures.baibu.id,
            actor: .cli,
            at: Date()
        )
    }

    private static func evaluationsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let id: EvaluationID = Fixtures.id("eval-1")
        func commit(_ writes: [Write]) async throws {
            try await store.commit(ChangeSet(writes: writes, events: [noted(id)]))
        }

        // The last result of each rule, replaced by the next check.
        var state = ComplianceState(
            standard: "wenzhou-2021",
            subject: Fixtures.baibu.id.rawValue,
            rule: "trainingHours",
            outcome: .fail,
            measured: "30 课时",
            checkedOn: Fixtures.date("2021-06-30")
        )
        try await commit([.complianceState(state)])
        state.outcome = .pass
        state.measured = "41 课时"
        try await commit([.complianceState(state)])
        #expect(try await store.complianceStates(standard: "wenzhou-2021") == [state])
        #expect(try await store.complianceStates(standard: "other").isEmpty)

        // Scores go in and may be changed while the evaluation is open.
        var evaluation = Evaluation(
            id: id,
            station: Fixtures.baibu.id,
            year: 2021,
            period: .midTerm,
            scheme: "wenzhou-2021",
            openedOn: Fixtures.date("2021-07-01")
        )
        try await commit([.evaluation(evaluation)])
        let selfScore = EvaluationScore(
            evaluation: id,
            indicator: "records",
            assessor: .selfAssessment,
            points: Points(9)
        )
        var thirdParty = EvaluationScore(evaluation: id, indicator: "records", assessor: .thirdParty, points: Points(7))
        try await commit([.evaluationScore(selfScore), .evaluationScore(thirdParty)])
        thirdParty.points = Points(tenths: 75)
        thirdParty.note = "档案编号不连续"
        try await commit([.evaluationScore(thirdParty)])
        #expect(try await store.evaluationScores(of: id) == [selfScore, thirdParty])

        // Submitted, it takes no more scores and cannot be submitted twice; nothing of a refused
        // change is kept, its event included.
        evaluation.submittedOn = Fixtures.date("2021-07-20")
        evaluation.selfTotal = Points(9)
        evaluation.thirdPartyTotal = Points(tenths: 75)
        try await commit([.evaluation(evaluation)])
        #expect(try await store.evaluation(id) == evaluation)
        let sequence = try await store.lastEventSequence()
        let late = EvaluationScore(evaluation: id, indicator: "records", assessor: .thirdParty, points: Points(10))
        let frozen = await #expect(throws: StoreError.self) { try await commit([.evaluationScore(late)]) }
        #expect(frozen?.code == .constraintViolation)
        let twice = await #expect(throws: StoreError.self) { try await commit([.evaluation(evaluation)]) }
        #expect(twice?.code == .constraintViolation)
        #expect(try await store.lastEventSequence() == sequence)
        #expect(try await store.evaluationScores(of: id) == [selfScore, thirdParty])
        #expect(try await store.evaluations(in: .within(Fixtures.haiyan), year: 2021) == [evaluation])
        #expect(try await store.evaluations(in: .station(Fixtures.ganpu.id), year: nil).isEmpty)

        // A rectification item is done once.
        var item = Rectification(
            id: Fixtures.id("rect-1"),
            evaluation: id,
            station: Fixtures.baibu.id,
            indicator: "records",
            item: "补齐档案编号",
            owner: Fixtures.workers[0].id,
            raisedOn: Fixtures.date("2021-07-20"),
            dueOn: Fixtures.date("2021-09-30")
        )
        try await commit([.rectification(item)])
        #expect(try await store.rectifications(in: .within(Fixtures.haiyan), openOnly: true) == [item])
        item.doneOn = Fixtures.date("2021-09-01")
        try await commit([.rectification(item)])
        let again = await #expect(throws: StoreError.self) { try await commit([.rectification(item)]) }
        #expect(again?.code == .constraintViolation)
        #expect(try await store.rectification(item.id) == item)
        #expect(try await store.rectifications(in: .within(Fixtures.haiyan), openOnly: true).isEmpty)

        // A reminder goes out once.
        try await commit([.notice(key: "deadline.final|2021|baibu|14", on: Fixtures.date("2021-11-06"))])
        let repeated = await #expect(throws: StoreError.self) {
            try await commit([.notice(key: "deadline.final|2021|baibu|14", on: Fixtures.date("2021-11-07"))])
        }
        #expect(repeated?.code == .constraintViolation)
        #expect(
            try await store.raisedNotices(among: ["deadline.final|2021|baibu|14", "deadline.final|2021|baibu|3"])
                == ["deadline.final|2021|baibu|14"]
        )

        // A snapshot carries the evaluation open, then its scores, then its submission.
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        var open = evaluation
        open.submittedOn = nil
        open.selfTotal = nil
        open.thirdPartyTotal = nil
        let openIndex = copied.firstIndex(of: .evaluation(open)) ?? copied.endIndex
        let scoreIndex = copied.firstIndex(of: .evaluationScore(thirdParty)) ?? -1
        let submittedIndex = copied.firstIndex(of: .evaluation(evaluation)) ?? -1
        #expect(openIndex < scoreIndex && scoreIndex < submittedIndex)
        #expect(copied.contains(.complianceState(state)) && copied.contains(.rectification(item)))
        #expect(copied.contains(.notice(key: "deadline.final|2021|baibu|14", on: Fixtures.date("2021-11-06"))))
    }
}
