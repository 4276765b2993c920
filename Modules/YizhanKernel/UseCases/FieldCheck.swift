/// The field-by-field checks of a service record request, collecting every issue instead of
/// stopping at the first, so that a person fixes all of them in one go.
struct FieldCheck {
    private(set) var issues: [InputIssue] = []

    mutating func refuse(_ code: InputIssue.Code, _ field: String, _ found: String, _ zh: String, _ en: String) {
        issues.append(InputIssue(code: code, field: field, found: found, expected: LocalizedText(zh, en: en)))
    }

    /// A required text of 1 to `limit` characters (trimmed), named `zh` / `en` in the refusal: one
    /// too long is refused as too long, with its length rather than its words (issue 21.15).
    @discardableResult
    mutating func text(_ raw: String, field: String, limit: Int, _ zh: String, _ en: String) -> String? {
        let text = raw.trimmingWhitespace()
        if text.isEmpty {
            refuse(.missing, field, raw, "1–\(limit) 个字的\(zh)", "\(en) of 1 to \(limit) characters")
        } else if text.count > limit {
            refuse(
                .outOfRange,
                field,
                "(\(text.count) 个字 / characters)",
                "不超过 \(limit) 个字的\(zh)",
                "\(en) of at most \(limit) characters"
            )
        } else if text.containsControlCharacters {
            refuse(
                .invalidFormat,
                field,
                "(含控制字符 / control characters)",
                "不含换行、制表符等控制字符的\(zh)",
                "\(en) without line breaks, tabs or other control characters"
            )
        } else {
            return text
        }
        return nil
    }

    /// A real date, written as in a ledger (`2021-11-05`, `2021/11/5`, `2021年11月5日`, `2021.11.05`),
    /// no later than `today`.
    mutating func date(_ text: String, today: CivilDate) -> CivilDate? {
        do {
            let date = try CivilDate(ledgerText: text)
            guard date <= today else {
                refuse(.outOfRange, "date", text, "不晚于今天(\(today))的日期", "a date no later than today (\(today))")
                return nil
            }
            return date
        } catch {
            refuse(.invalidFormat, "date", text, error.expectation(in: .zhHans), error.expectation(in: .en))
            return nil
        }
    }

    /// A registered village of the station's township.
    mutating func village(_ text: String?, context: StationContext?) -> DivisionCode? {
        guard let text else { return nil }
        // A registered village's own code needs no parsing (a ledger names one on every row).
        if let known = context?.villages.first(where: { $0.level == .village && $0.code.rawValue == text }) {
            return known.code
        }
        guard let code = try? DivisionCode(text), code.level == .village else {
            refuse(.invalidFormat, "village", text, "12 位村(社区)区划代码", "a 12-digit village division code")
            return nil
        }
        guard let context else { return code }
        guard context.villages.contains(where: { $0.code == code }) else {
            refuse(
                .unknownReference,
                "village",
                text,
                "\(context.station.name)辖区内已登记的村(社区)",
                "a registered village within the station's township"
            )
            return nil
        }
        return code
    }

    /// Workers of the station.
    mutating func workers(_ ids: [String], context: StationContext?) -> [WorkerID] {
        guard let context, !ids.isEmpty else { return [] }
        let known = Set(context.workers.map(\.id.rawValue))
        for id in ids where !known.contains(id) {
            refuse(
                .unknownReference,
                "worker",
                id,
                "\(context.station.name)的社工标识",
                "the id of a worker of this station"
            )
        }
        return ids.compactMap { try? WorkerID($0) }
    }

    /// Workers named as text: a few short names, each free text (no ID or phone number).
    mutating func workerNames(_ names: [String]) {
        if names.count > 20 {
            refuse(.outOfRange, "worker", String(names.count), "至多 20 位社工", "at most 20 workers")
            return
        }
        for name in names {
            if name.isEmpty || name.count > 32 {
                refuse(.invalidFormat, "worker", name, "1 至 32 个字的社工姓名", "a worker's name of 1 to 32 characters")
            } else {
                freeText(name, field: "worker")
            }
        }
    }

