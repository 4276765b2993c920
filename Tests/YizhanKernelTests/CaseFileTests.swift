import Testing
import YizhanKernel

struct CaseFileTests {
    let worker = try? WorkerID("baibu-w3")

    func openCase(on date: String = "2021-03-01") throws -> CaseFile {
        CaseFile(
            id: try CaseID("case-1"),
            station: try StationID("baibu"),
            client: try ClientID("c1"),
            openedOn: try CivilDate(parsing: date),
            by: try #require(worker)
        )
    }

    /// Every pair of stages: the move is allowed exactly when the stage machine lists it.
    @Test(arguments: CaseStage.allCases)
    func allowsExactlyTheListedMoves(from start: CaseStage) throws {
        let path: [CaseStage] = [.intake, .assessment, .plan, .intervention, .evaluation, .closed]
        for target in CaseStage.allCases {
            var file = try openCase()
            // Walk the main path to `start` (or take the one step to a side exit).
            if let index = path.firstIndex(of: start) {
                for stage in path.prefix(index + 1).dropFirst() {
                    try file.move(to: stage, on: try CivilDate(parsing: "2021-03-02"), by: try #require(worker))
                }
            } else {
                try file.move(to: start, on: try CivilDate(parsing: "2021-03-02"), by: try #require(worker))
            }
            let allowed = start.next.contains(target)
            let day = try CivilDate(parsing: "2021-03-03")
            let owner = try #require(worker)
            do {
                try file.move(to: target, on: day, by: owner)
                #expect(allowed, "\(start) → \(target) was accepted")
                #expect(file.stage == target)
            } catch {
                #expect(!allowed, "\(start) → \(target) was refused: \(error.message(in: .en))")
                #expect(file.stage == start)
            }
        }
    }

    @Test func explainsARefusedMoveInChinese() throws {
        var file = try openCase()
        let error = #expect(throws: CaseTransitionError.self) {
            try file.move(to: .closed, on: try CivilDate(parsing: "2021-03-02"), by: try #require(worker))
        }
        #expect(error?.message(in: .zhHans) == "个案处于接案,不能直接转到结案;可转到:预估、转介、中止")
        try file.move(to: .ended, on: try CivilDate(parsing: "2021-03-02"), by: try #require(worker))
        let final = #expect(throws: CaseTransitionError.self) {
            try file.move(to: .assessment, on: try CivilDate(parsing: "2021-03-03"), by: try #require(worker))
        }
        #expect(final?.message(in: .zhHans) == "个案已中止,不能再转到预估")
        #expect(file.history.map(\.stage) == [.intake, .ended])
    }

    @Test func refusesAMoveDatedBeforeTheCurrentStage() throws {
        var file = try openCase(on: "2021-03-10")
        #expect(throws: CaseTransitionError.self) {
            try file.move(to: .assessment, on: try CivilDate(parsing: "2021-03-09"), by: try #require(worker))
        }
    }

    /// A stage is overdue the day after its limit runs out, never before, and never once closed.
    @Test func detectsOverdueStagesAtTheirLimit() throws {
        var file = try openCase(on: "2021-03-01")
        let limits: [CaseStage: Int] = [.intake: 7, .assessment: 14]
        #expect(!file.isOverdue(on: try CivilDate(parsing: "2021-03-08"), limits: limits))  // day 7
        #expect(file.isOverdue(on: try CivilDate(parsing: "2021-03-09"), limits: limits))  // day 8
        try file.move(to: .assessment, on: try CivilDate(parsing: "2021-03-09"), by: try #require(worker))
        #expect(!file.isOverdue(on: try CivilDate(parsing: "2021-03-23"), limits: limits))
        #expect(file.isOverdue(on: try CivilDate(parsing: "2021-03-24"), limits: limits))
        try file.move(to: .referred, on: try CivilDate(parsing: "2021-03-24"), by: try #require(worker))
        #expect(!file.isOverdue(on: try CivilDate(parsing: "2022-01-01"), limits: limits))
        try #require(file.history.count == 3)
        #expect(file.history[1].since.description == "2021-03-09")
    }
}
