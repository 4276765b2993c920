import Foundation
import Testing
import YizhanConfig
import YizhanSpreadsheet

@testable import YizhanLedger

/// Reading ledgers: CSV as Excel writes it, XLSX sheets, encodings, and heading rows.
struct LedgerReadingTests {
    private func records(_ text: String) -> [(Int, [String])] {
        var records: [(Int, [String])] = []
        CSVReader(bytes: Array(text.utf8)).forEachRecord { line, fields, _ in records.append((line, fields)) }
        return records
    }

    @Test func csvReadsQuotesLineBreaksAndEveryLineEnd() {
        let parsed = records("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n\rlast,,end")
        #expect(parsed.map(\.0) == [1, 2, 4, 5])
        #expect(parsed[0].1 == ["a", "b,1", "say \"hi\""])
        #expect(parsed[1].1 == ["two\nlines", "x", ""])
        #expect(parsed[2].1 == [""])
        #expect(parsed[3].1 == ["last", "", "end"])
        #expect(records("a\tb\tc\n1\t2\t3\n").map(\.1) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records("").isEmpty)
    }

    @Test func csvWriterDefusesFormulasAndQuotes() {
        #expect(CSVWriter.field("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVWriter.field("-12") == "-12")
        #expect(CSVWriter.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(CSVWriter.document([["甲", "乙"]]) == Data("\u{FEFF}甲,乙\r\n".utf8))
    }

    /// A full ID number goes out as `="…"`, so that Excel keeps its 18 digits, and comes back in as
    /// the number (issue 21.14).
    @Test func aLongNumberWrittenAsTextReadsBackAsItsDigits() {
        let line = CSVWriter.line(["王小明", "330424198506120014"])
        let parsed = records(line)
        #expect(parsed.first?.1 == ["王小明", "=\"330424198506120014\""])
        let row = LedgerRow(number: 2, cells: parsed.first?.1 ?? [])
        #expect(row[1] == "330424198506120014" && row[0] == "王小明")
    }

    @Test(arguments: [("utf8", false), ("bom", true)])
    func sheetsReadUTF8WithOrWithoutBOMAndGBK(_ name: String, _ bom: Bool) throws {
        let text = "服务日期,服务类型\r\n2021-11-05,入户走访\r\n"
        let data = Data((bom ? "\u{FEFF}" : "").utf8) + Data(text.utf8)
        let sheet = try LedgerSheet(data: data, file: name)
        #expect(sheet.encoding == (bom ? .utf8WithBOM : .utf8))
        var rows: [[String]] = []
        sheet.forEachRow { row, _ in rows.append(row.cells) }
        #expect(rows == [["服务日期", "服务类型"], ["2021-11-05", "入户走访"]])

        // 服务日期 in GBK: B7FE CEF1 C8D5 C6DA.
        let gbk = try LedgerSheet(data: Data([0xB7, 0xFE, 0xCE, 0xF1, 0xC8, 0xD5, 0xC6, 0xDA, 0x0D, 0x0A]), file: "g")
        #expect(gbk.encoding == .gb18030)
        var first: [String] = []
        gbk.forEachRow { row, _ in first = row.cells }
        #expect(first == ["服务日期"])
    }

    @Test func xlsxReadsWhatTheWorkbookWriterWrites() throws {
        let sheet = XLSXSheet(
            name: "台账",
            rows: [
                [.text("姓名"), .text("人数"), .text("金额")], [.text("甲"), .integer(12), .money("21116.28")],
                [.empty, .integer(3)],
            ]
        )
        let rows = try XLSXReader.rows(of: try XLSXWorkbook(sheets: [sheet]).data())
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows.map(\.cells) == [["姓名", "人数", "金额"], ["甲", "12", "21116.28"], ["", "3"]])
        #expect(throws: XLSXReadError.self) { try XLSXReader.rows(of: Data("not a zip".utf8)) }
    }

    @Test func xlsxFromExcelReadsDatesAndMergedHeadings() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("YizhanEndToEndTests/Ledgers/services.xlsx")
        let rows = try XLSXReader.rows(of: try Data(contentsOf: fixture))
        #expect(rows.first?.cells == ["百步镇社会工作站服务台账"])
        #expect(rows[1].cells == ["服务日期", "服务类型", "服务对象", "", "时长(分钟)", "社工"])
        #expect(rows[3].cells.first == "2021-11-15")
        #expect(rows[4].cells == ["2021-11-16", "小组活动", "", "8", "90", "示例社工百步02"])
    }

    @Test func headingsAreFoundUnderTitlesAndAcrossTwoMergedRows() throws {
        let dictionary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/ledgers/headers.yaml")
        let vocabulary = try LedgerVocabulary.load(from: dictionary, ledger: "services")
        #expect(vocabulary.field(forHeading: "时长（分钟）") == "duration")
        #expect(vocabulary.field(forHeading: "时长 (分钟)\n") == "duration")
        #expect(vocabulary.code(for: "入户走访", field: "kind") == "homeVisit")
        #expect(vocabulary.code(for: "跳舞", field: "kind") == "跳舞")
        let text = """
            某某社工站台账,,,,
            序号,服务日期,服务类型,服务对象,,时长
            ,,,编号,人数,(分钟)
            1,2021-11-05,入户走访,,3,60

            """
        let sheet = try LedgerSheet(data: Data(text.utf8), file: "t.csv")
        var rows: [LedgerRow] = []
        sheet.forEachRow { row, _ in rows.append(row) }
        let columns = try #require(LedgerColumns.find(in: rows, vocabulary: vocabulary))
        #expect(columns.headerRows == [1, 2, 3])
        #expect(columns.columnOfField == ["date": 1, "kind": 2, "clients": 3, "headCount": 4, "duration": 5])
        #expect(columns.headings[4] == "服务对象人数")
        #expect(columns.ignoredHeadings == ["序号"])
        #expect(LedgerColumns.letter(0) == "A" && LedgerColumns.letter(25) == "Z" && LedgerColumns.letter(27) == "AB")
    }
}

