import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanLedger
import YizhanSQLite

/// The client ledger import on a real store: each person it registers needs informed consent, from
/// the row's own columns or stated for the file (issue 21.7, issue 22.1), and a child's is a
/// guardian's.
struct ClientLedgerConsentTests {
    static let dictionary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config/ledgers/headers.yaml")

    /// A migrated store holding the fixtures' directory, in a folder removed by `remove`.
    private func store() async throws -> (SQLiteStore, () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        return (store, { try? FileManager.default.removeItem(at: folder) })
    }

    private func importing(
        _ csv: String,
        into store: SQLiteStore,
        options: LedgerImportOptions
    ) async throws -> LedgerImportReport {
        let sheet = try LedgerSheet(data: Data(csv.utf8), file: "花名册.csv")
        return try await RosterImport(
            store: store,
            vault: FixtureVault(),
            vocabulary: try LedgerVocabulary.load(from: Self.dictionary, ledger: "clients"),
            clock: WorkClock(today: Fixtures.date("2021-12-31"))
        ).run(.clients, sheet, station: "baibu", options: options)
    }

    private static let roster = """
        姓名,身份证号,村(社区),知情同意日期,同意范围,同意人
        王小明,330424201001051230,330424102201,2021-03-01,接受服务、个人信息收集与使用,监护人
        李大爷,330424194003120014,330424102201,,,
        """

    @Test func aRowWithoutConsentIsRefusedNamingTheOptionThatStatesIt() async throws {
        let (store, remove) = try await store()
        defer { remove() }
        let before = try await store.events(after: .start, limit: 1_000).count
        let error = await #expect(throws: LedgerImportError.self) {
            try await self.importing(Self.roster, into: store, options: LedgerImportOptions())
        }
        guard case .refused(let report) = error?.reason else {
            Issue.record("expected the file refused, got \(String(describing: error))")
            return
        }
        #expect(report.rejections.map(\.row) == [3])
        #expect(report.rejections.first?.reason.zhHans.contains("--consent-date D --consent-scope") == true)
        #expect(try await store.events(after: .start, limit: 1_000).count == before)
    }

    @Test func theStatedConsentFillsTheRowsWithoutTheirOwnAndIsInTheEvent() async throws {
        let (store, remove) = try await store()
        defer { remove() }
        let stated = StatedConsent(date: "2021-03-05", scope: ["接受服务", "个人信息收集与使用"])
        let report = try await importing(Self.roster, into: store, options: LedgerImportOptions(statedConsent: stated))
        #expect(report.accepted == 2 && report.rejections.isEmpty)
        let clients = try await store.clients(in: .station(Fixtures.baibu.id), limit: 10).filter {
            $0.id != Fixtures.client.id
        }
        let consents = clients.compactMap(\.consent).sorted { $0.on < $1.on }
        #expect(consents.map(\.on.description) == ["2021-03-01", "2021-03-05"])
        #expect(consents.map(\.givenBy) == [.guardian, .person])
        let event = try #require(
            try await store.events(after: .start, limit: 1_000).last { $0.event.type == .ledgerImported }
        )
        let payload = try event.event.decodePayload(as: LedgerImported.self)
        #expect(payload.statedConsentOn?.description == "2021-03-05")
        #expect(payload.statedConsentScope == ["service", "personalInformation"])
    }

    @Test func aChildsRowWithoutAGuardianIsRefused() async throws {
        let (store, remove) = try await store()
        defer { remove() }
        let stated = StatedConsent(date: "2021-03-05", scope: ["个人信息收集与使用"])
        let child = """
            姓名,身份证号,村(社区)
            王小明,330424201001051230,330424102201
            """
        let error = await #expect(throws: LedgerImportError.self) {
            try await self.importing(child, into: store, options: LedgerImportOptions(statedConsent: stated))
        }
        guard case .refused(let report) = error?.reason else {
            Issue.record("expected the file refused")
            return
        }
        #expect(report.rejections.map(\.heading) == [""])
        #expect(report.rejections.first?.reason.zhHans.contains("未满 14 周岁") == true)
    }

    @Test func aStatedConsentThatIsWrongRefusesTheImportBeforeAnyRow() async throws {
        let (store, remove) = try await store()
        defer { remove() }
        let stated = StatedConsent(date: "2022-01-01", scope: ["接受服务"])
        let error = await #expect(throws: InputError.self) {
            try await self.importing(Self.roster, into: store, options: LedgerImportOptions(statedConsent: stated))
        }
        #expect(error?.issues.map(\.field) == ["consent-scope", "consent-date"])
    }
}
