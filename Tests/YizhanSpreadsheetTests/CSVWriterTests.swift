import Testing

@testable import YizhanSpreadsheet

/// CSV cells as Excel on a Chinese desktop reads them (issue 21.14).
struct CSVWriterTests {
    @Test(arguments: [
        // An 18-digit ID number and a 12-digit division code stay whole, as text.
        ("330424198506120014", #""=""330424198506120014""""#),
        ("330424102201", #""=""330424102201""""#),
        // A leading zero stays.
        ("0573", #""=""0573""""#),
        // An ID number ending in X, a phone, a figure, a formula: as before.
        ("33042419400312001X", "33042419400312001X"),
        ("13800138000", "13800138000"),
        ("2447", "2447"),
        ("0", "0"),
        ("=HYPERLINK(\"x\")", #""'=HYPERLINK(""x"")""#),
    ])
    func longNumbersStayTextAndFormulasStayDefused(cell: String, written: String) {
        #expect(CSVWriter.field(cell) == written)
    }
}
