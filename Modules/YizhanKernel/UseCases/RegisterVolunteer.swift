import Foundation

/// A volunteer as a person or a ledger row gives them: text to be checked, not yet trusted.
public struct VolunteerRequest: Hashable, Sendable {
    /// The station id.
    public var station: String
    /// The real name (志愿者实名).
    public var name: String
    /// Their resident ID number, if known.
    public var idNumber: String?
    /// Their phone, if known.
    public var phone: String?
    /// The village's 12-digit code, if known.
    public var village: String?
    /// The day they registered, written as in a ledger (default: today).
    public var registeredOn: String?

    /// Creates a request.
    public init(
        station: String,
        name: String,
        idNumber: String? = nil,
        phone: String? = nil,
        village: String? = nil,
        registeredOn: String? = nil
    ) {
        self.station = station
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.village = village
        self.registeredOn = registeredOn
    }
}

/// Registers a volunteer (志愿者) under their real name: checked like a client (GB 11643 ID numbers,
/// phones), a person already registered as a volunteer refused (found by the keyed digest of their
/// ID number), their data sealed, and committed with `volunteer.registered`.
public struct RegisterVolunteer: Sendable {
    let store: any StationStore
    let vault: any PersonalDataVault
    let clock: WorkClock

    /// Creates the use case; `vault` holds the key.
    public init(store: any StationStore, vault: any PersonalDataVault, clock: WorkClock = .system) {
        self.store = store
        self.vault = vault
        self.clock = clock
    }

    /// Registers `request`'s volunteer.
    ///
    /// - Throws: `InputError` listing every refused field (nothing is written).
    @discardableResult
    public func register(_ request: VolunteerRequest, actor: Actor) async throws -> Volunteer {
        let instant = clock.now()
        let today = clock.day(at: instant)
        let keys = self.vault
        var digests: [String] = []
        if let text = request.idNumber, let number = try? IDNumber(text, today: today) {
            digests.append(keys.digest(of: number))
        }
        let villages = request.village.flatMap { try? DivisionCode($0) }.map { [$0] } ?? []
        guard let stationID = try? StationID(request.station) else {
            _ = try Self.check(request, context: nil, today: today)
            preconditionFailure("RegisterVolunteer.check accepted a request without a station")
        }
        let lookup = ContextRequest(station: stationID, villages: villages, idNumberDigests: digests)
        let (_, volunteer) = try await store.commit(checking: lookup) { context in
            try Self.change(for: request, context: context, today: today, vault: keys, actor: actor, at: instant)
        }
        return volunteer
    }

    /// The change set registering `request`'s volunteer, sealed, with its event (run inside the transaction).
    private static func change(
        for request: VolunteerRequest,
        context: StationContext?,
        today: CivilDate,
        vault: any PersonalDataVault,
        actor: Actor,
        at instant: Date
    ) throws -> (ChangeSet, Volunteer) {
        let (volunteer, personal) = try check(request, context: context, today: today)
        guard let context else { return (ChangeSet(), volunteer) }
        var sealed = volunteer
        sealed.personal = try vault.seal(personal, for: .volunteer(volunteer.id))
        var change = ChangeSet()
        change.register(sealed, at: context.station, by: actor, at: instant)
        return (change, sealed)
    }

    /// Checks every field of `request` against `context` (`nil`: the station is unknown).
    public static func check(
        _ request: VolunteerRequest,
        context: StationContext?,
        today: CivilDate
    ) throws(InputError) -> (Volunteer, PersonalData) {
        var check = FieldCheck()
        if context == nil {
            check.refuse(.unknownReference, "station", request.station, "已登记的社工站标识", "the id of a registered station")
        }
        let personal = check.person(name: request.name, idNumber: request.idNumber, phone: request.phone, today: today)
        let village = request.village.flatMap { $0.isEmpty ? nil : check.village($0, context: context) }
        var issues = check.issues
        var day: CivilDate? = today
        if let text = request.registeredOn, !text.isEmpty {
            var check = FieldCheck()
            day = check.date(text, today: today)
            for issue in check.issues {
                issues.append(
                    InputIssue(code: issue.code, field: "registered-on", found: issue.found, expected: issue.expected)
                )
            }
        }
        if let existing = context?.volunteersWithSameIDNumber.first, personal.idNumber != nil {
            issues.append(
                InputIssue(
                    code: .conflict,
                    field: "id-number",
                    found: personal.idNumber?.masked ?? "",
                    expected: LocalizedText(
                        "未登记过的志愿者(已登记为志愿者 \(existing.id),\(existing.station))",
                        en:
                            "a person not registered as a volunteer yet (they are \(existing.id) of \(existing.station))"
                    )
                )
            )
        }
        guard issues.isEmpty, let context, let day else { throw InputError(issues: issues) }
        var code = SystemRandomNumberGenerator()
        let volunteer = Volunteer(
            id: .generate(),
            station: context.station.id,
            village: village,
            registeredOn: day,
            checkInCode: String(format: "%06d", Int.random(in: 0..<1_000_000, using: &code))
        )
        return (volunteer, personal)
    }
}