    /// Named clients of the station, or a head-count — one or the other.
    mutating func participants(_ request: ServiceRecordRequest, context: StationContext?) -> Participants? {
        switch (request.clients.isEmpty, request.headCount) {
        case (true, nil):
            refuse(.missing, "head-count", "", "参与人数(--head-count)或服务对象(--client)", "--head-count or --client")
            return nil
        case (false, .some(let count)):
            refuse(
                .conflict,
                "head-count",
                String(count),
                "与 --client 二选一",
                "either --head-count or --client, not both"
            )
            return nil
        case (true, .some(let count)):
            guard (1...100_000).contains(count) else {
                refuse(.outOfRange, "head-count", String(count), "1 至 100000 之间的人数", "a number from 1 to 100,000")
                return nil
            }
            return .headCount(count)
        case (false, nil):
            let known = Set(context?.clients.filter { $0.station == context?.station.id }.map(\.id.rawValue) ?? [])
            let missing = request.clients.filter { !known.contains($0) }
            // The same person twice is one participant: refused here, not by the store's UNIQUE rule.
            var seen = Set<String>()
            for id in request.clients where !seen.insert(id).inserted {
                refuse(.conflict, "client", id, "每位服务对象只列一次", "each client listed once")
                return nil
            }
            for id in missing where context != nil {
                refuse(.unknownReference, "client", id, "本站已登记的服务对象标识", "the id of a client of this station")
            }
            return missing.isEmpty ? .clients(request.clients.compactMap { try? ClientID($0) }) : nil
        }
    }

    /// The number of photos a record keeps (0–999); with any, each named participant must have
    /// consented to 照片影像使用.
    mutating func photos(_ count: Int, of participants: Participants?, context: StationContext?) {
        guard (0...999).contains(count) else {
            refuse(.outOfRange, "photos", String(count), "0 至 999 张照片", "0 to 999 photos")
            return
        }
        guard count > 0, case .clients(let clients) = participants else { return }
        consented(.imagery, clients: clients, context: context, field: "photos")
    }

    /// Refuses, under `field`, each of `clients` whose consent does not cover `scope`, saying what
    /// it covers and how to record a renewed form: the one rule for a referral (转介) and for the
    /// photos a record keeps (照片影像使用), PIPL art. 14.
    mutating func consented(_ scope: ConsentScope, clients: [ClientID], context: StationContext?, field: String) {
        guard let context else { return }
        for id in clients {
            guard let client = context.clients.first(where: { $0.id == id }) else { continue }
            if client.consent?.covers(scope) == true { continue }
            let held = client.consent.map { consent in
                consent.scope.map { $0.label(in: .zhHans) }.joined(separator: "、")
            }
            let name = scope.label(in: .zhHans)
            refuse(
                .conflict,
                field,
                id.rawValue,
                "同意\(name)的服务对象:其知情同意\(held.map { "只含" + $0 } ?? "未登记"),须含「\(name)」;"
                    + "请其(或监护人)签署含\(name)的同意书,再以 yizhan client consent 记录",
                "a client whose consent covers \(scope.rawValue) (theirs \(held.map { "covers only " + $0 } ?? "is not recorded"))"
            )
        }
    }

