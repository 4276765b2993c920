import Testing
import YizhanReports

struct TextTableTests {
    @Test func alignsChineseByDisplayWidth() {
        var table = TextTable(columns: [.init("社工站"), .init("人次", alignment: .right)])
        table.append(["百步镇社会工作站", "2,431"])
        table.append(["ABC", "7"])
        // Column widths: 16 (百步镇社会工作站 is 8 wide characters) and 5 (2,431), two spaces between.
        let expected = [
            "社工站" + String(repeating: " ", count: 13) + "人次",
            String(repeating: "─", count: 23),
            "百步镇社会工作站  2,431",
            "ABC" + String(repeating: " ", count: 19) + "7",
        ]
        #expect(table.render() == expected.joined(separator: "\n"))
        #expect(TextTable.displayWidth(of: "镇\u{FF08}街道\u{FF09}") == 10)  // full-width parentheses
        #expect(TextTable.displayWidth(of: "镇(街道)") == 8)  // ASCII parentheses
        #expect(groupedDigits(21_934) == "21,934" && groupedDigits(-1_000) == "-1,000" && groupedDigits(7) == "7")
    }
}
