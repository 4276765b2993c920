import Foundation
import Testing
import YizhanBrands
import YizhanCompliance
import YizhanConfig
import YizhanKernel
import YizhanKernelTesting
import YizhanRuntime

/// A refused request changes nothing at all: every row and event of the store is as it was
/// (issue 21.2), checked on the demo workspace by exporting the whole store before and after.
struct RefusedRequestTests {
    private static let scheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/evaluations/wenzhou-2021.yaml")

    /// 秦山's 2022 mid-term evaluation is scored by hand with both scores at once: a third-party
    /// score past the indicator's points refuses the pair, so the valid self score is not saved
    /// either (before, the self score was committed before the third one was checked).
    @Test func aRefusedThirdPartyScoreLeavesTheSelfScoreUnwritten() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let scheme = try EvaluationFile.load(from: Self.scheme, displayPath: "wenzhou-2021.yaml")
        let indicator = try #require(scheme.allIndicators.first { $0.metric == nil })
        try await built.workspace.withStore { store in
            let work = EvaluationWork(store: store, scheme: scheme, actor: .cli)
            let day = Fixtures.date("2022-07-01")
            let evaluation = try await work.open(station: "qinshan", period: "midTerm", on: day, at: Date())
            let before = try await StoreFingerprint.of(store)
            let refused = await #expect(throws: InputError.self) {
                try await work.score(
                    evaluation: evaluation.id.rawValue,
                    indicator: indicator.id,
                    points: [.selfAssessment: "\(indicator.points - 1)", .thirdParty: "\(indicator.points).25"],
                    note: nil,
                    at: Date()
                )
            }
            #expect(refused?.issues.map(\.field) == ["third-party"])
            #expect(try await StoreFingerprint.of(store) == before)
            #expect(try await store.evaluationScores(of: evaluation.id).isEmpty)

            let scores = try await work.score(
                evaluation: evaluation.id.rawValue,
                indicator: indicator.id,
                points: [.selfAssessment: "\(indicator.points - 1)", .thirdParty: "\(indicator.points)"],
                note: nil,
                at: Date()
            )
            #expect(scores.map(\.assessor) == [.selfAssessment, .thirdParty])
            let events = try await store.events(after: before.lastSequence, limit: 10).map(\.event.type.rawValue)
            #expect(events == ["evaluation.scored", "evaluation.scored"])
        }
    }

    /// Random requests to six use cases, valid and invalid by turns of a seeded generator: every
    /// refused one leaves the store as it was, every accepted one appends its events.
    @Test func randomRequestsChangeTheStoreOnlyWhenAccepted() async throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let built = try await DemoBuilder(recipe: recipe, plugins: BrandCatalog.builtIn).build(into: folder.url)
        let scheme = try EvaluationFile.load(from: Self.scheme, displayPath: "wenzhou-2021.yaml")
        try await built.workspace.withStore { store in
            let station = try #require(try await store.station(try StationID("qinshan")))
            let villages = try await store.orgUnits(within: station.orgUnit).filter { $0.level == .village }
                .map(\.code.description)
            let workers = try await store.workers(of: station.id).map(\.id.rawValue)
            let lines = try await store.budgetLines(in: .station(station.id), year: 2021).map(\.line.id.rawValue)
            let evaluations = EvaluationWork(store: store, scheme: scheme, actor: .cli)
            let evaluation = try await evaluations.open(
                station: "qinshan",
                period: "midTerm",
                on: Fixtures.date("2022-07-01"),
                at: Date()
            )
            let handScored = scheme.allIndicators.filter { $0.metric == nil }.map(\.id)
            var generator = SplitMix64(seed: 21)
            var accepted = 0
            var refused = 0
            for round in 0..<40 {
                let good = generator.uniform(0...2) > 0
                func either(_ valid: String, _ invalid: [String]) -> String {
                    good ? valid : generator.pick(invalid) ?? valid
                }
                let before = try await StoreFingerprint.of(store)
                let worker = generator.pick(workers) ?? ""
                let village = generator.pick(villages) ?? ""
                let day = "2021-\(String(format: "%02d", generator.uniform(1...12)))-\(generator.uniform(10...28))"
                let request: @Sendable () async throws -> Void
                switch round % 6 {
                case 0:
                    let date = either(day, ["2021-02-30", "昨天", ""])
                    request = {
                        _ = try await StaffWork(store: store).log(
                            worker: worker,
                            station: "qinshan",
                            date: date,
                            minutes: good ? 90 : -5,
                            village: village,
                            actor: .cli
                        )
                    }
                case 1:
                    let who = either(worker, ["nobody", "baibu-w1"])
                    request = {
                        _ = try await StaffWork(store: store).train(
                            worker: who,
                            station: "qinshan",
                            date: day,
                            classHours: 4,
                            title: "个案管理实务 \(round)",
                            isExternal: false,
                            actor: .cli
                        )
                    }
                case 2:
                    let name = either("助餐 \(round)", [""])
                    let date = either(day, ["2021-13-01"])
                    request = {
                        _ = try await VolunteerWork(store: store).schedule(
                            station: "qinshan",
                            name: name,
                            date: date,
                            capMinutes: 120,
                            actor: .cli
                        )
                    }
                case 3:
                    let place = either(village, ["330424102201", "33042410"])
                    request = {
                        _ = try await RegisterHousehold(store: store).register(
                            station: "qinshan",
                            village: place,
                            actor: .cli
                        )
                    }
                case 4:
                    let line = generator.pick(lines) ?? ""
                    let amount = either("12.50", ["-5", "12.345", "abc"])
                    request = {
                        _ = try await FundWork(store: store).spend(
                            line: line,
                            amount: amount,
                            date: day,
                            purpose: "活动物资",
                            authorise: nil,
                            actor: .cli
                        )
                    }
                default:
                    let indicator = generator.pick(handScored) ?? ""
                    let third = either("1", ["99", "0.25", "-1"])
                    request = {
                        try await evaluations.score(
                            evaluation: evaluation.id.rawValue,
                            indicator: indicator,
                            points: [.selfAssessment: "1", .thirdParty: third],
                            note: nil,
                            at: Date()
                        )
                    }
                }
                do {
                    try await request()
                    accepted += 1
                    #expect(try await store.lastEventSequence() > before.lastSequence, "round \(round)")
                } catch is InputError {
                    refused += 1
                    let after = try await StoreFingerprint.of(store)
                    #expect(after == before, "round \(round): \(before) → \(after)")
                }
            }
            #expect(accepted > 10 && refused > 5)
        }
    }
}
