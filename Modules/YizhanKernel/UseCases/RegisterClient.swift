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
            check.refuse(
                .conflict,
                "id-number",
                person.idNumber?.masked ?? "",
                "未登记过的身份证号(已登记为服务对象 \(existing.id),\(existing.station))",
                "an ID number not registered yet (it is client \(existing.id) of \(existing.station))"
            )
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
        let consent = Self.consent(request, today: today, check: &check)
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

    /// The consent `request` gives: a real date no later than today, and known scopes (接受服务 when
    /// none is named); scopes without a date are refused.
    private static func consent(_ request: ClientRequest, today: CivilDate, check: inout FieldCheck) -> Consent? {
        var scopes: [ConsentScope] = []
        for text in request.consentScope {
            if let scope = ConsentScope.matching(text) {
                scopes.append(scope)
            } else {
                let names = ConsentScope.known.map { $0.label(in: .zhHans) }.joined(separator: "、")
                check.refuse(
                    .invalidFormat,
                    "consent-scope",
                    text,
                    "以下之一:\(names)",
                    "one of \(ConsentScope.known.map(\.rawValue))"
                )
            }
        }
        guard let text = request.consentDate, !text.isEmpty else {
            if !request.consentScope.isEmpty {
                check.refuse(.missing, "consent-date", "", "知情同意的日期", "the day consent was given")
            }
            return nil
        }
        var dates = FieldCheck()
        let day = dates.date(text, today: today)
        for issue in dates.issues {
            check.refuse(issue.code, "consent-date", issue.found, issue.expected.zhHans, issue.expected.en)
        }
        return day.map { Consent(on: $0, scope: scopes.isEmpty ? [.service] : scopes) }
    }

    /// A refused ID number or phone as an issue may show it: its first three and last two characters.
    static func maskedInput(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 5)
            + String(characters.suffix(2))
    }
}
