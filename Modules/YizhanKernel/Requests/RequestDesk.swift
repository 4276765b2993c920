public import Foundation

/// What a resident files, before it is sealed: the facts the workflow needs and what they wrote.
public struct RequestFiling: Hashable, Sendable {
    /// The station whose area it is in.
    public var station: StationID
    /// The village or community it concerns.
    public var village: DivisionCode
    /// The category's code in the policy.
    public var category: String
    /// How it came in.
    public var channel: RequestChannel
    /// Whether the resident asked that their name not be passed on.
    public var anonymous: Bool
    /// The member of staff who took it in (首问负责); `nil` only for the public form.
    public var receiver: RequestStaff?
    /// What the resident wrote.
    public var description: String
    /// Their name and phone, when they gave them.
    public var contact: PersonalData?
    /// A dispute's parties as the receiver wrote them (sealed; required when staff file a dispute).
    public var parties: String?
    /// How a dispute is to be resolved (调解 unless said).
    public var method: DisputeMethod?

    /// Creates a filing.
    public init(
        station: StationID,
        village: DivisionCode,
        category: String,
        channel: RequestChannel,
        anonymous: Bool = false,
        receiver: RequestStaff?,
        description: String,
        contact: PersonalData? = nil,
        parties: String? = nil,
        method: DisputeMethod? = nil
    ) {
        self.station = station
        self.village = village
        self.category = category
        self.channel = channel
        self.anonymous = anonymous
        self.receiver = receiver
        self.description = description
        self.contact = contact
        self.parties = parties
        self.method = method
    }
}

/// The residents' requests use case: filing, every step of the workflow and supervision, each one
/// transaction with its events. Every path — the command line, the staff page, the public form, the
/// overdue check — goes through it, so that the workflow's rules, the sealing of what people wrote
/// and the check of the request's scope hold for all of them.
public struct RequestDesk: Sendable {
    /// Where requests are kept.
    public var store: any StationStore
    /// The rules of their handling.
    public var workflow: RequestWorkflow
    /// Seals what residents and staff write.
    public var vault: any PersonalDataVault
    /// The clock steps are timed by.
    public var clock: WorkClock

    /// The longest description or note kept, in characters.
    public static let textLimit = 2_000

    /// Creates the use case.
    public init(store: any StationStore, policy: RequestPolicy, vault: any PersonalDataVault, clock: WorkClock) {
        self.store = store
        self.workflow = RequestWorkflow(policy: policy)
        self.vault = vault
        self.clock = clock
    }

    /// Registers `filing` as a new request at its station's first tier (or with its receiver).
    ///
    /// - Throws: `InputError` for a station outside `scope` or unknown, a village outside the
    ///   station's township, a category or tier the policy lacks, a staff channel without a
    ///   receiver, an empty or over-long description, a dispute filed by staff without its parties,
    ///   or parties or a method given for a category that is not a dispute. Nothing is written then.
    public func file(_ filing: RequestFiling, in scope: Scope) async throws -> ResidentRequest {
        try await register(filing, in: scope, tracking: nil, notice: nil)
    }

