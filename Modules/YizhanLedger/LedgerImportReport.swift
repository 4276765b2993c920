public import Foundation
import YizhanConfig
public import YizhanKernel
import YizhanSpreadsheet

/// What an import did with a ledger: rows written, rows an earlier import had written, and every
/// refused row with its row, column, value and reason — shown on the terminal and written as CSV.
public struct LedgerImportReport: Sendable {
    /// The file.
    public var file: String
    /// CSV or XLSX.
    public var format: LedgerFormat
    /// The text encoding found.
    public var encoding: LedgerEncoding
    /// The file's SHA-256.
    public var digest: String
    /// The title and heading rows.
    public var headerRows: [Int]
    /// Each field found, with the heading it was found under, in the dictionary's order.
    public var columns: [(field: String, heading: String)]
    /// Headings the dictionary does not know, left unread.
    public var ignoredHeadings: [String]
    /// Data rows read (blank rows are not counted).
    public var dataRows = 0
    /// Rows written by this import.
    public var accepted = 0
    /// Rows an earlier import had written already.
    public var alreadyImported = 0
    /// People a service ledger named by name and ID number and this import registered.
    public var registered = 0
    /// Every refused cell, by row then column.
    public var rejections: [LedgerRejection] = []
    /// Rows that name a stored record but differ from it, by row.
    public var differences: [LedgerDifference] = []
    /// Stored records this import corrected (with `applyCorrections`).
    public var corrected = 0
    /// Workers named as people write them (王社工), matching no worker of the station: kept on the
    /// records as written, each with the rows that name it, in the order first met.
    public var workerNames: [LedgerWorkerName] = []
    /// The station's workers (`张三(w-1)、李四(w-2)`), for the warning about `workerNames`.
    public var stationWorkers = ""
    /// The totals and notes rows skipped, and the ledger's own totals against the rows read.
    public var totals = LedgerTotalsCheck()
    /// The column each field was read from: what a preview shows as understood.
    public var columnOfField: [String: Int] = [:]
    /// The name of each field (its first heading in the dictionary), for the preview.
    public var fieldNames: [String: String] = [:]
    /// Whether this is a preview (`--dry-run`): every count is what the import would do; nothing was written.
    public var dryRun = false
    /// The first rows as they would be recorded (a preview's).
    public var preview: [LedgerPreviewRow] = []
    /// The first people a preview would register, masked.
    public var registeredPreview: [LedgerPreviewRow] = []
    /// Whether anything was written.
    public var written = false
    /// Whether refused rows stopped an all-or-nothing import (then nothing was written).
    public var refused = false

    /// The rows refused (a row with two bad cells counts once).
    public var rejectedRows: Int { Set(rejections.map(\.row)).count }

