import Foundation
import Testing
import ZIPFoundation

@testable import YizhanSpreadsheet

/// The XLSX reader takes no size from a file on trust: a crafted workbook is a clear error, never a
/// trap or a request for gigabytes (issue 21.14).
struct XLSXReaderTests {
    /// A one-sheet workbook whose sheet part is `sheet`, built in memory.
    private func workbook(sheet: String, sheetBytes: Data? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let parts: [(String, Data)] = [
            (
                "xl/workbook.xml",
                Data(
                    """
                    <workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                    <sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """.utf8
                )
            ),
            (
                "xl/_rels/workbook.xml.rels",
                Data(#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8)
            ),
            (
                "xl/worksheets/sheet1.xml",
                sheetBytes ?? Data("<worksheet><sheetData>\(sheet)</sheetData></worksheet>".utf8)
            ),
        ]
        for (path, data) in parts {
            try archive.addEntry(
                with: path,
                type: .file,
                uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test func readsAPlainSheet() throws {
        let data = try workbook(
            sheet: #"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1"><v>42</v></c></row>"#
        )
        #expect(try XLSXReader.rows(of: data) == [XLSXReader.Row(number: 1, cells: ["姓名", "", "42"])])
    }

    @Test(arguments: [
        // Twenty letters overflowed the column arithmetic and trapped.
        (#"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#, "past Excel's last column XFD"),
        // XFE is one past the last column: it would ask for a row of 16,385 cells and more.
        (#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#, "past Excel's last column XFD"),
        (#"<row r="2000000"><c r="A1"><v>1</v></c></row>"#, "outside 1 to 1,048,576"),
    ])
    func aCraftedSheetIsAClearError(sheet: String, reason: String) throws {
        let data = try workbook(sheet: sheet)
        let error = #expect(throws: XLSXReadError.self) { try XLSXReader.rows(of: data) }
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func theLastColumnIsRead() throws {
        let data = try workbook(sheet: #"<row r="1"><c r="XFD1"><v>7</v></c></row>"#)
        let rows = try XLSXReader.rows(of: data)
        #expect(rows.first?.cells.count == XLSXReader.maximumColumns && rows.first?.cells.last == "7")
    }
    /// ZIPFoundation's in-memory reader trapped on an entry that points past the archive's end, and
    /// Foundation's XML parser on a name that is not UTF-8 (both found by LedgerFuzzTests): each is
    /// now a clear error.
    @Test func aDamagedArchiveOrANonUTF8PartIsAClearError() throws {
        var bytes = [UInt8](try workbook(sheet: #"<row r="1"><c r="A1"><v>1</v></c></row>"#))
        let end = try #require((0...(bytes.count - 22)).last { bytes[$0..<$0 + 4] == [0x50, 0x4B, 0x05, 0x06] })
        // The central directory's offset, moved far past the end.
        bytes.replaceSubrange(end + 16..<end + 20, with: [0x00, 0x00, 0x00, 0x7F])
        let moved = #expect(throws: XLSXReadError.self) { try XLSXReader.rows(of: Data(bytes)) }
        #expect(moved?.reason.contains("a damaged ZIP archive") == true, "\(String(describing: moved))")

        let sheet =
            Data("<worksheet><sheetData><row r=\"1\"><c".utf8) + Data([0xE9, 0x80])
            + Data(" r=\"A1\"/></row></sheetData></worksheet>".utf8)
        let latin = #expect(throws: XLSXReadError.self) {
            try XLSXReader.rows(of: try workbook(sheet: "", sheetBytes: sheet))
        }
        #expect(latin?.reason == "the part is not UTF-8 text")
    }
}
