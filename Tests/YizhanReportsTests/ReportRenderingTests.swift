import Foundation
import Testing
import YizhanKernel
import YizhanReports

/// The report model's pieces: periods, and what each renderer does with awkward values.
struct ReportRenderingTests {
    @Test(arguments: [
        ("2021", "2021-01-01", "2021-12-31", "2021年"),
        ("2021-H1", "2021-01-01", "2021-06-30", "2021年上半年"),
        ("2021-h2", "2021-07-01", "2021-12-31", "2021年下半年"),
        ("2021-Q1", "2021-01-01", "2021-03-31", "2021年第一季度"),
        ("2020-Q1", "2020-01-01", "2020-03-31", "2020年第一季度"),
        ("2021-Q3", "2021-07-01", "2021-09-30", "2021年第三季度"),
        ("2020-02", "2020-02-01", "2020-02-29", "2020年2月"),
        ("2021-11", "2021-11-01", "2021-11-30", "2021年11月"),
        ("2021-03-01..2021-09-30", "2021-03-01", "2021-09-30", "2021-03-01 至 2021-09-30"),
    ])
    func periodsParse(text: String, start: String, end: String, label: String) throws {
        let period = try ReportPeriod(parsing: text)
        #expect(period.range.start.description == start)
        #expect(period.range.end.description == end)
        #expect(period.label(in: .zhHans) == label)
    }

    @Test(arguments: [
        "", "21", "2021-13", "2021-Q5", "2021-H3", "2021-09-30..2021-03-01", "2021-02-30..2021-03-01", "明年",
    ])
    func badPeriodsSayWhatIsAccepted(text: String) {
        #expect {
            try ReportPeriod(parsing: text)
        } throws: { error in
            (error as? ReportError)?.message(in: .zhHans).contains("2021-H1、2021-Q3、2021-11") == true
        }
    }

    @Test func monthsOfAPeriodCrossTheYear() throws {
        let period = try ReportPeriod(parsing: "2021-11-15..2022-02-01").range
        #expect(period.months == ["2021-11", "2021-12", "2022-01", "2022-02"])
    }

    @Test func csvQuotesEscapesAndDefusesFormulas() throws {
        let table = ReportTable(
            id: "t",
            title: "t",
            columns: [ReportColumn("name", "名称", .text), ReportColumn("amount", "金额", .money)],
            rows: [
                [.text("甲, 乙"), .money(Fen(2_111_628))],
                [.text("说\"好\""), .money(Fen(-350))],
                [.text("=HYPERLINK(\"x\")"), .empty],
                [.text("-5"), .money(Fen(7))],
            ]
        )
        let text = String(decoding: CSVRenderer.render(table), as: UTF8.self)
        #expect(text.hasPrefix("\u{FEFF}名称,金额\r\n"))
        #expect(
            text.dropFirst()
                == "名称,金额\r\n\"甲, 乙\",21116.28\r\n\"说\"\"好\"\"\",-3.50\r\n\"'=HYPERLINK(\"\"x\"\")\",\r\n-5,0.07\r\n"
        )
    }

    @Test func markdownAndHTMLEscapeWhatTheyShow() throws {
        let document = ReportDocument(
            kind: .stationAnnual,
            language: .zhHans,
            title: "A|B <b>",
            subtitle: "s",
            period: try CivilPeriod.year(2021),
            sections: [
                ReportSection(
                    id: "s",
                    title: "节",
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "c",
                                title: "图",
                                style: .bars,
                                table: "t",
                                labelColumn: "n",
                                valueColumn: "v"
                            )
                        ),
                        .table(
                            ReportTable(
                                id: "t",
                                title: "表",
                                columns: [ReportColumn("n", "名", .text), ReportColumn("v", "值")],
                                rows: [[.text("<script>|x"), .integer(1_234)], [.text("y & z"), .integer(0)]]
                            )
                        ),
                    ]
                )
            ]
        )
        let markdown = MarkdownRenderer.render(document)
        #expect(markdown.contains("# A\\|B \\<b\\>"))
        #expect(markdown.contains("| \\<script\\>\\|x | 1,234 |"))
        let html = try HTMLRenderer.render(document)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;|x"))
        #expect(html.contains("<svg") && html.contains("y &amp; z"))
        #expect(html.contains("<td class=\"num\">1,234</td>"))
    }

    @Test func chartsCaptionMoneyAsYuanAndPointsWithTheirDecimal() throws {
        let document = ReportDocument(
            kind: .evaluation,
            language: .zhHans,
            title: "t",
            subtitle: "s",
            period: try CivilPeriod.year(2021),
            sections: [
                ReportSection(
                    id: "s",
                    title: "节",
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "m",
                                title: "钱",
                                style: .bars,
                                table: "t",
                                labelColumn: "n",
                                valueColumn: "m"
                            )
                        ),
                        .chart(
                            ReportChart(
                                id: "p",
                                title: "分",
                                style: .columns,
                                table: "t",
                                labelColumn: "n",
                                valueColumn: "p"
                            )
                        ),
                        .table(
                            ReportTable(
                                id: "t",
                                title: "表",
                                columns: [
                                    ReportColumn("n", "名", .text), ReportColumn("m", "金额", .money),
                                    ReportColumn("p", "得分", .decimal),
                                ],
                                rows: [[.text("甲"), .money(Fen(2_111_628)), .tenths(948)]]
                            )
                        ),
                    ]
                )
            ]
        )
        let html = try HTMLRenderer.render(document)
        // The bar is captioned as the table shows the amount, never as its fen.
        #expect(html.contains(">¥21,116.28</text>") && !html.contains("2,111,628"))
        #expect(html.contains(">94.8</text>"))
        let json = String(decoding: try JSONRenderer.render(document), as: UTF8.self)
        #expect(json.contains("\"m\" : 2111628") && json.contains("\"p\" : 94.8"))
        #expect(String(decoding: CSVRenderer.render(document.tables[0]), as: UTF8.self).contains("甲,21116.28,94.8"))
    }
}
