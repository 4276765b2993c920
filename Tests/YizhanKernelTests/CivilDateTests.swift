import Testing
import YizhanKernel

struct CivilDateTests {
    @Test(arguments: ["2021-11-05", "2020-02-29", "2000-02-29", "1999-12-31", "2024-12-31"])
    func parsesRealDays(_ text: String) throws {
        #expect(try CivilDate(parsing: text).description == text)
    }

    @Test(arguments: [
        "2021-02-29", "2021-02-30", "1900-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-11-5",
        "21-11-05", "2021/11/05", "", "2021-11-05T00:00",
    ])
    func refusesImpossibleOrMisspelledDays(_ text: String) {
        #expect(throws: CivilDateError.self) { try CivilDate(parsing: text) }
    }

    @Test func explainsWhyADayDoesNotExist() {
        let error = #expect(throws: CivilDateError.self) { try CivilDate(parsing: "2021-02-30") }
        #expect(error?.message(in: .zhHans) == "日期“2021-02-30”不存在:该月只有 28 天")
        #expect(error?.message(in: .en) == "date '2021-02-30' does not exist: that month has 28 days")
    }

    @Test func countsDaysAcrossEraBoundaries() throws {
        #expect(try CivilDate(parsing: "1970-01-01").daysSinceEpoch == 0)
        #expect(try CivilDate(parsing: "2000-03-01").daysSinceEpoch == 11_017)
        #expect(CivilDate(daysSinceEpoch: -1).description == "1969-12-31")
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(try CivilDate(parsing: "2020-02-28").adding(days: 1).description == "2020-02-29")
    }

    /// 2021-11-04 16:00 UTC is already 5 November in Shanghai (UTC+8).
    @Test func takesTheShanghaiDayOfAnInstant() {
        #expect(CivilDate(shanghaiDayOf: 1_636_041_600).description == "2021-11-05")
        #expect(CivilDate(shanghaiDayOf: 1_636_041_599).description == "2021-11-04")
    }

    @Test func ordersAndBoundsPeriods() throws {
        let year = try CivilPeriod.year(2021)
        #expect(year.dayCount == 365)
        #expect(year.contains(try CivilDate(parsing: "2021-12-31")))
        #expect(!year.contains(try CivilDate(parsing: "2022-01-01")))
        #expect(throws: CivilPeriodError.self) {
            try CivilPeriod(start: CivilDate(parsing: "2021-02-01"), end: CivilDate(parsing: "2021-01-31"))
        }
    }
}

/// The date spellings of stations' Excel ledgers (issue 6 §4).
@Suite("Ledger date spellings")
struct LedgerDateTests {
    @Test(arguments: [
        "2021-11-05", "2021/11/5", "2021年11月5日", "2021.11.05", "2021-11-5", "2021/11/05", " 2021.11.5 ",
        "\u{3000}2021年11月05日",
    ])
    func acceptsEverySpelling(_ text: String) throws {
        #expect(try CivilDate(ledgerText: text) == CivilDate(year: 2021, month: 11, day: 5))
    }

    @Test(arguments: [
        "2021-11/05", "21/11/5", "2021年11月5", "2021-011-05", "2021/11/05/1", "二〇二一年十一月五日", "", "2021—11—05",
    ])
    func refusesOtherSpellingsAndSaysWhich(_ text: String) {
        #expect {
            try CivilDate(ledgerText: text)
        } throws: { error in
            let message = (error as? CivilDateError)?.message(in: .zhHans) ?? ""
            return message.contains("无法识别") && message.contains("2021年11月5日")
        }
    }

    @Test func aDayThatDoesNotExistIsNamedAsWritten() {
        #expect {
            try CivilDate(ledgerText: "2021年2月30日")
        } throws: { error in
            (error as? CivilDateError)?.message(in: .zhHans) == "日期“2021年2月30日”不存在:该月只有 28 天"
        }
    }
}
