import Foundation
import Testing
import YizhanKernel

@testable import YizhanPrivacy

struct DataKeyVaultTests {
    let key = Data((0..<32).map { UInt8($0) })
    let owner = PersonalDataOwner.client(try! ClientID("baibu-c1"))
    let person = PersonalData(
        name: "王小明",
        idNumber: try? IDNumber("330424198506120014"),
        phone: try? PhoneNumber("13800001234")
    )

    @Test func sealsWithoutPlaintextAndOpensAgain() throws {
        let vault = try DataKeyVault(key: key)
        let sealed = try vault.seal(person, for: owner)
        let stored = [sealed.name, sealed.idNumber, sealed.phone, sealed.idNumberDigest, sealed.phoneDigest]
            .compactMap { $0 }.joined(separator: " ")
        for secret in ["王小明", "330424198506120014", "13800001234", "0014", "1234"] {
            #expect(!stored.contains(secret))
        }
        #expect(try vault.open(sealed, for: owner) == person)
        #expect(try vault.seal(person, for: owner).name != sealed.name)  // a fresh nonce every time
    }

    @Test func digestsAreStableAndKeyed() throws {
        let vault = try DataKeyVault(key: key)
        let id = try IDNumber("330424198506120014")
        #expect(vault.digest(of: id) == vault.digest(of: id))
        #expect(vault.digest(of: id).count == 64)
        #expect(try DataKeyVault(key: Data(repeating: 7, count: 32)).digest(of: id) != vault.digest(of: id))
        #expect(try vault.seal(person, for: owner).idNumberDigest == vault.digest(of: id))
    }

    @Test func refusesAnotherKeyAndAlteredData() throws {
        let sealed = try DataKeyVault(key: key).seal(person, for: owner)
        let other = try DataKeyVault(key: Data(repeating: 9, count: 32))
        #expect(throws: PrivacyError.self) { try other.open(sealed, for: owner) }
        var altered = sealed
        altered.name = String(sealed.name.dropLast(2)) + (sealed.name.hasSuffix("AA") ? "BB" : "AA")
        #expect(throws: PrivacyError.self) { try DataKeyVault(key: key).open(altered, for: owner) }
    }

    @Test func readsItsKeyFromAFileOrTheEnvironmentAndSaysWhatIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = DataKeyVault.generateKey()
        #expect(Data(base64Encoded: generated)?.count == 32)
        let file = folder.appendingPathComponent("data.key")
        try Data((generated + "\n").utf8).write(to: file)
        // A key file others can read is refused, with the command that fixes it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let readable = #expect(throws: PrivacyError.self) {
            try DataKeyVault(source: "file:data.key", relativeTo: folder)
        }
        #expect(readable?.message(in: .zhHans).contains("chmod 600 data.key") == true)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let fromFile = try DataKeyVault(source: "file:data.key", relativeTo: folder)
        let fromEnvironment = try DataKeyVault(source: "env:KEY", relativeTo: folder, environment: ["KEY": generated])
        let id = try IDNumber("330424198506120014")
        #expect(fromFile.digest(of: id) == fromEnvironment.digest(of: id))
        let missing = #expect(throws: PrivacyError.self) {
            try DataKeyVault(source: "env:NOPE", relativeTo: folder, environment: [:])
        }
        #expect(missing?.message(in: .zhHans).contains("env:NOPE") == true)
        #expect(throws: PrivacyError.self) { try DataKeyVault(key: Data(count: 16)) }
    }

    @Test func aKeysCheckValueTellsKeysApartAndRevealsNothingOfThem() throws {
        let key = Data(repeating: 7, count: 32)
        let vault = try DataKeyVault(key: key)
        #expect(vault.checkValue.count == 32 && vault.checkValue.allSatisfy(\.isHexDigit))
        #expect(try DataKeyVault(key: key).checkValue == vault.checkValue)
        #expect(try DataKeyVault(key: Data(repeating: 8, count: 32)).checkValue != vault.checkValue)
        #expect(!vault.checkValue.contains(key.map { String(format: "%02x", $0) }.joined().prefix(8)))
    }

    /// A sealed value opens only as the person it was sealed for: copied from a volunteer's row into
    /// a client's, or from one client to another, it does not open (issue 21.12).
    @Test func aSealedValueOpensOnlyAsItsOwner() throws {
        let vault = try DataKeyVault(key: key)
        let sealed = try vault.seal(person, for: owner)
        #expect(sealed.name.hasPrefix("v2:"))
        #expect(throws: PrivacyError.self) { try vault.open(sealed, for: .volunteer(try VolunteerID("baibu-c1"))) }
        #expect(throws: PrivacyError.self) { try vault.open(sealed, for: .client(try ClientID("baibu-c2"))) }
        // Fields are bound too: the name's ciphertext in the phone's place does not open.
        var swapped = sealed
        swapped.phone = sealed.name
        #expect(throws: PrivacyError.self) { try vault.open(swapped, for: owner) }
        // A value sealed before binding still opens, and is sealed again bound, digests kept.
        let unbound = SealedPersonalData(name: try vault.sealUnbound("李大爷"), idNumberDigest: "digest")
        #expect(DataKeyVault.isUnbound(unbound))
        #expect(try vault.open(unbound, for: owner).name == "李大爷")
        let resealed = try vault.resealed(unbound, for: owner)
        #expect(!DataKeyVault.isUnbound(resealed) && resealed.idNumberDigest == "digest")
        #expect(try vault.open(resealed, for: owner).name == "李大爷")
        #expect(throws: PrivacyError.self) { try vault.open(resealed, for: .client(try ClientID("other"))) }
    }
}
