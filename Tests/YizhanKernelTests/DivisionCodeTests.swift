import Testing
import YizhanKernel

struct DivisionCodeTests {
    @Test(arguments: [
        ("33", OrgLevel.province, "330000000000"), ("3304", .city, "330400000000"), ("330424", .county, "330424000000"),
        ("330424102", .township, "330424102000"), ("330424102201", .village, "330424102201"),
    ])
    func padsAndLevelsCodes(_ text: String, _ level: OrgLevel, _ padded: String) throws {
        let code = try DivisionCode(text)
        #expect(code.rawValue == padded)
        #expect(code.level == level)
    }

    @Test(arguments: ["3304241", "33042410220", "33042410220a", "990424", "000000", "330024102000", "330400102000", ""])
    func refusesMalformedCodes(_ text: String) {
        #expect(throws: DivisionCodeError.self) { try DivisionCode(text) }
    }

    @Test func walksUpAndContains() throws {
        let village = try DivisionCode("330424102201")
        #expect(village.parent?.rawValue == "330424102000")
        #expect(village.ancestor(at: .county)?.rawValue == "330424000000")
        #expect(try DivisionCode("33").parent == nil)
        #expect(try DivisionCode("330424").contains(village))
        #expect(!(try DivisionCode("330481").contains(village)))
        #expect(try DivisionCode("330424").descendantRange == "330424000000"..."330424999999")
    }
}
