import Testing
import YizhanKernel

/// Consent and risk level on `RegisterClient.check`: what `yizhan client add` and the client
/// ledger import accept and refuse.
struct ClientConsentTests {
    let today = CivilDate(daysSinceEpoch: 18_992)  // 2021-12-31

    private func context() throws -> StationContext {
        let village = try DivisionCode("330424102201")
        let station = Station(
            id: try StationID("baibu"),
            name: "百步镇社会工作站",
            kind: .station,
            orgUnit: try DivisionCode("330424102000"),
            areaSquareMeters: 1_600
        )
        return StationContext(
            station: station,
            workers: [],
            programs: [],
            villages: [OrgUnit(code: village, name: "示例村")]
        )
    }

    private func request(
        date: String?,
        scope: [String] = ["接受服务", "个人信息收集与使用"],
        by giver: String? = nil,
        idNumber: String? = nil,
        risk: String? = nil
    ) -> ClientRequest {
        ClientRequest(
            station: "baibu",
            village: "330424102201",
            name: "王小明",
            idNumber: idNumber,
            consentDate: date,
            consentScope: scope,
            consentBy: giver,
            risk: risk
        )
    }

    @Test func consentKeepsItsDayScopesAndGiver() throws {
        let (client, _) = try RegisterClient.check(
            request(date: "2021年3月1日", scope: ["转介", "personalInformation", "转介"], risk: "高风险"),
            context: try context(),
            today: today
        )
        #expect(
            client.consent
                == Consent(
                    on: try CivilDate(year: 2021, month: 3, day: 1),
                    scope: [.referral, .personalInformation],
                    givenBy: .person
                )
        )
        #expect(client.risk == .high)
    }

    /// PIPL art. 13–14: keeping a person's data needs their consent, for that use (issue 21.7).
    @Test(
        arguments: [
            (nil, ["接受服务", "个人信息收集与使用"], nil, ["consent-date"]),
            ("2021-03-01", [], nil, ["consent-scope"]),
            ("2021-03-01", ["接受服务", "转介"], nil, ["consent-scope"]),
            ("2022-01-01", ["个人信息收集与使用"], nil, ["consent-date"]),
            (nil, ["转介"], nil, ["consent-date"]),
            ("2021-03-01", ["跳舞"], "很高", ["consent-scope", "risk"]),
            ("2021-02-30", ["个人信息收集与使用"], "low", ["consent-date"]),
        ] as [(String?, [String], String?, [String])]
    )
    func refusesARegistrationWithoutConsentForItsData(
        _ date: String?,
        _ scope: [String],
        _ risk: String?,
        _ fields: [String]
    ) throws {
        let error = #expect(throws: InputError.self) {
            try RegisterClient.check(
                request(date: date, scope: scope, risk: risk),
                context: try context(),
                today: today
            )
        }
        #expect(error?.issues.map(\.field) == fields)
    }

    /// PIPL art. 31: a child under 14 consents through a guardian; the ID number gives the age on
    /// the day of consent.
    @Test func aChildUnder14NeedsAGuardiansConsent() throws {
        let child = "330424201001051230"  // born 2010-01-05: 11 on 2021-03-01
        let error = #expect(throws: InputError.self) {
            try RegisterClient.check(request(date: "2021-03-01", idNumber: child), context: try context(), today: today)
        }
        #expect(error?.issues.map(\.field) == ["consent-by"])
        #expect(error?.issues.first?.expected.zhHans.contains("未满 14 周岁") == true)
        let (client, _) = try RegisterClient.check(
            request(date: "2021-03-01", by: "监护人", idNumber: child),
            context: try context(),
            today: today
        )
        #expect(client.consent?.givenBy == .guardian)
        // 14 years old on the day of consent (born 2007-03-01): their own consent is enough.
        let fourteen = "330424200703010017"
        let (teen, _) = try RegisterClient.check(
            request(date: "2021-03-01", idNumber: fourteen),
            context: try context(),
            today: today
        )
        #expect(teen.consent?.givenBy == .person)
        let unknownGiver = #expect(throws: InputError.self) {
            try RegisterClient.check(request(date: "2021-03-01", by: "邻居"), context: try context(), today: today)
        }
        #expect(unknownGiver?.issues.map(\.field) == ["consent-by"])
    }

    @Test func anAgeCountsWholeYears() throws {
        let born = try CivilDate(year: 2007, month: 3, day: 2)
        #expect(born.years(until: try CivilDate(year: 2021, month: 3, day: 1)) == 13)
        #expect(born.years(until: try CivilDate(year: 2021, month: 3, day: 2)) == 14)
    }

    @Test func storedConsentReadsBack() throws {
        let consent = Consent(storedDate: "2021-03-01", scope: "service,referral")
        #expect(consent?.scope == [.service, .referral])
        #expect(consent?.givenBy == .person)
        #expect(Consent(storedDate: "2021-03-01", scope: "service", givenBy: "guardian")?.givenBy == .guardian)
        #expect(Consent(storedDate: nil, scope: "service") == nil)
    }
}