/// The in-place UTF-8 check that tells UTF-8 from GBK.
struct UTF8ValidationTests {
    @Test(
        arguments: [
            ("ascii", [0x61, 0x62], true), ("chinese 服", [0xE6, 0x9C, 0x8D], true),
            ("emoji", [0xF0, 0x9F, 0x98, 0x80], true),
            ("gbk 服", [0xB7, 0xFE], false), ("overlong", [0xC0, 0xAF], false),
            ("surrogate", [0xED, 0xA0, 0x80], false),
            ("truncated", [0xE6, 0x9C], false), ("past U+10FFFF", [0xF4, 0x90, 0x80, 0x80], false),
        ] as [(String, [UInt8], Bool)]
    )
    func utf8IsToldFromOtherEncodings(_ name: String, _ bytes: [UInt8], _ valid: Bool) throws {
        let sheet = try LedgerSheet(data: Data(bytes + [0x0A]), file: name)
        #expect((sheet.encoding == .utf8) == valid)
    }
}

/// The heading row is the one whose cells the dictionary knows most of (issue 22.3).
struct HeadingRowTests {
    @Test func aLineAboveTheTableWithTwoKnownWordsDoesNotWin() throws {
        let vocabulary = try LedgerVocabulary.load(from: ClientLedgerConsentTests.dictionary, ledger: "services")
        let rows = [
            LedgerRow(number: 1, cells: ["填报单位:百步镇社会工作站", "日期", "2021年11月", "类型", "月报"]),
            LedgerRow(number: 2, cells: ["序号", "服务日期", "服务类型", "时长(分钟)", "服务人次", "社工"]),
            LedgerRow(number: 3, cells: ["1", "2021-11-03", "入户走访", "40", "1", "示例社工百步06"]),
        ]
        let columns = try #require(LedgerColumns.find(in: rows, vocabulary: vocabulary))
        #expect(columns.headerRows == [1, 2])
        #expect(columns.columnOfField["date"] == 1 && columns.columnOfField["headCount"] == 4)
        #expect(columns.ignoredHeadings == ["序号"])
    }
}

/// Which rows below the headings are records, totals or notes (issue 22.4).
struct LedgerRowRoleTests {
    @Test func totalsAndNotesAreToldFromRecords() throws {
        let vocabulary = try LedgerVocabulary.load(from: ClientLedgerConsentTests.dictionary, ledger: "services")
        let heading = LedgerRow(number: 1, cells: ["服务日期", "服务类型", "人次"])
        let columns = try #require(LedgerColumns.find(in: [heading], vocabulary: vocabulary))
        func role(_ cells: [String], formula: Bool = false) -> String {
            var report = LedgerImportReport(
                file: "f",
                format: .csv,
                encoding: .utf8,
                digest: "",
                headerRows: [1],
                columns: [],
                ignoredHeadings: []
            )
            let row = LedgerRow(number: 2, cells: cells, hasFormula: formula)
            if LedgerImportSupport.isRecordRow(row, columns: columns, report: &report, personTimesField: "headCount") {
                return "data"
            }
            return report.totals.totalRows.isEmpty ? "note" : "total \(report.totals.statedPersonTimes ?? -1)"
        }
        #expect(role(["2021-11-05", "入户走访", "1"]) == "data")
        #expect(role(["2021年11月5日", "入户走访", "1"]) == "data")
        #expect(role(["合 计", "", "194"]) == "total 194")
        #expect(role(["", "小计", "12"]) == "total 12")
        #expect(role(["总计:", "", ""]) == "total -1")
        #expect(role(["", "", "194"], formula: true) == "total 194")
        #expect(role(["填表人:张某", "", ""]) == "note")
        #expect(role(["审核人：李某 填表日期：2021年12月1日"]) == "note")
        // A record whose remark happens to start so is a record: its date says so.
        #expect(role(["2021-11-05", "审核", "1"]) == "data")
    }
}
