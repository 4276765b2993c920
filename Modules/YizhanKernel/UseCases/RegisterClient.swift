import Foundation

/// Registers a client: checks the request, refuses a person already registered (found by the keyed
/// digest of their ID number, never by decrypting), seals their personal data, and commits the
/// client with `client.registered` — the look-up and the write in one transaction.
public struct RegisterClient: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let clock: WorkClock

    /// Creates the use case; `vault` holds the key, `clock` gives the instant and the working day.
    public init(store: any StationStore, vault: any PersonalDataVault, clock: WorkClock = .system) {
        self.store = store
        self.vault = vault
        self.clock = clock
    }

    /// Registers `request`; returns the event, whose payload names the new client.
    ///
    /// - Throws: `InputError` listing every refused field (nothing is written).
    @discardableResult
    public func register(_ request: ClientRequest, actor: Actor) async throws -> StoredEvent {
        let instant = clock.now()
        let today = clock.day(at: instant)
        var digests: [String] = []
        if let text = request.idNumber, let idNumber = try? IDNumber(text, today: today) {
            digests.append(vault.digest(of: idNumber))
        }
        var villages: [DivisionCode] = []
        if let village = try? DivisionCode(request.village) { villages.append(village) }
        guard let stationID = try? StationID(request.station) else {
            _ = try Self.check(request, context: nil, today: today)
            preconditionFailure("RegisterClient.check accepted a request without a station")
        }
        let lookup = ContextRequest(
            station: stationID,
            villages: villages,
            idNumberDigests: digests,
            households: request.household.flatMap { try? HouseholdID($0) }.map { [$0] } ?? []
        )
        let vault = self.vault
        let (sequence, event) = try await store.commit(checking: lookup) { context in
            try Self.change(for: request, context: context, today: today, vault: vault, actor: actor, at: instant)
        }
        guard let sequence, let event else {
            throw StoreError(code: .backend, location: "commit", reason: "the client was not written")
        }
        return StoredEvent(sequence: sequence, event: event)
    }

    /// The change set registering `request`'s client, sealed, with its event (run inside the transaction).
    private static func change(
        for request: ClientRequest,
        context: StationContext?,
        today: CivilDate,
        vault: any PersonalDataVault,
        actor: Actor,
        at instant: Date
    ) throws -> (ChangeSet, DomainEvent?) {
        let (client, personal) = try check(request, context: context, today: today)
        guard let context else { return (ChangeSet(), nil) }
        var sealed = client
        sealed.personal = try vault.seal(personal, for: .client(client.id))
        var change = ChangeSet()
        change.register(sealed, at: context.station, by: actor, at: instant)
        return (change, change.events.last)
    }

    /// Checks every field of `request` against `context` (`nil`: the station is unknown).
    public static func check(
        _ request: ClientRequest,
        context: StationContext?,
        today: CivilDate
    )
        throws(InputError) -> (Client, PersonalData)
    {
        var check = FieldCheck()
        if context == nil {
            check.refuse(.unknownReference, "station", request.station, "已登记的社工站标识", "the id of a registered station")
        }
        let village = check.village(request.village, context: context)
        if request.village.isEmpty { check.refuse(.missing, "village", "", "12 位村(社区)区划代码", "a village division code") }
        let person = check.person(name: request.name, idNumber: request.idNumber, phone: request.phone, today: today)
        if person.idNumber != nil, let existing = context?.sameIDNumber.first {
            // Another station's client is not named: whoever registers here may not reach them.
            if existing.station == context?.station.id {
                check.refuse(
                    .conflict,
                    "id-number",
                    person.idNumber?.masked ?? "",
                    "未登记过的身份证号(已登记为服务对象 \(existing.id),\(existing.station))",
                    "an ID number not registered yet (it is client \(existing.id) of \(existing.station))"
                )
            } else {
                check.refuse(
                    .conflict,
                    "id-number",
                    person.idNumber?.masked ?? "",
                    "未登记过的身份证号(此人已由另一社工站登记;如需转来本站,请联系县级管理员)",
                    "an ID number not registered yet (another station serves this person; ask the county admin)"
                )
            }
        }
        var categories: [ClientCategory] = []
        let extra = context?.station.clientCategoryNames ?? [:]
        for text in request.categories {
            if let category = ClientCategory.matching(text) {
                categories.append(category)
            } else if let code = extra.first(where: { $0.key == text || $0.value == text })?.key {
                categories.append(ClientCategory(rawValue: code))
            } else {
                let names = (ClientCategory.known.map { $0.label(in: .zhHans) } + extra.values.sorted()).joined(
                    separator: "、"
                )
                check.refuse(
                    .invalidFormat,
                    "category",
                    text,
                    "以下之一:\(names)",
                    "one of \(ClientCategory.known.map(\.rawValue))"
                )
            }
        }
        // Registration requires consent: see `consent(date:scope:givenBy:born:today:check:)`.
        let consent = Self.consent(
            date: request.consentDate,
            scope: request.consentScope,
            givenBy: request.consentBy,
            born: person.idNumber?.birthDate,
            today: today,
            check: &check
        )
        var risk: RiskLevel?
        if let text = request.risk, !text.isEmpty {
            risk = RiskLevel.matching(text)
            if risk == nil {
                check.refuse(.invalidFormat, "risk", text, "低、中、高(low、medium、high)之一", "low, medium or high")
            }
        }
        var household: Household?
        if let text = request.household, !text.isEmpty, let context {
            household = context.households.first { $0.id.rawValue == text && $0.station == context.station.id }
            if household == nil {
                check.refuse(
                    .unknownReference,
                    "household",
                    text,
                    "本站已登记的家庭标识",
                    "the id of a household of this station"
                )
            } else if let village, household?.village != village {
                check.refuse(
                    .conflict,
                    "household",
                    text,
                    "与服务对象同村(社区)的家庭(该家庭在 \(household?.village.rawValue ?? ""))",
                    "a household of the client's village (it is in \(household?.village.rawValue ?? ""))"
                )
            }
        }
        guard check.issues.isEmpty, let context, let village else { throw InputError(issues: check.issues) }
        let client = Client(
            id: .generate(),
            station: context.station.id,
            household: household?.id,
            village: village,
            categories: categories,
            consent: consent,
            risk: risk
        )
        return (client, person)
    }

    /// The consent a form gives, checked as registration checks one: for a consent stated once for
    /// many people (a ledger import's `--consent-date`), whose ages each row's check then applies.
    ///
    /// - Throws: `InputError` naming `consent-date`, `consent-scope` or `consent-by`.
    public static func checkConsent(
        date: String?,
        scope: [String],
        givenBy: String?,
        today: CivilDate
    ) throws(InputError) -> Consent {
        var check = FieldCheck()
        let consent = consent(date: date, scope: scope, givenBy: givenBy, born: nil, today: today, check: &check)
        guard check.issues.isEmpty, let consent else { throw InputError(issues: check.issues) }
        return consent
    }

    /// The consent a form gives (`date`, `scope`, `givenBy` as typed), as registration requires it:
    /// a real date no later than today, known scopes that include 个人信息收集与使用 (registering
    /// keeps the person's data), and, for a child under 14 on that day (by the birth date `born`),
    /// a guardian's. `RecordConsent` checks a renewed form the same way.
    static func consent(
        date: String?,
        scope: [String],
        givenBy: String?,
        born: CivilDate?,
        today: CivilDate,
        check: inout FieldCheck
    ) -> Consent? {
        var scopes: [ConsentScope] = []
        var allKnown = true
        let names = ConsentScope.known.map { $0.label(in: .zhHans) }.joined(separator: "、")
        for text in scope {
            if let scope = ConsentScope.matching(text) {
                if !scopes.contains(scope) { scopes.append(scope) }
            } else {
                allKnown = false
                check.refuse(
                    .invalidFormat,
                    "consent-scope",
                    text,
                    "以下之一:\(names)",
                    "one of \(ConsentScope.known.map(\.rawValue))"
                )
            }
        }
        var giver = ConsentGiver.person
        if let text = givenBy, !text.trimmingWhitespace().isEmpty {
            if let matched = ConsentGiver.matching(text) {
                giver = matched
            } else {
                check.refuse(.invalidFormat, "consent-by", text, "本人或监护人", "person or guardian")
            }
        }
        guard let text = date, !text.isEmpty else {
            check.refuse(
                .missing,
                "consent-date",
                "",
                "知情同意的日期:登记服务对象须有本人(未满 14 周岁的由监护人)签署的知情同意书",
                "the day informed consent was given: registering a client needs the signed consent form"
            )
            return nil
        }
        if allKnown, !scopes.isEmpty, !scopes.contains(.personalInformation) {
            check.refuse(
                .missing,
                "consent-scope",
                scopes.map { $0.label(in: .zhHans) }.joined(separator: "、"),
                "包含「个人信息收集与使用」的同意范围:登记即保存其姓名等个人信息",
                "a scope including personalInformation: registering keeps the person's data"
            )
        } else if scope.isEmpty {
            check.refuse(
                .missing,
                "consent-scope",
                "",
                "同意范围,至少含「个人信息收集与使用」(可选:\(names))",
                "the consent's scope, including personalInformation (one or more of \(ConsentScope.known.map(\.rawValue)))"
            )
        }
        var dates = FieldCheck()
        let day = dates.date(text, today: today)
        for issue in dates.issues {
            check.refuse(issue.code, "consent-date", issue.found, issue.expected.zhHans, issue.expected.en)
        }
        if let day, let born, giver == .person, born.years(until: day) < 14 {
            check.refuse(
                .conflict,
                "consent-by",
                giver.label(in: .zhHans),
                "监护人:服务对象在同意之日未满 14 周岁,须由监护人同意(--consent-by 监护人)",
                "guardian: the client was under 14 on the day of consent (--consent-by guardian)"
            )
        }
        return day.map { Consent(on: $0, scope: scopes, givenBy: giver) }
    }

    /// A refused ID number or phone as an issue may show it: its first three and last two characters.
    static func maskedInput(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 5)
            + String(characters.suffix(2))
    }
}
