import Foundation
import YizhanConfig
import YizhanKernel

extension DemoBuilder {
    /// Every station's volunteers' year: registrations (names sealed with the workspace's key),
    /// teams, activities with attendances that earn points, then redemptions through the passbook's
    /// balance check.
    static func buildVolunteering(
        _ recipe: DemoFile.VolunteeringYear,
        plan: Plan,
        vault: any PersonalDataVault,
        store: any StationStore,
        using generator: inout SplitMix64
    ) async throws {
        let year = try CivilPeriod.year(plan.demo.year)
        for file in plan.stations {
            let station = file.station
            let villages = plan.divisions.townships.first { $0.code == file.township }?.villages.map(\.code) ?? []
            let short = station.name.replacingOccurrences(of: "社会工作站", with: "")
            var registration = ChangeSet()
            var volunteers: [Volunteer] = []
            for index in 0..<recipe.volunteers {
                let day = year.start.adding(days: generator.uniform(0...90))
                // The id first, as the generator drew it before: the sealed name is bound to it.
                let id = VolunteerID.generate(
                    using: &generator,
                    milliseconds: UInt64(instant(of: day, hour: 9).millisecondsSince1970)
                )
                let volunteer = Volunteer(
                    id: id,
                    station: station.id,
                    village: generator.pick(villages),
                    registeredOn: day,
                    personal: try vault.seal(
                        PersonalData(name: String(format: "示例志愿者%@%02d", short, index + 1)),
                        for: .volunteer(id)
                    ),
                    checkInCode: String(format: "%06d", generator.uniform(0...999_999))
                )
                volunteers.append(volunteer)
                registration.register(volunteer, at: station, by: .demo, at: instant(of: day, hour: 9))
            }
            for (index, name) in recipe.teams.enumerated() where !volunteers.isEmpty {
                let members = volunteers.enumerated().filter { $0.offset % recipe.teams.count == index }.map(
                    \.element.id
                )
                registration.form(
                    VolunteerTeam(
                        id: .generate(
                            using: &generator,
                            milliseconds: UInt64(instant(of: year.start, hour: 9).millisecondsSince1970)
                        ),
                        station: station.id,
                        name: "\(short)\(name)",
                        members: members
                    ),
                    at: station,
                    by: .demo,
                    at: instant(of: year.start.adding(days: 91), hour: 9)
                )
            }
            try await store.commit(registration)

            var balances: [VolunteerID: Int] = [:]
            for index in 0..<recipe.activities where !volunteers.isEmpty {
                let day = year.start.adding(days: 92 + index * (year.dayCount - 100) / max(1, recipe.activities))
                let activity = VolunteerActivity(
                    id: .generate(
                        using: &generator,
                        milliseconds: UInt64(instant(of: day, hour: 8).millisecondsSince1970)
                    ),
                    station: station.id,
                    name: ["敬老助餐", "环境清洁", "关爱儿童课堂", "文明劝导", "义诊协助", "社区宣传"][index % 6],
                    heldOn: day,
                    capMinutes: 240
                )
                var change = ChangeSet()
                change.schedule(activity, at: station, by: .demo, at: instant(of: day, hour: 8))
                let count = min(volunteers.count, generator.uniform(recipe.attendance[0]...recipe.attendance[1]))
                var present = volunteers
                for _ in 0..<count {
                    let volunteer = present.remove(at: generator.uniform(0...(present.count - 1)))
                    let checkIn = instant(of: day, hour: 9).addingTimeInterval(Double(generator.uniform(0...30) * 60))
                    let minutes = generator.uniform(recipe.minutes[0]...recipe.minutes[1])
                    let hours = VolunteerHours(
                        id: .generate(using: &generator, milliseconds: UInt64(checkIn.millisecondsSince1970)),
                        activity: activity.id,
                        volunteer: volunteer.id,
                        checkIn: checkIn,
                        checkOut: checkIn.addingTimeInterval(Double(minutes * 60)),
                        method: generator.uniform(0...2) == 0
                            ? .staffEntry(
                                file.stationWorkers[generator.uniform(0...(file.stationWorkers.count - 1))].id
                            )
                            : .selfCheckIn,
                        minutes: min(minutes, activity.capMinutes ?? minutes)
                    )
                    let booked = instant(of: day, hour: 18)
                    change.record(hours, at: station, by: .demo, at: booked)
                    let points = station.volunteering.points(forMinutes: hours.minutes)
                    guard points > 0 else { continue }
                    let entry = PassbookEntry(
                        key: "hours:\(hours.id)",
                        volunteer: volunteer.id,
                        station: station.id,
                        kind: .earned,
                        points: points,
                        on: day,
                        reference: hours.id.rawValue
                    )
                    balances[volunteer.id, default: 0] += points
                    change.writes.append(.passbookEntry(entry))
                    change.events.append(
                        .passbookBooked(
                            entry,
                            balance: balances[volunteer.id] ?? 0,
                            at: station,
                            actor: .demo,
                            at: booked
                        )
                    )
                }
                try await store.commit(change)
            }

            let catalogue = station.volunteering.catalogue
            for index in 0..<recipe.redemptions where !catalogue.isEmpty && !volunteers.isEmpty {
                let volunteer = volunteers[generator.uniform(0...(volunteers.count - 1))]
                let item = catalogue[generator.uniform(0...(catalogue.count - 1))]
                let day = year.end.adding(days: -generator.uniform(0...45))
                let entry = PassbookEntry(
                    key: "redeem:demo-\(station.id)-\(index + 1)",
                    volunteer: volunteer.id,
                    station: station.id,
                    kind: .redeemed,
                    points: -item.points,
                    on: day,
                    reference: item.id
                )
                // Refused (and skipped) when the volunteer has too few points, as at the counter.
                _ = try await store.appendPassbook(entry, alongside: ChangeSet()) { balance in
                    .passbookBooked(entry, balance: balance, at: station, actor: .demo, at: instant(of: day, hour: 15))
                }
            }
        }
    }

