import Foundation
import YizhanConfig
import YizhanKernel

extension DemoBuilder {
    /// Organisation name endings and their kinds (synthetic names).
    static let organisationNames: [(String, OrganisationKind)] = [
        ("邻里互助会", .mutualAid), ("爱心服务社", .service), ("老年协会", .mutualAid), ("文体队", .other),
        ("调解小组", .publicBenefit), ("巾帼服务站", .service), ("青少年成长营", .service), ("环保志愿社", .publicBenefit),
        ("书画社", .other), ("助残服务队", .service), ("平安巡防队", .publicBenefit), ("读书会", .other),
        ("健康守护社", .service),
    ]
    /// What the demo's wishes ask for, with a value in yuan.
    static let wishes: [(String, Int)] = [
        ("一个新书包", 80), ("一套冬衣", 200), ("一台助听器", 600), ("一次上门理发", 30), ("一箱牛奶", 60),
        ("一套学习用品", 50), ("一辆轮椅", 450), ("一床棉被", 150),
    ]

    /// One station's community year as change sets, and its fund's grants to book afterwards
    /// (grants go through the store's balance check). Deterministic for a given generator state.
    static func communityYear(
        of file: StationFile,
        recipe: DemoFile.CommunityYear,
        villages: [DivisionsFile.Unit],
        year: CivilPeriod,
        using generator: inout SplitMix64
    ) -> (changes: [ChangeSet], grants: [CharityGrant]) {
        let station = file.station
        let short = station.name.replacingOccurrences(of: "社会工作站", with: "")
        func at(_ day: CivilDate, _ hour: Int) -> Date { instant(of: day, hour: hour) }
        func id<Entity>(_ day: CivilDate, _ generator: inout SplitMix64) -> Identifier<Entity> {
            .generate(using: &generator, milliseconds: UInt64(at(day, 11).millisecondsSince1970))
        }
        var changes: [ChangeSet] = []

        var organisations = ChangeSet()
        var resources = ChangeSet()
        for village in villages {
            let range = village.code.communityKind == .urban ? recipe.organisationsUrban : recipe.organisationsRural
            let count = generator.uniform(range[0]...range[1])
            for index in 0..<count {
                let (ending, kind) = organisationNames[index % organisationNames.count]
                let since = year.start.adding(days: -generator.uniform(0...1_500))
                organisations.record(
                    CommunityOrganisation(
                        id: id(year.start, &generator),
                        station: station.id,
                        village: village.code,
                        name: "\(village.name)\(ending)",
                        kind: kind,
                        status: generator.uniform(1...4) == 1 ? .registered : .filed,
                        stage: IncubationStage.allCases[generator.uniform(0...2)],
                        since: since
                    ),
                    at: station,
                    by: .demo,
                    at: at(year.start, 10)
                )
            }
            for index in 0..<generator.uniform(recipe.resourcesPerVillage[0]...recipe.resourcesPerVillage[1]) {
                let kind = ResourceKind.registrable[generator.uniform(0...(ResourceKind.registrable.count - 1))]
                resources.register(
                    CommunityResource(
                        id: id(year.start, &generator),
                        station: station.id,
                        village: village.code,
                        kind: kind,
                        name: "\(village.name)示例\(kind.label(in: .zhHans))\(index + 1)"
                    ),
                    at: station,
                    by: .demo,
                    at: at(year.start, 10)
                )
            }
        }
        changes += [organisations, resources].filter { !$0.isEmpty }

        var wishes = ChangeSet()
        for index in 0..<recipe.wishes where !villages.isEmpty {
            let village = villages[generator.uniform(0...(villages.count - 1))].code
            let (text, yuan) = Self.wishes[index % Self.wishes.count]
            let posted = year.start.adding(days: generator.uniform(0...(year.dayCount - 60)))
            var wish = MicroWish(
                id: id(posted, &generator),
                station: station.id,
                village: village,
                wish: text,
                value: Fen(Int64(yuan) * 100),
                postedOn: posted
            )
            wishes.progress(wish, at: station, by: .demo, at: at(posted, 9))
            guard generator.uniform(1...100) <= recipe.claimedPercent else { continue }
            let claimed = posted.adding(days: generator.uniform(1...14))
            let byEnterprise = generator.uniform(0...1) == 0
            wish.claimantKind = byEnterprise ? .enterprise : .individual
            wish.claimantName = byEnterprise ? "\(short)示例企业\(generator.uniform(1...12))" : nil
            wish.claimedOn = claimed
            wishes.progress(wish, at: station, by: .demo, at: at(claimed, 14))
            guard generator.uniform(1...100) <= recipe.fulfilledPercent else { continue }
            let fulfilled = claimed.adding(days: generator.uniform(1...20))
            wish.fulfilledOn = fulfilled
            wishes.progress(wish, at: station, by: .demo, at: at(fulfilled, 16))
        }
        if !wishes.isEmpty { changes.append(wishes) }

        let fund = CharityFund(
            id: id(year.start, &generator),
            station: station.id,
            village: nil,
            name: "\(short)示例社区慈善基金",
            openedOn: year.start
        )
        var funding = ChangeSet()
        funding.open(fund, at: station, by: .demo, at: at(year.start, 10))
        for _ in 0..<recipe.fundGifts {
            let day = year.start.adding(days: generator.uniform(0...(year.dayCount / 2)))
            funding.receive(
                Donation(
                    id: id(day, &generator),
                    station: station.id,
                    donorKind: .enterprise,
                    donorName: "\(short)示例企业\(generator.uniform(1...12))",
                    amount: Fen(Int64(generator.uniform(recipe.fundGiftYuan[0]...recipe.fundGiftYuan[1])) * 100),
                    receivedOn: day,
                    purpose: fund.name,
                    charityFund: fund.id
                ),
                at: station,
                by: .demo,
                at: at(day, 15)
            )
        }
        changes.append(funding)
        let purposes = ["困难家庭助学", "独居老人助餐", "困境儿童关爱", "大病救助", "节日慰问"]
        let grants = (0..<recipe.fundGrants).map { index in
            let day = year.start.adding(days: year.dayCount / 2 + generator.uniform(0...(year.dayCount / 2 - 1)))
            return CharityGrant(
                id: id(day, &generator),
                fund: fund.id,
                amount: Fen(Int64(generator.uniform(recipe.fundGrantYuan[0]...recipe.fundGrantYuan[1])) * 100),
                grantedOn: day,
                purpose: purposes[index % purposes.count]
            )
        }.sorted { $0.grantedOn < $1.grantedOn }
        return (changes, grants)
    }
}

extension DemoBuilder {
    /// Commits every station's community year, then books its fund's grants through the balance check.
    static func buildCommunity(
        _ recipe: DemoFile.CommunityYear,
        plan: Plan,
        store: any StationStore,
        using generator: inout SplitMix64
    ) async throws {
        let year = try CivilPeriod.year(plan.demo.year)
        for file in plan.stations {
            let villages = plan.divisions.townships.first { $0.code == file.township }?.villages ?? []
            let (changes, grants) = communityYear(
                of: file,
                recipe: recipe,
                villages: villages,
                year: year,
                using: &generator
            )
            for change in changes { try await store.commit(change) }
            let station = file.station
            for grant in grants {
                _ = try await store.grant(grant) { balance in
                    [
                        DomainEvent(
                            CharityFundGranted(
                                grant: grant.id,
                                fund: grant.fund,
                                station: station.id,
                                amount: grant.amount,
                                balance: balance
                            ),
                            orgUnit: station.orgUnit,
                            station: station.id,
                            actor: .demo,
                            at: instant(of: grant.grantedOn, hour: 16)
                        )
                    ]
                }
            }
        }
    }
}