    /// The summary lines and one line per refused cell, in `language`.
    public func lines(in language: Language) -> [String] {
        var lines: [String] = []
        let zh = language == .zhHans
        lines.append(
            zh
                ? "\(file)(\(format.rawValue.uppercased()),\(encoding.rawValue)):标题和表头在第 \(headerRows.map(String.init).joined(separator: "、")) 行,数据 \(dataRows) 行"
                : "\(file) (\(format.rawValue.uppercased()), \(encoding.rawValue)): title and headings on row(s) \(headerRows.map(String.init).joined(separator: ", ")), \(dataRows) data rows"
        )
        if dryRun {
            lines.insert(zh ? "预演(--dry-run):未写入任何内容" : "preview (--dry-run): nothing was written", at: 0)
            let understood = columns.compactMap { entry -> (Int, String)? in
                guard let column = columnOfField[entry.field] else { return nil }
                let name = fieldNames[entry.field] ?? entry.field
                let same = LedgerHeadersFile.normalized(name) == LedgerHeadersFile.normalized(entry.heading)
                return (
                    column,
                    zh
                        ? "\(LedgerColumns.letter(column)) 列“\(entry.heading)”" + (same ? "" : "→\(name)")
                        : "\(LedgerColumns.letter(column)) '\(entry.heading)'" + (same ? "" : " → \(entry.field)")
                )
            }
            lines.append(
                (zh ? "读取的列:" : "columns read: ")
                    + understood.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: zh ? "、" : ", ")
            )
            if !preview.isEmpty {
                lines.append(zh ? "前 \(preview.count) 行将记录为:" : "the first \(preview.count) rows would be recorded as:")
                for row in preview { lines.append("  " + row.message(in: language)) }
            }
            for row in registeredPreview { lines.append("  " + row.message(in: language)) }
        }
        if !ignoredHeadings.isEmpty {
            lines.append(
                zh
                    ? "未使用的列:\(ignoredHeadings.joined(separator: "、"))"
                    : "columns not read: \(ignoredHeadings.joined(separator: ", "))"
            )
        }
        for rejection in rejections { lines.append("  " + rejection.message(in: language)) }
        if !workerNames.isEmpty {
            lines.append(
                zh
                    ? "提醒:以下社工的写法与本站社工对不上,已按原文保存在记录上(本站社工:\(stationWorkers));可用 yizhan record correct 记录ID --worker 社工标识 改正,或加 --strict 拒收这些行"
                    : "warning: these workers match no worker of the station and were kept on the records as written (the station's workers: \(stationWorkers)); correct them with yizhan record correct ID --worker WORKER, or pass --strict to refuse such rows"
            )
            for name in workerNames { lines.append("  " + name.message(in: language)) }
        }
        for difference in differences {
            lines.append("  " + difference.message(applied: corrected > 0, in: language))
        }
        if !differences.isEmpty, corrected == 0, !refused {
            lines.append(
                zh
                    ? "\(differences.count) 行与已存记录不同,未改动;核对无误后加 --apply-corrections 按台账更正(每条成为新版本并留下历史)"
                    : "\(differences.count) rows differ from their stored records and were left alone; pass --apply-corrections to correct them from the ledger (each a new version, history kept)"
            )
        }
        lines += totals.lines(in: language)
        let outcome: String
        if dryRun, refused {
            outcome =
                zh
                ? "预演:\(rejectedRows) 行有误,正式导入时不会导入任何行(改正后重新导入,或加 --skip-invalid 只导入正确的行)"
                : "preview: \(rejectedRows) rows refused; the import would write nothing (fix them, or pass --skip-invalid)"
        } else if dryRun {
            outcome =
                zh
                ? "预演:将导入 \(accepted) 行;\(alreadyImported) 行此前已导入,不会重复写入;\(rejectedRows) 行有误,将跳过"
                    + (registered > 0 ? ";将登记新服务对象 \(registered) 人" : "")
                    + (corrected > 0 ? ";将更正已存记录 \(corrected) 条" : "")
                : "preview: would import \(accepted) rows; \(alreadyImported) imported before; \(rejectedRows) refused and skipped"
                    + (corrected > 0 ? "; would correct \(corrected) stored records" : "")
        } else if refused {
            outcome =
                zh
                ? "\(rejectedRows) 行有误,未导入任何行(改正后重新导入,或用 --skip-invalid 只导入正确的行)"
                : "\(rejectedRows) rows refused, nothing was imported (fix them and import again, or pass --skip-invalid to import the good rows)"
        } else {
            outcome =
                zh
                ? "已导入 \(accepted) 行;\(alreadyImported) 行此前已导入,未重复写入;\(rejectedRows) 行有误,已跳过"
                    + (registered > 0 ? ";登记新服务对象 \(registered) 人" : "")
                    + (corrected > 0 ? ";更正已存记录 \(corrected) 条" : "")
                : "imported \(accepted) rows; \(alreadyImported) imported before, not written again; \(rejectedRows) refused and skipped"
                    + (registered > 0 ? "; registered \(registered) new clients" : "")
                    + (corrected > 0 ? "; corrected \(corrected) stored records" : "")
        }
        lines.append(outcome)
        return lines
    }

    /// The refused cells as a CSV file for Excel: row, column, heading, value, reason.
    public func rejectionsCSV(in language: Language) -> Data {
        let heading =
            language == .zhHans ? ["行", "列", "表头", "内容", "原因"] : ["row", "column", "heading", "value", "reason"]
        return CSVWriter.document(
            [heading]
                + rejections.map { rejection in
                    [
                        String(rejection.row), rejection.column.map(LedgerColumns.letter) ?? "", rejection.heading,
                        rejection.value, rejection.reason.text(in: language),
                    ]
                }
        )
    }
}

extension LedgerImportReport {
    /// Notes the workers' names `record` keeps as written, read from `row`.
    mutating func noteWorkerNames(of record: ServiceRecord, row: Int) {
        for name in record.workerNames {
            if let index = workerNames.firstIndex(where: { $0.name == name }) {
                workerNames[index].rows.append(row)
            } else {
                workerNames.append(LedgerWorkerName(name: name, rows: [row]))
            }
        }
    }
}

