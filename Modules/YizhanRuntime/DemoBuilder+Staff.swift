import Foundation
import YizhanConfig
import YizhanKernel

extension DemoBuilder {
    /// Course titles the demo's training records cycle through (synthetic).
    static let courseTitles = [
        "社会工作伦理与价值", "个案管理实务", "小组工作方法", "社区需求评估", "社会救助政策解读", "儿童保护与困境儿童服务",
        "老年人照护与安全", "督导与自我关怀",
    ]

    /// One station's staff year as change sets: liaisons, then each worker's training and working
    /// days. Deterministic for a given generator state.
    static func staffYear(
        of file: StationFile,
        recipe: DemoFile.StaffYear,
        villages: [DivisionCode],
        year: CivilPeriod,
        using generator: inout SplitMix64
    ) -> [ChangeSet] {
        let station = file.station
        let workers = file.stationWorkers
        let gaps = recipe.gaps
        let unlinked = Set(gaps?.withoutLiaison ?? [])
        var changes: [ChangeSet] = []

        var liaisonOf: [WorkerID: [DivisionCode]] = [:]
        var assignments = ChangeSet()
        for (index, village) in villages.enumerated() where !unlinked.contains(village) && !workers.isEmpty {
            let worker = workers[index % workers.count].id
            liaisonOf[worker, default: []].append(village)
            assignments.assign(
                VillageLiaison(village: village, worker: worker, station: station.id, since: year.start),
                at: station,
                by: .demo,
                at: instant(of: year.start, hour: 10)
            )
        }
        if !assignments.isEmpty { changes.append(assignments) }

        for worker in workers {
            var change = ChangeSet()
            let courses =
                (gaps?.underTrained ?? []).contains(worker.id.rawValue) ? max(0, recipe.courses - 2) : recipe.courses
            for course in 0..<courses {
                let day = year.start.adding(
                    days: (course * year.dayCount) / max(1, courses) + generator.uniform(5...20)
                )
                let milliseconds = UInt64(instant(of: day, hour: 18).millisecondsSince1970)
                change.record(
                    TrainingRecord(
                        id: .generate(using: &generator, milliseconds: milliseconds),
                        worker: worker.id,
                        station: station.id,
                        on: day,
                        classHours: generator.uniform(recipe.classHours[0]...recipe.classHours[1]),
                        title: courseTitles[(course + courses) % courseTitles.count],
                        isExternal: course % 2 == 1
                    ),
                    at: station,
                    by: .demo,
                    at: instant(of: day, hour: 18)
                )
            }
            let atStation = (gaps?.mostlyAtStation ?? []).contains(worker.id.rawValue)
            let percent =
                atStation
                ? generator.uniform(35...45) : generator.uniform(recipe.villagePercent[0]...recipe.villagePercent[1])
            let ownVillages = liaisonOf[worker.id] ?? villages
            var workday = 0
            for offset in 0..<year.dayCount {
                let day = year.start.adding(days: offset)
                guard (day.daysSinceEpoch + 3) % 7 < 5 else { continue }  // Monday to Friday
                // Exactly `percent` of the working days in villages, spread evenly through the year.
                let inVillage = (workday + 1) * percent / 100 > workday * percent / 100
                workday += 1
                let village = inVillage ? generator.pick(ownVillages.isEmpty ? villages : ownVillages) : nil
                let milliseconds = UInt64(instant(of: day, hour: 18).millisecondsSince1970)
                change.record(
                    WorkLog(
                        id: .generate(using: &generator, milliseconds: milliseconds),
                        worker: worker.id,
                        station: station.id,
                        on: day,
                        minutes: generator.uniform(recipe.minutesPerDay[0]...recipe.minutesPerDay[1]),
                        place: village.map(WorkPlace.village) ?? .station
                    ),
                    at: station,
                    by: .demo,
                    at: instant(of: day, hour: 18)
                )
            }
            changes.append(change)
        }
        return changes
    }
}