    /// A program and sub-project of the station, the sub-project within the program when both are given.
    mutating func program(_ request: ServiceRecordRequest, context: StationContext?) -> (Program?, SubProject?) {
        guard let context, request.program != nil || request.subProject != nil else { return (nil, nil) }
        let name = context.station.name
        var program = request.program.flatMap { id in context.programs.first { $0.program.id.rawValue == id } }
        if let id = request.program, program == nil {
            refuse(.unknownReference, "program", id, "\(name)的服务项目标识", "the id of a program of this station")
        }
        guard let subProjectID = request.subProject else { return (program?.program, nil) }
        let owner = context.programs.first { $0.subProjects.contains { $0.id.rawValue == subProjectID } }
        let subProject = owner?.subProjects.first { $0.id.rawValue == subProjectID }
        if subProject == nil {
            refuse(.unknownReference, "sub-project", subProjectID, "\(name)的子项目标识", "a sub-project of this station")
        } else if subProject?.isRetired == true {
            refuse(
                .unknownReference,
                "sub-project",
                subProjectID,
                "现行配置中的子项目(该子项目已停用)",
                "a sub-project of the current configuration (this one was retired)"
            )
        } else if let chosen = program, chosen.program.id != owner?.program.id {
            refuse(
                .conflict,
                "sub-project",
                subProjectID,
                "属于 --program 所指项目的子项目",
                "a sub-project of the given program"
            )
        }
        program = program ?? owner
        return (program?.program, subProject)
    }

    /// A person's name (1–50 characters), and their ID number (GB 11643, born no later than `today`)
    /// and phone when given; a refused number is shown masked, never whole.
    mutating func person(name: String, idNumber: String?, phone: String?, today: CivilDate) -> PersonalData {
        let name = name.trimmingWhitespace()
        // A name is personal data: the refusal says what is wrong with it, never the name itself.
        if name.isEmpty {
            refuse(.missing, "name", "", "1–50 个字的姓名", "a name of 1 to 50 characters")
        } else if name.count > 50 {
            refuse(
                .outOfRange,
                "name",
                "(\(name.count) 个字 / characters)",
                "不超过 50 个字的姓名",
                "a name of at most 50 characters"
            )
        } else if name.containsControlCharacters {
            refuse(
                .invalidFormat,
                "name",
                "(含控制字符 / control characters)",
                "不含换行、制表符等控制字符的姓名",
                "a name without line breaks, tabs or other control characters"
            )
        }
        var number: IDNumber?
        if let text = idNumber, !text.isEmpty {
            do {
                number = try IDNumber(text, today: today)
            } catch {
                refuse(
                    .invalidFormat,
                    "id-number",
                    RegisterClient.maskedInput(text),
                    error.message(in: .zhHans),
                    error.message(in: .en)
                )
            }
        }
        var phoneNumber: PhoneNumber?
        if let text = phone, !text.isEmpty {
            do {
                phoneNumber = try PhoneNumber(text)
            } catch {
                refuse(
                    .invalidFormat,
                    "phone",
                    RegisterClient.maskedInput(text),
                    error.message(in: .zhHans),
                    error.message(in: .en)
                )
            }
        }
        return PersonalData(name: name, idNumber: number, phone: phoneNumber)
    }

    /// The extra fields of `request`, each known to a plugin serving the station and accepted by its
    /// check; every other one is refused under `fields.<id>`.
    mutating func extraFields(_ fields: [String: String], allowed: [PluginRecordField]) -> [String: String] {
        var accepted: [String: String] = [:]
        let known = Dictionary(allowed.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, value) in fields.sorted(by: { $0.key < $1.key }) {
            guard let field = known[id] else {
                let names = allowed.map(\.id)
                refuse(
                    .unknownReference,
                    "fields.\(id)",
                    value,
                    names.isEmpty ? "本站品牌插件未登记附加字段" : "本站品牌插件的附加字段之一:\(names.joined(separator: "、"))",
                    names.isEmpty ? "no extra field: no plugin serving the station registers one" : "one of \(names)"
                )
                continue
            }
            if let problem = field.check(value) {
                refuse(.invalidFormat, "fields.\(id)", value, problem.zhHans, problem.en)
            } else {
                accepted[id] = value
            }
        }
        return accepted
    }
}

extension String {
    /// Whether the text holds a control character (a line break, a tab, an escape …), which no name
    /// or title a person types has, and which would break a ledger, a table or a chat message.
    var containsControlCharacters: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
