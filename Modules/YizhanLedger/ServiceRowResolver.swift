import Foundation
import YizhanKernel

/// Turns one service-ledger row into a checked record: resolves the names a ledger writes to the
/// station's ids, then checks the record as `RecordService` does, and keys it by its content.
struct ServiceRowResolver: Sendable {
    let vocabulary: LedgerVocabulary
    let columns: LedgerColumns
    let villages: [OrgUnit]
    /// ID numbers named in the clients column → their keyed digests.
    let digests: [String: String]
    let today: CivilDate
    /// The extra record fields of the brand plugins serving the station.
    var pluginFields: [PluginRecordField] = []
    /// Whether a worker cell that names no worker of the station refuses the row (`--strict`)
    /// instead of keeping the name as written on the record.
    var strictWorkers = false
    /// Why a person named by ID number and not registered is refused: how to have them registered.
    var unregistered = LocalizedText(
        "本站已登记的服务对象(先用 yizhan import clients 导入花名册)",
        en: "a client registered at this station (import the client ledger first)"
    )

    /// The ledger field each `RecordService` issue field belongs to.
    private var fieldOfIssue: [String: String] {
        [
            "date": "date", "kind": "kind", "duration": "duration", "village": "village", "worker": "workers",
            "client": "clients", "head-count": columns.columnOfField["headCount"] == nil ? "clients" : "headCount",
            "program": "program", "sub-project": "subProject",
            // A row without a photo column keeps none, so only that column is ever refused for photos.
            "photos": "photos",
        ]
    }

    func record(from row: LedgerRow, context: StationContext) -> (ServiceRecord?, RowIssues) {
        var issues = RowIssues(row: row.number, columns: columns)
        func cell(_ field: String) -> String { columns.cell(field, of: row) }

        let kindText = cell("kind")
        let minutes = duration(cell("duration"), issues: &issues)
        let village = self.village(cell("village"), issues: &issues)
        let (workers, workerNames) = self.workers(cell("workers"), context: context, issues: &issues)
        let clients = self.clients(cell("clients"), context: context, issues: &issues)
        let headCount = self.headCount(cell("headCount"), issues: &issues)
        let photos = self.photos(cell("photos"), issues: &issues)
        if issues.fields.contains("clients") {
            issues.suppress("headCount")
        } else if cell("clients").isEmpty, cell("headCount").isEmpty {
            issues.refuse(
                columns.columnOfField["headCount"] == nil ? "clients" : "headCount",
                "",
                LocalizedText("人数,或服务对象(编号或身份证号)", en: "a head-count, or the clients (ids or ID numbers)")
            )
        }
        let (program, subProject) = self.program(cell("program"), cell("subProject"), context: context, issues: &issues)
        var fields: [String: String] = [:]
        for field in pluginFields {
            let key = LedgerVocabulary.pluginField(field.id)
            let text = cell(key)
            if !text.isEmpty { fields[field.id] = vocabulary.code(for: text, field: key) }
        }
        let request = ServiceRecordRequest(
            station: context.station.id.rawValue,
            kind: vocabulary.code(for: kindText, field: "kind"),
            date: cell("date"),
            durationMinutes: minutes ?? 0,
            village: village,
            workers: workers,
            workerNames: workerNames,
            clients: clients,
            headCount: clients.isEmpty ? headCount : nil,
            program: program,
            subProject: subProject,
            fields: fields,
            photos: photos
        )
        do {
            var record = try RecordService.check(request, context: context, today: today, fields: pluginFields)
            guard issues.isEmpty else { return (nil, issues) }
            record.ledgerKey = LedgerImportSupport.key(canonical(record, note: cell("note")))
            return (record, issues)
        } catch {
            for issue in error.issues {
                let field = fieldOfIssue[issue.field] ?? issue.field
                let asWritten = field == "date" || field == "kind" || field.hasPrefix(LedgerVocabulary.pluginField(""))
                let value = asWritten ? cell(field) : issue.found
                issues.refuse(
                    field,
                    field == "clients" ? LedgerImportSupport.maskedIfPersonal(value) : value,
                    choices(of: field) ?? issue.expected
                )
            }
            return (nil, issues)
        }
    }