    /// Every station's budget lines, and monthly expenses spending a share of each.
    static func buildFunds(
        _ recipe: DemoFile.FundsYear,
        plan: Plan,
        store: any StationStore,
        using generator: inout SplitMix64
    ) async throws {
        let year = plan.demo.year
        let start = try CivilDate(year: year, month: 1, day: 1)
        for file in plan.stations {
            let station = file.station
            var setup = ChangeSet()
            var lines: [BudgetLine] = []
            for entry in recipe.lines {
                let line = BudgetLine(
                    id: .generate(
                        using: &generator,
                        milliseconds: UInt64(instant(of: start, hour: 9).millisecondsSince1970)
                    ),
                    station: station.id,
                    year: year,
                    category: entry.category,
                    source: entry.source,
                    name: "\(year)年度\(entry.name)",
                    amount: Fen(Int64(entry.yuan) * 100)
                )
                lines.append(line)
                setup.set(line, at: station, by: .demo, at: instant(of: start, hour: 9))
            }
            try await store.commit(setup)
            for line in lines {
                let percent = Int64(generator.uniform(recipe.spentPercent[0]...recipe.spentPercent[1]))
                let monthly = line.amount.value * percent / 100 / 12
                for month in 1...12 where monthly > 0 {
                    let day = try CivilDate(year: year, month: month, day: generator.uniform(5...25))
                    let expense = Expense(
                        id: .generate(
                            using: &generator,
                            milliseconds: UInt64(instant(of: day, hour: 14).millisecondsSince1970)
                        ),
                        line: line.id,
                        amount: Fen(monthly),
                        spentOn: day,
                        purpose: "\(month)月\(line.category.label(in: .zhHans))支出"
                    )
                    _ = try await store.bookExpense(expense, authorised: false) { remaining in
                        [
                            DomainEvent(
                                ExpenseRecorded(
                                    expense: expense.id,
                                    line: line.id,
                                    station: station.id,
                                    amount: expense.amount,
                                    remaining: remaining
                                ),
                                orgUnit: station.orgUnit,
                                station: station.id,
                                actor: .demo,
                                at: instant(of: day, hour: 14)
                            )
                        ]
                    }
                }
            }
        }
    }
}