/// A client joins a household of their station and village, or is refused.
struct ClientHouseholdTests {
    @Test func aClientJoinsOnlyAHouseholdOfTheirStationAndVillage() throws {
        let village = try DivisionCode("330424102201")
        let station = Station(
            id: try StationID("baibu"),
            name: "百步镇社会工作站",
            kind: .station,
            orgUnit: try DivisionCode("330424102000"),
            areaSquareMeters: 1_600
        )
        let home = Household(id: try HouseholdID("home-1"), station: station.id, village: village)
        let elsewhere = Household(
            id: try HouseholdID("home-2"),
            station: station.id,
            village: try DivisionCode("330424102202")
        )
        let context = StationContext(
            station: station,
            workers: [],
            programs: [],
            villages: [OrgUnit(code: village, name: "示例村")],
            households: [home, elsewhere]
        )
        let today = CivilDate(daysSinceEpoch: 18_992)
        func request(_ household: String) -> ClientRequest {
            ClientRequest(
                station: "baibu",
                village: "330424102201",
                name: "王小明",
                consentDate: "2021-03-01",
                consentScope: ["个人信息收集与使用"],
                household: household
            )
        }
        #expect(try RegisterClient.check(request("home-1"), context: context, today: today).0.household == home.id)
        for (household, code) in [("home-2", InputIssue.Code.conflict), ("home-9", .unknownReference)] {
            let error = #expect(throws: InputError.self) {
                try RegisterClient.check(request(household), context: context, today: today)
            }
            #expect(error?.issues.map(\.code) == [code])
        }
    }
}

/// Categories a template adds (低边, 退役军人 …) are accepted by code or name at its stations.
struct TemplateCategoryTests {
    @Test func aStationAcceptsItsTemplatesExtraCategories() throws {
        let station = Station(
            id: try StationID("baibu"),
            name: "百步镇社会工作站",
            kind: .station,
            orgUnit: try DivisionCode("330424102000"),
            areaSquareMeters: 1_600,
            clientCategoryNames: ["veteran": "退役军人"]
        )
        let village = try DivisionCode("330424102201")
        let context = StationContext(
            station: station,
            workers: [],
            programs: [],
            villages: [OrgUnit(code: village, name: "示例村")]
        )
        let today = CivilDate(daysSinceEpoch: 18_992)
        let request = ClientRequest(
            station: "baibu",
            village: "330424102201",
            name: "老兵",
            categories: ["退役军人", "veteran", "低保"],
            consentDate: "2021-03-01",
            consentScope: ["个人信息收集与使用"]
        )
        let (client, _) = try RegisterClient.check(request, context: context, today: today)
        #expect(client.categories.map(\.rawValue) == ["veteran", "veteran", "minimumLivingAllowance"])
        var plain = context
        plain.station.clientCategoryNames = [:]
        let error = #expect(throws: InputError.self) { try RegisterClient.check(request, context: plain, today: today) }
        #expect(error?.issues.map(\.found) == ["退役军人", "veteran"])
    }
}
