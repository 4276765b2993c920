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

    private func request(date: String?, scope: [String] = [], risk: String? = nil) -> ClientRequest {
        ClientRequest(
            station: "baibu",
            village: "330424102201",
            name: "王小明",
            consentDate: date,
            consentScope: scope,
            risk: risk
        )
    }

    @Test func consentKeepsItsDayAndScopesAndDefaultsToService() throws {
        let (client, _) = try RegisterClient.check(
            request(date: "2021年3月1日", scope: ["转介", "personalInformation"], risk: "高风险"),
            context: try context(),
            today: today
        )
        #expect(
            client.consent
                == Consent(on: try CivilDate(year: 2021, month: 3, day: 1), scope: [.referral, .personalInformation])
        )
        #expect(client.risk == .high)
        let (plain, _) = try RegisterClient.check(request(date: "2021-03-01"), context: try context(), today: today)
        #expect(plain.consent?.scope == [.service])
        let (none, _) = try RegisterClient.check(request(date: nil), context: try context(), today: today)
        #expect(none.consent == nil && none.risk == nil)
    }

    @Test(
        arguments: [
            ("2022-01-01", [], nil, ["consent-date"]),
            (nil, ["转介"], nil, ["consent-date"]),
            ("2021-03-01", ["跳舞"], "很高", ["consent-scope", "risk"]),
            ("2021-02-30", [], "low", ["consent-date"]),
        ] as [(String?, [String], String?, [String])]
    )
    func refusesAFutureOrMissingDayUnknownScopesAndRisks(
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

    @Test func storedConsentReadsBack() throws {
        let consent = Consent(storedDate: "2021-03-01", scope: "service,referral")
        #expect(consent?.scope == [.service, .referral])
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
            ClientRequest(station: "baibu", village: "330424102201", name: "王小明", household: household)
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
            categories: ["退役军人", "veteran", "低保"]
        )
        let (client, _) = try RegisterClient.check(request, context: context, today: today)
        #expect(client.categories.map(\.rawValue) == ["veteran", "veteran", "minimumLivingAllowance"])
        var plain = context
        plain.station.clientCategoryNames = [:]
        let error = #expect(throws: InputError.self) { try RegisterClient.check(request, context: plain, today: today) }
        #expect(error?.issues.map(\.found) == ["退役军人", "veteran"])
    }
}