    /// Registers what a resident filed through the public form, having accepted `notice` (the
    /// version of the notice of what is kept, why and for how long: their consent), and returns
    /// it with the tracking code they follow it by — shown to them once, kept only as its digest.
    ///
    /// - Throws: `InputError` as `file` does, and for a filing not of the web form or with a
    ///   receiver, or without an accepted notice. Nothing is written then.
    public func fileByResident(
        _ filing: RequestFiling,
        notice: String,
        in scope: Scope
    ) async throws -> (request: ResidentRequest, code: TrackingCode) {
        guard filing.channel == .webForm, filing.receiver == nil else {
            throw InputError.single(
                .conflict,
                "channel",
                filing.channel.rawValue,
                "居民自己在网上提交的诉求(工作人员登记用 yizhan request add)",
                "a resident's own filing through the web form"
            )
        }
        guard !notice.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError.single(
                .missing,
                "consent",
                "",
                "阅读并同意告知书(保存哪些信息、为什么、保存多久)",
                "the notice of what is kept, why and for how long, accepted"
            )
        }
        let code = TrackingCode.generate()
        let request = try await register(filing, in: scope, tracking: code, notice: notice)
        return (request, code)
    }

    /// What a resident sees of their request by its tracking code (and, when they gave a phone,
    /// its last four digits), from the address whose keyed digest is `addressDigest`. A code that
    /// matches nothing, or a wrong last four, is the same answer and counts against the address
    /// (10 in 15 minutes, as `auth.failed` events of `home`, the server's county, naming no
    /// request); past that nothing is tried.
    public func track(
        _ typed: String,
        phoneLastFour: String?,
        addressDigest: String,
        home: DivisionCode
    ) async throws -> RequestTracking {
        let instant = now()
        let subject = "track-address:" + addressDigest
        let failures = try await store.loginFailures(
            subject: subject,
            since: instant.addingTimeInterval(-Self.trackWindow)
        )
        if failures.count >= Self.trackAttempts {
            return .throttled(
                retryAfter: failures[failures.count - Self.trackAttempts].addingTimeInterval(Self.trackWindow)
            )
        }
        if let code = TrackingCode(typed: typed),
            let request = try await store.residentRequest(trackingDigest: vault.trackingDigest(of: code)),
            let station = try await store.station(request.station),
            let sealed = try await store.requestContent(request.id)
        {
            let owner = PersonalDataOwner.request(request.id)
            let phone = try sealed.contact.flatMap { try vault.open($0, for: owner).phone?.rawValue }
            let given = phoneLastFour?.trimmingCharacters(in: .whitespaces) ?? ""
            if phone == nil || (given.count == 4 && phone?.hasSuffix(given) == true) {
                var answers: [(at: Date, text: String)] = []
                for step in try await store.requestSteps(request.id) where step.kind == .answer {
                    guard let note = step.note else { continue }
                    answers.append((step.at, try vault.open(text: note, for: owner, field: "note")))
                }
                return .found(request, station: station, answers: answers)
            }
        }
        let event = DomainEvent(
            AuthFailed(reason: .wrongTrackingCode),
            orgUnit: home,
            station: nil,
            actor: Actor(rawValue: "anonymous"),
            at: instant
        )
        try await store.recordLoginFailures(
            [LoginFailure(subject: subject, at: instant)],
            event: event,
            forgetBefore: instant.addingTimeInterval(-24 * 60 * 60)
        )
        return .notFound
    }

    /// Wrong tracking codes allowed per address in `trackWindow`.
    public static let trackAttempts = 10
    /// The window wrong tracking codes count in.
    public static let trackWindow: TimeInterval = 15 * 60

    private func register(
        _ filing: RequestFiling,
        in scope: Scope,
        tracking: TrackingCode?,
        notice: String?
    ) async throws -> ResidentRequest {
        guard let station = try await store.station(filing.station), scope.covers(station) else {
            throw InputError.unknownStation(filing.station.rawValue)
        }
        guard station.orgUnit.contains(filing.village) else {
            throw InputError.single(
                .outOfRange,
                "village",
                filing.village.rawValue,
                "\(station.name)所在乡镇(街道)\(station.orgUnit.rawValue)下的村(社区)代码",
                "a village code within the station's township \(station.orgUnit.rawValue)"
            )
        }
        guard let category = workflow.policy.category(filing.category) else {
            let known = workflow.policy.categories.map { "\($0.name)(\($0.id))" }.joined(separator: "、")
            throw InputError.single(
                .unknownReference,
                "category",
                filing.category,
                "政策中的类别之一:\(known)",
                "one of the policy's categories: \(workflow.policy.categories.map(\.id).joined(separator: ", "))"
            )
        }
        if let receiver = filing.receiver, workflow.policy.tier(receiver.tier) == nil {
            throw InputError.single(
                .unknownReference,
                "tier",
                receiver.tier,
                "政策中的层级之一:\(workflow.policy.tiers.map(\.id).joined(separator: "、"))",
                "one of the policy's tiers"
            )
        }
        if filing.channel != .webForm, filing.receiver == nil {
            throw InputError.single(
                .missing,
                "receiver",
                "",
                "接待人(首问负责:电话、来访和网格巡查由接待的工作人员登记)",
                "the member of staff who took it in (first-contact responsibility)"
            )
        }
        let description = try Self.checkedText(filing.description, field: "description")
        let parties = try Self.checkedParties(filing, category: category)
        let id = RequestID.generate()
        let owner = PersonalDataOwner.request(id)
        let content = SealedRequestContent(
            description: try vault.seal(text: description, for: owner, field: "description"),
            contact: try filing.contact.map { try vault.seal($0, for: owner) },
            trackingDigest: tracking.map(vault.trackingDigest(of:))
        )
        let instant = now()
        var request = ResidentRequest(
            id: id,
            station: station.id,
            village: filing.village,
            category: category,
            channel: filing.channel,
            anonymous: filing.anonymous,
            firstReceiver: filing.receiver,
            method: filing.method ?? .mediation,
            at: instant
        )
        request.version = 1
        request.consentNotice = notice
        let step = RequestStep(
            request: request,
            position: 0,
            kind: .file,
            actor: filing.receiver.map(RequestActor.staff) ?? .resident,
            at: instant,
            note: try parties.map { try vault.seal(text: $0, for: owner, field: "note") },
            content: content
        )
        try await store.commit(
            ChangeSet(
                writes: [.requestStep(step)],
                events: DomainEvent.requestEvents(step, happened: [], orgUnit: station.orgUnit, policy: workflow.policy)
            )
        )
        return request
    }

    /// `actor` takes `action` on the request `id` names, with `note` (a transfer's note, the
    /// answer given) kept sealed.
    ///
    /// - Throws: `InputError` `.unknownReference` on `request` when there is no such request in
    ///   `scope` (the same answer whether it exists elsewhere or not), the workflow's refusal, a
    ///   refused note, or `.conflict` when someone else took a step on it meanwhile. Nothing is
    ///   written then.
    public func act(
        _ action: RequestAction,
        on id: RequestID,
        by actor: RequestActor,
        note: String? = nil,
        in scope: Scope
    ) async throws -> RequestStep {
        let (request, station) = try await reach(id, in: scope)
        let instant = now()
        let (next, happened) = try workflow.apply(action, to: request, by: actor, at: instant)
        let kept = try note.flatMap { text in
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : try Self.checkedText(trimmed, field: "note")
        }
        let sealed = try kept.map { try vault.seal(text: $0, for: .request(id), field: "note") }
        return try await commit(
            next,
            from: request,
            kind: RequestStepKind(action),
            actor: actor,
            at: instant,
            note: sealed,
            happened: happened,
            station: station
        )
    }

    /// Supervision (督办) of every open request in `scope`: each limit passed unmet is reported once
    /// and moves its request one tier up. Returns the steps taken, one per request moved.
    public func supervise(in scope: Scope) async throws -> [RequestStep] {
        let open: Set<RequestState> = [.registered, .accepted, .inProgress, .answered]
        var stations: [StationID: Station] = [:]
        var steps: [RequestStep] = []
        let instant = now()
        for request in try await store.residentRequests(in: scope, states: open) {
            let (next, happened) = workflow.supervise(request, at: instant)
            guard !happened.isEmpty else { continue }
            if stations[request.station] == nil { stations[request.station] = try await store.station(request.station) }
            guard let station = stations[request.station] else { continue }
            do {
                steps.append(
                    try await commit(
                        next,
                        from: request,
                        kind: .supervise,
                        actor: .supervision,
                        at: instant,
                        note: nil,
                        happened: happened,
                        station: station
                    )
                )
            } catch let error as InputError where error.issues.first?.code == .conflict {
                continue  // someone acted on it meanwhile; the next check looks at it again
            }
        }
        return steps
    }

    /// The request `id` names in `scope`, with its station.
    ///
    /// - Throws: `InputError` `.unknownReference` on `request` when there is none in `scope`.
    public func request(_ id: RequestID, in scope: Scope) async throws -> ResidentRequest {
        try await reach(id, in: scope).request
    }

    /// The request whose tracking code is `code`, in `scope`: staff looking up the request a
    /// resident reads the code of out to them.
    ///
    /// - Throws: `InputError` `.unknownReference` on `request` when no request in `scope` has it.
    public func request(trackedBy code: TrackingCode, in scope: Scope) async throws -> ResidentRequest {
        guard let found = try await store.residentRequest(trackingDigest: vault.trackingDigest(of: code)) else {
            throw Self.noSuchRequest(code.description)
        }
        return try await reach(found.id, in: scope).request
    }

    /// What the resident wrote, how to reach them and every note of the request `id` names, once
    /// the reveal is recorded (`personaldata.revealed`, naming who and why): nothing is shown
    /// unless its event is written first.
    ///
    /// - Throws: `InputError` `.unknownReference` on `request` when there is none in `scope`; the
    ///   vault's error for a wrong key (nothing is recorded then).
    public func reveal(
        _ id: RequestID,
        in scope: Scope,
        purpose: RevealPurpose,
        actor: Actor
    ) async throws -> RevealedRequest {
        let (request, station) = try await reach(id, in: scope)
        guard let sealed = try await store.requestContent(id) else {
            throw InputError.single(.unknownReference, "request", id.rawValue, "已登记的诉求编号", "a request's id")
        }
        let owner = PersonalDataOwner.request(id)
        let description = try vault.open(text: sealed.description, for: owner, field: "description")
        let contact = try sealed.contact.map { try vault.open($0, for: owner) }
        var notes: [Int: String] = [:]
        for step in try await store.requestSteps(id) {
            guard let note = step.note else { continue }
            notes[step.position] = try vault.open(text: note, for: owner, field: "note")
        }
        let parties = request.dispute == nil ? nil : notes.removeValue(forKey: 0)
        let fields =
            ["description"] + (contact == nil ? [] : ["name"]) + (contact?.phone == nil ? [] : ["phone"])
            + (parties == nil ? [] : ["parties"]) + (notes.isEmpty ? [] : ["notes"])
        let event = DomainEvent(
            PersonalDataRevealed(request: id, station: station.id, fields: fields, purpose: purpose),
            orgUnit: station.orgUnit,
            station: station.id,
            actor: actor,
            at: now()
        )
        try await store.commit(ChangeSet(events: [event]))
        return RevealedRequest(
            request: request,
            description: description,
            contact: contact,
            parties: parties,
            notes: notes
        )
    }

    /// The request `id` names and its station: the one check of a request's scope.
    private func reach(_ id: RequestID, in scope: Scope) async throws -> (request: ResidentRequest, station: Station) {
        guard let request = try await store.residentRequest(id),
            let station = try await store.station(request.station), scope.covers(station)
        else { throw Self.noSuchRequest(id.rawValue) }
        return (request, station)
    }

    /// The one answer for a request not found in the caller's scope, whether it exists elsewhere or not.
    private static func noSuchRequest(_ found: String) -> InputError {
        InputError.single(
            .unknownReference,
            "request",
            found,
            "本辖区的诉求编号(yizhan request list 可查)",
            "the id of a request in your area (see yizhan request list)"
        )
    }

    private func commit(
        _ next: ResidentRequest,
        from request: ResidentRequest,
        kind: RequestStepKind,
        actor: RequestActor,
        at instant: Date,
        note: String?,
        happened: [RequestHappening],
        station: Station
    ) async throws -> RequestStep {
        var after = next
        after.version = request.version + 1
        let step = RequestStep(
            request: after,
            position: request.version,
            kind: kind,
            actor: actor,
            at: instant,
            note: note
        )
        do {
            try await store.commit(
                ChangeSet(
                    writes: [.requestStep(step)],
                    events: DomainEvent.requestEvents(
                        step,
                        happened: happened,
                        orgUnit: station.orgUnit,
                        policy: workflow.policy
                    )
                )
            )
        } catch let error as StoreError where error.code == .constraintViolation {
            throw InputError.single(
                .conflict,
                "request",
                request.id.rawValue,
                "未被他人同时处理的诉求(刚有人处理了这件诉求,请重新查看后再操作)",
                "a request nobody else acted on meanwhile (someone just did: look at it again)"
            )
        }
        return step
    }

    /// The current instant, kept to the millisecond as the stores keep it: the step returned is the
    /// step stored.
    private func now() -> Date { Date(millisecondsSince1970: clock.now().millisecondsSince1970) }

    /// The parties of a dispute filing, checked: required when staff file one, refused (with a
    /// method) for any other kind.
    static func checkedParties(_ filing: RequestFiling, category: RequestCategory) throws(InputError) -> String? {
        guard category.kind == .dispute else {
            guard filing.parties == nil, filing.method == nil else {
                throw InputError.single(
                    .conflict,
                    filing.parties == nil ? "method" : "parties",
                    category.id,
                    "矛盾纠纷类的分类(当事人与调处方式只用于纠纷;\(category.name)不是纠纷)",
                    "a category of the dispute kind (parties and a method are for disputes only)"
                )
            }
            return nil
        }
        guard let parties = filing.parties else {
            guard filing.receiver != nil else { return nil }
            throw InputError.single(
                .missing,
                "parties",
                "",
                "纠纷的当事人(如 “张某与李某,邻里漏水”;加密保存)",
                "the dispute's parties (sealed)"
            )
        }
        return try checkedText(parties, field: "parties")
    }

    /// `text` trimmed, when it may be kept: not empty, at most `textLimit` characters, no control
    /// character but line breaks (it is sealed, so it may name people and their numbers).
    static func checkedText(_ text: String, field: String) throws(InputError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw InputError.single(.missing, field, "", "非空的文字", "some text")
        }
        guard trimmed.count <= textLimit else {
            throw InputError.single(
                .outOfRange,
                field,
                "\(trimmed.count) 字",
                "不超过 \(textLimit) 字",
                "at most \(textLimit) characters"
            )
        }
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard
            !trimmed.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else {
            throw InputError.single(.invalidFormat, field, "(含控制字符)", "不含控制字符的文字", "text without control characters")
        }
        return trimmed
    }
}

/// What a resident's tracking code found.
public enum RequestTracking: Sendable {
    /// Their request, its station, and the answers given to them, oldest first.
    case found(ResidentRequest, station: Station, answers: [(at: Date, text: String)])
    /// No request has that code (or the phone's last four did not match): the same answer.
    case notFound
    /// Too many wrong codes from the address lately: try again after `retryAfter`.
    case throttled(retryAfter: Date)
}

/// A request with what was sealed opened: only from `RequestDesk.reveal`, which records who saw it
/// and why.
public struct RevealedRequest: Hashable, Sendable {
    /// The request.
    public var request: ResidentRequest
    /// What the resident wrote.
    public var description: String
    /// Their name and phone, if given.
    public var contact: PersonalData?
    /// A dispute's parties, if named.
    public var parties: String?
    /// The notes of its steps, by position (a dispute's parties not among them).
    public var notes: [Int: String]
}