/// A worker a ledger names as people write them (王社工) and the rows that name them.
public struct LedgerWorkerName: Hashable, Sendable {
    /// The name as written.
    public var name: String
    /// The rows imported with it.
    public var rows: [Int]

    /// `“王社工”:第 5、9 行`, the rows cut after ten.
    public func message(in language: Language) -> String {
        let shown = rows.prefix(10).map(String.init).joined(separator: language == .zhHans ? "、" : ", ")
        let more = rows.count > 10 ? (language == .zhHans ? " 等 \(rows.count) 行" : " … (\(rows.count) rows)") : ""
        return language == .zhHans ? "“\(name)”:第 \(shown) 行\(more)" : "'\(name)': row(s) \(shown)\(more)"
    }
}

/// One refused cell of a ledger (or a refused row, when no column is to blame).
public struct LedgerRejection: Hashable, Sendable {
    /// The row number.
    public var row: Int
    /// The zero-based column, if one cell is to blame.
    public var column: Int?
    /// Its heading as the ledger writes it.
    public var heading: String
    /// The value found; an ID number or phone masked, a name reduced to its first character.
    public var value: String
    /// What was expected, or why the row is refused.
    public var reason: LocalizedText

    /// `第 7 行 B 列“服务日期”:“2099-01-01”,应为 …`.
    public func message(in language: Language) -> String {
        let place: String
        if let column {
            let letter = LedgerColumns.letter(column)
            place =
                language == .zhHans
                ? "第 \(row) 行 \(letter) 列“\(heading)”" : "row \(row), column \(letter) '\(heading)'"
        } else {
            place = language == .zhHans ? "第 \(row) 行" : "row \(row)"
        }
        let shown = value.isEmpty ? (language == .zhHans ? "(空)" : "(empty)") : "“\(value)”"
        return language == .zhHans
            ? "\(place):\(shown),\(reason.zhHans)" : "\(place): \(shown), \(reason.en)"
    }
}

/// What `yizhan import` is asked to do with bad rows.
public struct LedgerImportOptions: Sendable {
    /// Write the good rows and skip the refused ones (default: refuse the whole file).
    public var skipInvalid: Bool
    /// Correct a stored record from a row that names it and differs (default: report the difference).
    public var applyCorrections: Bool
    /// Who imports (for the events).
    public var actor: Actor
    /// Preview only (`--dry-run`): run every check and count, write nothing.
    public var dryRun: Bool
    /// Refuse a service-ledger row whose person is not registered, instead of registering them.
    public var noRegister: Bool
    /// Refuse a service-ledger row whose worker cell names no worker of the station, instead of
    /// keeping the name as written (`--strict`).
    public var strict: Bool
    /// The consent form a station states it holds for every person a row registers without
    /// consent columns of its own (`--consent-date D --consent-scope …`), as typed.
    public var statedConsent: StatedConsent?

    /// Creates options.
    public init(
        skipInvalid: Bool = false,
        applyCorrections: Bool = false,
        actor: Actor = .cli,
        statedConsent: StatedConsent? = nil,
        dryRun: Bool = false,
        noRegister: Bool = false,
        strict: Bool = false
    ) {
        self.noRegister = noRegister
        self.strict = strict
        self.skipInvalid = skipInvalid
        self.applyCorrections = applyCorrections
        self.actor = actor
        self.statedConsent = statedConsent
        self.dryRun = dryRun
    }
}

/// A consent stated once for the people an import registers: the signed paper forms are on file.
public struct StatedConsent: Hashable, Sendable {
    /// The day the forms were signed, as typed.
    public var date: String?
    /// What they cover, as typed.
    public var scope: [String]
    /// Who signed them (本人 or 监护人), as typed.
    public var givenBy: String?

    /// Creates a stated consent.
    public init(date: String?, scope: [String], givenBy: String? = nil) {
        self.date = date
        self.scope = scope
        self.givenBy = givenBy
    }

    /// Whether anything was stated at all.
    public var isEmpty: Bool { (date ?? "").isEmpty && scope.isEmpty && (givenBy ?? "").isEmpty }
}

/// A row that names a stored record (its `记录编号`, a gift's `登记编号`) but reads otherwise:
/// edited after the export.
public struct LedgerDifference: Hashable, Sendable, Codable {
    /// The row.
    public var row: Int
    /// The id of the stored record or gift it names.
    public var record: String
    /// What differs (`date`, `durationMinutes`, `participants` …).
    public var changed: [String]