    /// For a plugin field that is a choice, what a ledger may write: the elements' names as the
    /// ledger shows them, or their ids.
    private func choices(of field: String) -> LocalizedText? {
        guard
            let options = pluginFields.first(where: { LedgerVocabulary.pluginField($0.id) == field })?.options,
            !options.isEmpty
        else { return nil }
        let names = options.map { vocabulary.word(for: $0, field: field) }.joined(separator: "、")
        let ids = options.joined(separator: "、")
        return LocalizedText("以下之一:\(names)(或标识 \(ids))", en: "one of: \(names) (or the ids \(ids))")
    }

    /// The text a row's key is made from: every fact of the record, and the remark.
    private func canonical(_ record: ServiceRecord, note: String) -> String {
        let participants: String =
            switch record.participants {
            case .clients(let ids): "c:" + ids.map(\.rawValue).sorted().joined(separator: ",")
            case .headCount(let count): "n:\(count)"
            }
        return [
            "services/1", record.station.rawValue, record.date.description, record.kind.rawValue,
            String(record.durationMinutes), record.village?.rawValue ?? "",
            record.workers.map(\.rawValue).sorted().joined(separator: ","), participants,
            record.program?.rawValue ?? "", record.subProject?.rawValue ?? "", note,
        ].joined(separator: "\u{1F}")
            // Photos and the plugins' fields only when there are any, so rows without them keep their keys.
            + (record.photos == 0 ? "" : "\u{1F}p:\(record.photos)")
            // Workers' names as written, only when some named no worker (such rows were refused before).
            + (record.workerNames.isEmpty ? "" : "\u{1F}w:" + record.workerNames.joined(separator: ","))
            + (record.fields.isEmpty
                ? ""
                : "\u{1F}f:"
                    + record.fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }

    /// Minutes from `90`, `90分钟`, `1.5小时` or `1.5h`.
    private func duration(_ text: String, issues: inout RowIssues) -> Int? {
        guard !text.isEmpty else {
            issues.refuse("duration", "", LocalizedText("服务时长(分钟)", en: "the duration in minutes"))
            return nil
        }
        if let minutes = Int(text), minutes >= 0 { return minutes }
        var body = Substring(text)
        var factor = 1.0
        for (suffix, scale) in [("分钟", 1.0), ("min", 1.0), ("小时", 60.0), ("h", 60.0)]
        where body.lowercased().hasSuffix(suffix) {
            body = body.dropLast(suffix.count)
            factor = scale
            break
        }
        // Bounded before it becomes an Int: `1e999` is infinite, `1e300` past any Int (both trap).
        // The kernel's own check then refuses a day's work past 24 hours.
        guard let number = Double(body.trimmingCharacters(in: .whitespaces)), number >= 0,
            number * factor <= 10_000_000, (number * factor).rounded() == number * factor
        else {
            issues.refuse(
                "duration",
                text,
                LocalizedText("整数分钟(如 90、90分钟、1.5小时)", en: "whole minutes (90, 90分钟, 1.5小时)")
            )
            return nil
        }
        return Int(number * factor)
    }

    /// A village of the township, by its 12-digit code or its name (`东港村`, or `东港` for it).
    private func village(_ text: String, issues: inout RowIssues) -> String? {
        guard !text.isEmpty else { return nil }
        if text.count == 12, text.allSatisfy(\.isASCII) { return text }
        let found = villages.first { $0.name == text } ?? villages.first { Self.stem($0.name) == Self.stem(text) }
        guard let found else {
            issues.refuse(
                "village",
                text,
                LocalizedText("本镇(街道)已登记的村(社区)名称或 12 位代码", en: "the name or code of a village of the township")
            )
            return nil
        }
        return found.code.rawValue
    }

    private static func stem(_ name: String) -> String {
        for suffix in ["社区居委会", "村委会", "社区", "村"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// Worker ids from names or ids, and the names that match no worker of the station as written
    /// (a nickname, 王社工): kept on the record, or refused when `strictWorkers`.
    private func workers(
        _ text: String,
        context: StationContext,
        issues: inout RowIssues
    ) -> (ids: [String], names: [String]) {
        var ids: [String] = []
        var names: [String] = []
        for token in LedgerImportSupport.list(text) {
            if let worker = context.workers.first(where: { $0.id.rawValue == token || $0.name == token }) {
                if !ids.contains(worker.id.rawValue) { ids.append(worker.id.rawValue) }
            } else if strictWorkers {
                issues.refuse(
                    "workers",
                    token,
                    LocalizedText(
                        "\(context.station.name)社工的姓名或标识(\(Self.roster(context)));去掉 --strict 则按原文保存",
                        en:
                            "the name or id of a worker of the station (\(Self.roster(context))); without --strict it is kept as written"
                    )
                )
            } else if !names.contains(token) {
                names.append(token)
            }
        }
        return (ids, names)
    }

    /// The station's workers as a ledger may name them: `张三(w-1)、李四(w-2)`.
    static func roster(_ context: StationContext) -> String {
        guard !context.workers.isEmpty else { return "—" }
        return context.workers.map { "\($0.name)(\($0.id.rawValue))" }.joined(separator: "、")
    }

    /// Client ids from ids or ID numbers (found by digest among the station's clients).
    private func clients(_ text: String, context: StationContext, issues: inout RowIssues) -> [String] {
        var ids: [String] = []
        for token in LedgerImportSupport.list(text) {
            if let digest = digests[token] {
                let match = context.sameIDNumber.first {
                    $0.station == context.station.id && $0.personal?.idNumberDigest == digest
                }
                guard let match else {
                    issues.refuse("clients", LedgerImportSupport.masked(token), unregistered)
                    continue
                }
                ids.append(match.id.rawValue)
            } else if token.count >= 15, token.allSatisfy({ $0.isNumber || $0 == "X" || $0 == "x" }) {
                issues.refuse(
                    "clients",
                    LedgerImportSupport.masked(token),
                    LocalizedText("有效的身份证号(校验位不符)", en: "a valid ID number (the check digit is wrong)")
                )
            } else {
                ids.append(token)
            }
        }
        return ids
    }

    /// A head-count from `12` or `12人`.
    private func headCount(_ text: String, issues: inout RowIssues) -> Int? {
        guard !text.isEmpty else { return nil }
        if let count = Int(text) { return count }
        let digits = text.hasSuffix("人") ? String(text.dropLast()) : text
        guard let count = Int(digits.trimmingCharacters(in: .whitespaces)) else {
            issues.refuse("headCount", text, LocalizedText("整数人数", en: "a whole number of people"))
            return nil
        }
        return count
    }

    /// A number of photos from `3`, `3张` or nothing (none).
    private func photos(_ text: String, issues: inout RowIssues) -> Int {
        guard !text.isEmpty else { return 0 }
        let digits = text.hasSuffix("张") ? String(text.dropLast()) : text
        guard let count = Int(digits.trimmingCharacters(in: .whitespaces)) else {
            issues.refuse("photos", text, LocalizedText("照片张数(整数,如 3 或 3张)", en: "a whole number of photos"))
            return 0
        }
        return count
    }

    /// Program and sub-project ids from names or ids.
    private func program(
        _ programText: String,
        _ subProjectText: String,
        context: StationContext,
        issues: inout RowIssues
    ) -> (String?, String?) {
        var program: ProgramWithSubProjects?
        if !programText.isEmpty {
            program = context.programs.first {
                $0.program.id.rawValue == programText || $0.program.name == programText
            }
            if program == nil {
                issues.refuse(
                    "program",
                    programText,
                    LocalizedText("\(context.station.name)的服务项目名称或标识", en: "the name or id of a program of the station")
                )
            }
        }
        guard !subProjectText.isEmpty else { return (program?.program.id.rawValue, nil) }
        let candidates = program.map { [$0] } ?? context.programs
        let subProject = candidates.lazy.flatMap(\.subProjects).first {
            !$0.isRetired && ($0.id.rawValue == subProjectText || $0.name == subProjectText)
        }
        guard let subProject else {
            // An id goes to the check, which says whether it is unknown or retired.
            if subProjectText.allSatisfy(\.isASCII) { return (program?.program.id.rawValue, subProjectText) }
            issues.refuse(
                "subProject",
                subProjectText,
                LocalizedText("现行配置中的子项目名称或标识", en: "the name or id of a current sub-project")
            )
            return (program?.program.id.rawValue, nil)
        }
        return (program?.program.id.rawValue, subProject.id.rawValue)
    }
}
