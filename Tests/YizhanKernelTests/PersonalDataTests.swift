import Testing
import YizhanKernel

struct PersonalDataTests {
    /// Check characters computed independently (ISO 7064 MOD 11-2); the first is GB 11643's own example.
    @Test(arguments: [
        "11010519491231002X", "330424198506120014", "330424201503010121", "440304199912311237", "11010519491231002x",
    ])
    func acceptsValidIDNumbers(_ text: String) throws {
        let id = try IDNumber(text, today: try CivilDate(parsing: "2021-11-05"))
        #expect(id.rawValue == text.uppercased())
    }

    @Test(arguments: [
        ("110105194912310021", "校验位不符"), ("33042419850612001", "18 位"), ("3304241985061200X4", "18 位"),
        ("990424198506120014", "省级行政区划"), ("330424198502300014", "出生日期"), ("330424203001010014", "出生日期"),
        ("330424189912310014", "出生日期"),
    ])
    func refusesInvalidIDNumbersWithoutRepeatingThem(_ text: String, _ reason: String) {
        let error = #expect(throws: IDNumberError.self) {
            try IDNumber(text, today: try CivilDate(parsing: "2021-11-05"))
        }
        #expect(error?.message(in: .zhHans).contains(reason) == true)
        #expect(error?.message(in: .zhHans).contains(text) == false)
    }

    @Test func masksAndReadsTheBirthDate() throws {
        let id = try IDNumber("330424198506120014")
        #expect(id.masked == "330424********0014")
        #expect(id.birthDate?.description == "1985-06-12")
        #expect(PersonalData(name: "王小明").maskedName == "王**")
        #expect(PersonalData(name: "李").maskedName == "李*")
    }

    @Test(arguments: [
        ("13800001234", "13800001234", "138****1234"), ("+86 138 0000 1234", "13800001234", "138****1234"),
        ("0573-86123456", "0573-86123456", "0573-****3456"), ("01062345678", "010-62345678", "010-****5678"),
    ])
    func readsAndMasksPhoneNumbers(_ text: String, _ stored: String, _ masked: String) throws {
        let phone = try PhoneNumber(text)
        #expect(phone.rawValue == stored && phone.masked == masked)
    }

    @Test(arguments: ["1380000123", "23800001234", "12800001234", "phone", "0573-1"])
    func refusesWhatIsNotAPhoneNumber(_ text: String) {
        #expect(throws: PhoneNumberError.self) { try PhoneNumber(text) }
    }
}
