import Foundation
import Testing
import YizhanKernel
import YizhanKernelTesting
import YizhanLedger
import YizhanRuntime
import YizhanSQLite
import YizhanSpreadsheet
import ZIPFoundation

/// Thousands of damaged ledgers — truncated and corrupted workbooks, broken sheet XML, huge cells,
/// NUL bytes, mixed encodings — through the service import on a real store: nothing crashes,
/// nothing is written from a file that is refused, and every refusal names the file or a row
/// (issue 22, what it must show).
struct LedgerFuzzTests {
    static let ledgers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("YizhanEndToEndTests/Ledgers")

    /// A clean month of 百步's work, as CSV and as a workbook: the seeds every damage starts from,
    /// with the messy fixtures.
    static func seeds() throws -> [(name: String, data: Data)] {
        let rows =
            [["服务日期", "服务类型", "时长(分钟)", "人数", "备注"]]
            + (1...12).map { day in
                [
                    "2021-11-\(String(format: "%02d", day))", day % 2 == 0 ? "入户走访" : "社区活动", "\(30 + day)", "\(day)",
                    "第\(day)次",
                ]
            }
        let csv = Data(rows.map { $0.joined(separator: ",") }.joined(separator: "\r\n").utf8)
        let workbook = try XLSXWorkbook(
            sheets: [XLSXSheet(name: "台账", rows: rows.map { $0.map(XLSXCell.text) })]
        ).data()
        return [("clean.csv", csv), ("clean.xlsx", workbook)]
            + (try ["services-gbk.csv", "services.xlsx", "services-totals.xlsx", "clients-bom.csv"].map {
                ($0, try Data(contentsOf: ledgers.appendingPathComponent($0)))
            })
    }

    /// One random damage of `data`.
    static func damage(_ data: Data, xlsx: Bool, using generator: inout SplitMix64) throws -> Data {
        var bytes = [UInt8](data)
        func position() -> Int { Int(generator.next() % UInt64(bytes.count + 1)) }
        switch generator.next() % (xlsx ? 8 : 7) {
        case 0:
            bytes = Array(bytes.prefix(position()))
        case 1:
            for _ in 0..<(1 + generator.next() % 8) where !bytes.isEmpty {
                bytes[position() % bytes.count] = UInt8(truncatingIfNeeded: generator.next())
            }
        case 2:
            for _ in 0..<(1 + generator.next() % 4) { bytes.insert(0, at: position()) }
        case 3:
            let huge = Array(String(repeating: "一", count: 20_000 + Int(generator.next() % 20_000)).utf8)
            bytes.insert(contentsOf: huge, at: position())
        case 4:
            // GBK bytes (服务) into UTF-8 text, or UTF-8 into GBK.
            let other: [UInt8] = generator.next() % 2 == 0 ? [0xB7, 0xFE, 0xCE, 0xF1] : Array("服务".utf8)
            bytes.insert(contentsOf: other, at: position())
        case 5:
            let start = position()
            let end = min(bytes.count, start + Int(generator.next() % 200))
            bytes.insert(contentsOf: bytes[start..<end], at: position())
        case 6:
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + Int(generator.next() % 300)))
        default:
            return try brokenSheet(data, using: &generator)
        }
        return Data(bytes)
    }

    /// A workbook whose sheet XML is damaged inside a well-formed archive.
    static func brokenSheet(_ data: Data, using generator: inout SplitMix64) throws -> Data {
        let source = try Archive(data: data, accessMode: .read)
        let target = try Archive(accessMode: .create)
        let edits: [(String) -> String] = [
            { String($0.prefix($0.count / 2)) },
            { $0.replacingOccurrences(of: "</row>", with: "") },
            { $0.replacingOccurrences(of: "<c r=\"", with: "<c r=\"ZZZZZ99999999") },
            { $0.replacingOccurrences(of: "<row r=\"", with: "<row r=\"99999999999") },
            { $0.replacingOccurrences(of: "t=\"s\"", with: "t=\"s\" s=\"99999\"") },
            { $0.replacingOccurrences(of: "<v>", with: "<v>1e999") },
            { $0.replacingOccurrences(of: "sheetData", with: "sheetDat") },
        ]
        let edit = edits[Int(generator.next() % UInt64(edits.count))]
        for entry in source {
            var content = Data()
            _ = try source.extract(entry, skipCRC32: true) { content.append($0) }
            if entry.path.hasPrefix("xl/worksheets/") || entry.path == "xl/sharedStrings.xml" {
                content = Data(edit(String(decoding: content, as: UTF8.self)).utf8)
            }
            try target.addEntry(
                with: entry.path,
                type: .file,
                uncompressedSize: Int64(content.count),
                compressionMethod: .deflate
            ) { offset, size in
                content.subdata(in: Int(offset)..<Int(offset) + size)
            }
        }
        return target.data ?? Data()
    }

    @Test func damagedLedgersNeverCrashNorWriteHalfAFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yizhan-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(path: folder.appendingPathComponent("yizhan.sqlite").path)
        try await store.migrate()
        try await store.commit(Fixtures.directory())
        let vocabulary = try LedgerVocabulary.load(from: ClientLedgerConsentTests.dictionary, ledger: "services")
        let importer = ServiceLedgerImport(
            store: store,
            vault: FixtureVault(),
            vocabulary: vocabulary,
            clock: WorkClock(today: Fixtures.date("2021-12-31"))
        )
        let recordsBefore = try await store.serviceRecords(ServiceRecordQuery(limit: Int.max)).count
        var written = 0
        var outcomes: [String: Int] = [:]
        var generator = SplitMix64(seed: 20_221_203)
        let seeds = try Self.seeds()
        for round in 0..<2_000 {
            let (seedName, seed) = seeds[round % seeds.count]
            let xlsx = seedName.hasSuffix(".xlsx")
            var data = try Self.damage(seed, xlsx: xlsx, using: &generator)
            if generator.next() % 3 == 0 { data = try Self.damage(data, xlsx: false, using: &generator) }
            let name = "fuzz-\(round)-\(seedName)"
            let sheet: LedgerSheet
            do {
                sheet = try LedgerSheet(data: data, file: name)
            } catch {
                #expect(error.message(in: .zhHans).hasPrefix(name), "round \(round): \(error.message(in: .zhHans))")
                outcomes["file refused", default: 0] += 1
                continue
            }
            let before = try await store.lastEventSequence()
            do {
                let report = try await importer.run(sheet, station: "baibu")
                written += report.accepted
                outcomes["imported", default: 0] += 1
            } catch let error as LedgerImportError {
                #expect(try await store.lastEventSequence() == before, "round \(round) wrote part of a refused file")
                switch error.reason {
                case .refused(let report):
                    #expect(!report.rejections.isEmpty && report.rejections.allSatisfy { $0.row > 0 })
                    outcomes["rows refused", default: 0] += 1
                case .missingColumns:
                    #expect(error.message(in: .zhHans).hasPrefix(name))
                    outcomes["columns missing", default: 0] += 1
                default:
                    Issue.record("round \(round): \(error.message(in: .zhHans))")
                }
            }
        }
        let records = try await store.serviceRecords(ServiceRecordQuery(limit: Int.max)).count
        #expect(records == recordsBefore + written)
        // Every kind of outcome was reached: the damage is neither too gentle nor too rough.
        #expect(Set(outcomes.keys) == ["file refused", "imported", "rows refused", "columns missing"], "\(outcomes)")
    }
}