    /// `第 7 行与记录 … 不同:durationMinutes`.
    public func message(applied: Bool, in language: Language) -> String {
        let what = changed.joined(separator: language == .zhHans ? "、" : ", ")
        return switch (applied, language) {
        case (false, .zhHans): "第 \(row) 行与已存记录 \(record) 不同:\(what)"
        case (false, .en): "row \(row) differs from stored record \(record): \(what)"
        case (true, .zhHans): "第 \(row) 行更正了记录 \(record):\(what)"
        case (true, .en): "row \(row) corrected record \(record): \(what)"
        }
    }
}

/// Why an import stopped before or while writing.
public struct LedgerImportError: Error, Sendable, UserFacingError {
    /// What stopped it.
    public enum Reason: Sendable {
        /// The station named is not registered.
        case unknownStation(String)
        /// No heading row was found, or required fields are missing.
        case missingColumns(found: [String], missing: [String], vocabulary: [String: String])
        /// Rows were refused and the import is all-or-nothing: nothing was written.
        case refused(LedgerImportReport)
        /// A preview ran to the end and was rolled back: what the import would do.
        case dryRun(LedgerImportReport)
    }

    /// The file.
    public var file: String
    /// What stopped the import.
    public var reason: Reason

    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch reason {
        case .unknownStation(let station):
            return zh
                ? "没有社工站“\(station)”;用 yizhan station list 查看已登记的社工站"
                : "no station '\(station)'; yizhan station list shows the registered ones"
        case .missingColumns(let found, let missing, let vocabulary):
            let wanted = missing.map { field in "\(field)(\(vocabulary[field] ?? field))" }
            let seen = found.isEmpty ? (zh ? "(无)" : "(none)") : found.joined(separator: zh ? "、" : ", ")
            return zh
                ? "\(file) 缺少必需的列:\(wanted.joined(separator: "、"));读到的表头:\(seen)。请在表头词典 config/ledgers/headers.yaml 中补充写法,或用 --column 表头=字段 指明,或改正表头"
                : "\(file) lacks required columns: \(wanted.joined(separator: ", ")); headings found: \(seen). Add the spelling to config/ledgers/headers.yaml, name it with --column heading=field, or fix the heading"
        case .refused(let report), .dryRun(let report):
            return report.lines(in: language).joined(separator: "\n")
        }
    }
}

/// A row of a preview: its number and what it would be recorded as.
public struct LedgerPreviewRow: Hashable, Sendable, Codable {
    /// The row.
    public var row: Int
    /// What it would be recorded as, in Chinese.
    public var zhHans: String
    /// What it would be recorded as, in English.
    public var en: String

    /// `第 4 行 → 2021-11-03 入户走访,40 分钟,1 人次`.
    public func message(in language: Language) -> String {
        language == .zhHans ? "第 \(row) 行 → \(zhHans)" : "row \(row) → \(en)"
    }

    /// A service record as the preview shows it: no person named.
    static func service(_ record: ServiceRecord, row: Int) -> LedgerPreviewRow {
        let count = record.workers.count + record.workerNames.count
        let asWritten = record.workerNames.isEmpty ? "" : "(其中 \(record.workerNames.count) 人按原文)"
        let asWrittenEn = record.workerNames.isEmpty ? "" : " (\(record.workerNames.count) as written)"
        let workers = count == 0 ? "" : ",社工 \(count) 人\(asWritten)"
        let workersEn = count == 0 ? "" : ", \(count) workers\(asWrittenEn)"
        return LedgerPreviewRow(
            row: row,
            zhHans:
                "\(record.date) \(record.kind.label(in: .zhHans)),\(record.durationMinutes) 分钟,\(record.personTimes) 人次\(workers)",
            en:
                "\(record.date) \(record.kind.label(in: .en)), \(record.durationMinutes) min, \(record.personTimes) person-times\(workersEn)"
        )
    }

    /// A gift as the preview shows it.
    static func donation(_ gift: Donation, row: Int) -> LedgerPreviewRow {
        LedgerPreviewRow(
            row: row,
            zhHans:
                "\(gift.receivedOn) \(gift.donorKind.label(in: .zhHans)) \(gift.kind.label(in: .zhHans)) \(gift.amount)",
            en: "\(gift.receivedOn) \(gift.donorKind.label(in: .en)) \(gift.kind.label(in: .en)) \(gift.amount)"
        )
    }
}
