import Testing
import YizhanServer

/// The check-in link's QR code: the version its length needs, and the fixed patterns and format
/// information a scanner reads first (the browser test decodes a whole code with zxing-cpp).
struct QRCodeTests {
    @Test(arguments: [(1, 14), (14, 1), (42, 3), (62, 4), (84, 5), (213, 10)])
    func theSmallestVersionThatHoldsTheTextIsChosen(length: Int, version: Int) throws {
        let code = try QRCode(text: String(repeating: "a", count: length))
        #expect(code.version == version || (length == 1 && code.version == 1))
        #expect(code.modules.count == code.size && code.modules.allSatisfy { $0.count == code.size })
    }

    @Test func finderTimingAndFormatInformationAreWhereScannersLook() throws {
        let code = try QRCode(text: "http://localhost/check-in/017dabf0-6c00-72ae-b693-543fb6632a75")
        let m = code.modules
        let n = code.size
        // Finder patterns: a dark ring, a light ring, a dark 3×3 core, in three corners.
        for (x, y) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            #expect((0..<7).allSatisfy { m[y][x + $0] && m[y + 6][x + $0] && m[y + $0][x] && m[y + $0][x + 6] })
            #expect((1..<6).allSatisfy { !m[y + 1][x + $0] && !m[y + 5][x + $0] })
            #expect((2..<5).allSatisfy { row in (2..<5).allSatisfy { m[y + row][x + $0] } })
        }
        #expect((8..<(n - 8)).allSatisfy { m[6][$0] == ($0 % 2 == 0) && m[$0][6] == ($0 % 2 == 0) })
        #expect(m[n - 8][8], "the dark module")
        // Both copies of the format information say level M and the mask chosen.
        var first = 0
        for i in 0...5 { first |= (m[i][8] ? 1 : 0) << i }
        first |= (m[7][8] ? 1 : 0) << 6 | (m[8][8] ? 1 : 0) << 7 | (m[8][7] ? 1 : 0) << 8
        for i in 9..<15 { first |= (m[8][14 - i] ? 1 : 0) << i }
        var second = 0
        for i in 0..<8 { second |= (m[8][n - 1 - i] ? 1 : 0) << i }
        for i in 8..<15 { second |= (m[n - 15 + i][8] ? 1 : 0) << i }
        #expect(first == second)
        let data = (first ^ 0x5412) >> 10
        #expect(data >> 3 == 0b00 && data & 7 == code.mask)
        #expect(code.version == 4)
    }

    @Test func aTextTooLongIsRefused() {
        #expect(throws: QRCodeError.self) { try QRCode(text: String(repeating: "a", count: 214)) }
    }
}
