import Foundation
import YizhanCompliance
import YizhanConfig
import YizhanKernel

extension DemoBuilder {
    /// Every station's mid-term and final evaluation through `EvaluationWork`, as `yizhan eval`
    /// makes them: opened, each hand-scored indicator given a self and a third-party score, and
    /// submitted (the data-scored ones are computed at submission) — except the finals the recipe
    /// leaves pending. A station whose mid-term third-party total falls below `rectifyBelow` gets a
    /// rectification item, completed a month later.
    static func buildEvaluations(
        _ recipe: DemoFile.EvaluationsYear,
        plan: Plan,
        recipeFolder: URL,
        store: any StationStore,
        using generator: inout SplitMix64
    ) async throws {
        let url = recipeFolder.appendingPathComponent(recipe.scheme).standardized
        let scheme = try EvaluationFile.load(from: url, displayPath: display(url))
        let work = EvaluationWork(store: store, scheme: scheme, actor: .demo)
        let handScored = scheme.allIndicators.filter { $0.metric == nil }
        let periods: [(EvaluationPeriod, CivilDate, CivilDate)] = [
            (.midTerm, recipe.midTermOpened, recipe.midTermSubmitted),
            (.final, recipe.finalOpened, recipe.finalSubmitted),
        ]
        for file in plan.stations {
            let station = file.station.id.rawValue
            for (period, opened, submitted) in periods {
                let id: EvaluationID = .generate(
                    using: &generator,
                    milliseconds: UInt64(instant(of: opened, hour: 9).millisecondsSince1970)
                )
                try await work.open(
                    station: station,
                    period: period.rawValue,
                    on: opened,
                    at: instant(of: opened, hour: 9),
                    id: id
                )
                for indicator in handScored {
                    var points: [Assessor: String] = [:]
                    for (assessor, range) in [
                        (Assessor.selfAssessment, recipe.selfPercent), (.thirdParty, recipe.thirdPartyPercent),
                    ] {
                        // Points in tenths: the full points times a percent drawn from the range.
                        let tenths = indicator.points * generator.uniform(range[0]...range[1]) / 10
                        points[assessor] = "\(tenths / 10).\(tenths % 10)"
                    }
                    try await work.score(
                        evaluation: id.rawValue,
                        indicator: indicator.id,
                        points: points,
                        note: nil,
                        at: instant(of: opened.adding(days: 10), hour: 15)
                    )
                }
                guard period == .midTerm || !(recipe.finalPending ?? []).contains(station) else { continue }
                let evaluation = try await work.submit(id.rawValue, on: submitted, at: instant(of: submitted, hour: 16))
                guard period == .midTerm, let total = evaluation.thirdPartyTotal, let bar = recipe.rectifyBelow,
                    total < Points(bar),
                    let owner = try await store.workers(of: file.station.id).first
                else { continue }
                let item = try await work.rectify(
                    evaluation: id.rawValue,
                    item: "专业服务质量提升:补齐个案与小组的过程记录",
                    owner: owner.id.rawValue,
                    due: submitted.adding(days: 60).description,
                    indicator: "serviceQuality",
                    on: submitted,
                    at: instant(of: submitted, hour: 17)
                )
                let done = submitted.adding(days: 30)
                try await work.complete(item.id.rawValue, on: done, at: instant(of: done, hour: 16))
            }
        }
    }
}
