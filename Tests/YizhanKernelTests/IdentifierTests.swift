import Testing
import YizhanKernel

struct IdentifierTests {
    @Test(arguments: ["baibu", "baibu-p1.core_2", String(repeating: "a", count: 64)])
    func acceptsPlainIDs(_ text: String) throws {
        #expect(try StationID(text).rawValue == text)
    }

    @Test(arguments: ["", "百步", "a b", "a,b", String(repeating: "a", count: 65), "x/y"])
    func refusesOthers(_ text: String) {
        #expect(throws: IdentifierError.self) { try StationID(text) }
    }

    @Test func generatesTimeOrderedVersion7UUIDs() {
        var generator = SystemRandomNumberGenerator()
        let earlier = EventID.generate(using: &generator, milliseconds: 1_636_000_000_000)
        let later = EventID.generate(using: &generator, milliseconds: 1_636_000_000_001)
        #expect(earlier < later)
        let text = earlier.rawValue
        #expect(text.count == 36)
        #expect(text.hasPrefix("017ce932-e800-7"))  // 1,636,000,000,000 ms = 0x017ce932e800
        #expect("89ab".contains(Array(text)[19]))
    }
}
