import Foundation

/// Refers clients to an agency and records what came of it: the referral is a `referral` service
/// record (checked as `RecordService` checks one) with the agency and its outcome beside it.
///
/// An outcome moves pending → accepted or declined, and accepted → completed; declined and completed
/// are final, and an outcome is never dated before its referral.
public struct ReferralWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    /// Refers `request`'s clients (its kind is set to referral) to `agency`.
    ///
    /// - Throws: `InputError` naming every refused field; nothing is written.
    @discardableResult
    public func refer(_ request: ServiceRecordRequest, to agency: String, actor: Actor) async throws -> Referral {
        var request = request
        request.kind = ServiceKind.referral.rawValue
        let name = agency.trimmingWhitespace()
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let stationID = try? StationID(request.station) else {
            _ = try RecordService.check(request, context: nil, today: today)
            preconditionFailure("RecordService.check accepted a request without a station")
        }
        let checkedRequest = request
        let lookup = RecordService.contextRequest(request, station: stationID)
        let (_, referral) = try await store.commit(checking: lookup) { context -> (ChangeSet, Referral) in
            let request = checkedRequest
            var issues: [InputIssue] = []
            var named = FieldCheck()
            named.text(name, field: "to", limit: 100, "接收转介的机构名称", "the receiving agency's name")
            issues += named.issues
            if let issue = FreeText.issue(name, field: "to") { issues.append(issue) }
            var record: ServiceRecord?
            do {
                record = try RecordService.check(request, context: context, today: today)
            } catch let error as InputError {
                issues += error.issues
            }
            issues += Self.consentIssues(request.clients, context: context)
            if request.clients.isEmpty {
                issues.append(
                    InputIssue(
                        code: .missing,
                        field: "client",
                        found: "",
                        expected: LocalizedText("被转介的服务对象(--client)", en: "the clients referred (--client)")
                    )
                )
            }
            guard issues.isEmpty, let record, let context else { throw InputError(issues: issues) }
            let referral = Referral(record: record.id, agency: name)
            var change = ChangeSet()
            change.refer(record, referral, at: context.station, by: actor, at: instant)
            return (change, referral)
        }
        return referral
    }

    /// A refusal for each named client whose consent does not cover 转介 (a referral passes their
    /// data to another agency); clients the context does not know are `RecordService`'s to refuse.
    static func consentIssues(_ clients: [String], context: StationContext?) -> [InputIssue] {
        var check = FieldCheck()
        check.consented(.referral, clients: clients.compactMap { try? ClientID($0) }, context: context, field: "client")
        return check.issues
    }

    /// Records the outcome of the referral made by service record `record` on `date`.
    ///
    /// - Throws: `InputError` for an unknown referral, outcome or date, or an outcome its current
    ///   one cannot move to; nothing is written.
    @discardableResult
    public func settle(_ record: String, outcome text: String, date: String, actor: Actor) async throws -> Referral {
        let instant = clock.now()
        let today = clock.day(at: instant)
        guard let id = try? ServiceRecordID(record), let listing = try await store.referral(id) else {
            throw InputError(issues: [
                InputIssue(
                    code: .unknownReference,
                    field: "referral",
                    found: record,
                    expected: LocalizedText("转介记录的标识", en: "the id of a referral record")
                )
            ])
        }
        var check = FieldCheck()
        let outcome = ReferralOutcome.matching(text)
        let allowed = Self.next(listing.referral.outcome)
        if outcome == nil || !allowed.contains(outcome ?? .pending) {
            let names = allowed.map { "\($0.rawValue)(\($0.label(in: .zhHans)))" }.joined(separator: "、")
            check.refuse(
                .conflict,
                "outcome",
                text,
                allowed.isEmpty
                    ? "无:该转介\(listing.referral.outcome.label(in: .zhHans))"
                    : "当前为\(listing.referral.outcome.label(in: .zhHans)),可改为:\(names)",
                allowed.isEmpty
                    ? "nothing: the referral is \(listing.referral.outcome.rawValue)"
                    : "one of \(allowed.map(\.rawValue)) after \(listing.referral.outcome.rawValue)"
            )
        }
        let day = check.date(date, today: today)
        if let day, day < listing.date {
            check.refuse(
                .outOfRange,
                "date",
                date,
                "不早于转介日期 \(listing.date)",
                "no earlier than the referral (\(listing.date))"
            )
        }
        guard check.issues.isEmpty, let outcome, let day, let station = try await store.station(listing.station) else {
            throw InputError(issues: check.issues)
        }
        var settled = listing.referral
        settled.outcome = outcome
        settled.outcomeOn = day
        var change = ChangeSet()
        change.settle(settled, at: station, by: actor, at: instant)
        try await store.commit(change)
        return settled
    }

    /// The outcomes `outcome` may move to.
    static func next(_ outcome: ReferralOutcome) -> [ReferralOutcome] {
        switch outcome {
        case .pending: [.accepted, .declined]
        case .accepted: [.completed]
        case .declined, .completed: []
        }
    }
}
