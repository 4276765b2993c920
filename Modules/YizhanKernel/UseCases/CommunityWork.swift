import Foundation

/// The community resources a station links (五社联动, seeds 000 §三 and 002): social organisations,
/// micro-wishes, community charity funds and the resources on its map. Each write is checked
/// against the station and its villages in the transaction that makes it.
public struct CommunityWork: Sendable {
    let store: any StationStore
    let clock: WorkClock

    /// Creates the use case over `store`; `clock` gives the instant and the working day.
    public init(store: any StationStore, clock: WorkClock = .system) {
        self.store = store
        self.clock = clock
    }

    // MARK: Organisations

    /// Adds organisation `name` of `kind` in `village`, registered or filed on `since`.
    @discardableResult
    public func addOrganisation(
        station: String,
        village: String,
        name: String,
        kind: String,
        status: String,
        stage: String,
        since: String,
        actor: Actor
    ) async throws -> CommunityOrganisation {
        let instant = clock.now()
        return try await checked(station, villages: [village], names: .organisation) { context, check in
            let place = check.village(village, context: context)
            let title = Self.name(name, &check)
            Self.refuseTwice(title, among: context.takenNames, &check)
            let sort = Self.choice(OrganisationKind.self, kind, "kind", &check, "服务类、公益类、互助类、其他之一")
            let standing = Self.choice(OrganisationStatus.self, status, "status", &check, "登记或备案")
            let step = Self.choice(IncubationStage.self, stage, "stage", &check, "孵化中、培育中、已出壳之一")
            let day = check.date(since, today: clock.day(at: instant))
            guard check.issues.isEmpty, let place, let title, let sort, let standing, let step, let day else {
                throw InputError(issues: check.issues)
            }
            let organisation = CommunityOrganisation(
                id: .generate(),
                station: context.station.id,
                village: place,
                name: title,
                kind: sort,
                status: standing,
                stage: step,
                since: day
            )
            var change = ChangeSet()
            change.record(organisation, at: context.station, by: actor, at: instant)
            return (change, organisation)
        }
    }

    /// Moves organisation `id` of `station` on to `stage` (never back), and to `status` when given.
    @discardableResult
    public func advanceOrganisation(
        _ id: String,
        station: String,
        stage: String,
        status: String?,
        actor: Actor
    ) async throws -> CommunityOrganisation {
        let instant = clock.now()
        let stationID = try InputError.stationID(station)
        guard
            var organisation = try await store.organisations(in: .station(stationID)).first(where: {
                $0.id.rawValue == id
            })
        else {
            throw InputError.single(
                .unknownReference,
                "organisation",
                id,
                "本站的社区社会组织标识",
                "the id of an organisation of this station"
            )
        }
        var check = FieldCheck()
        let step = Self.choice(IncubationStage.self, stage, "stage", &check, "孵化中、培育中、已出壳之一")
        let standing = status.flatMap { Self.choice(OrganisationStatus.self, $0, "status", &check, "登记或备案") }
        guard check.issues.isEmpty, let step else { throw InputError(issues: check.issues) }
        guard step >= organisation.stage else {
            throw InputError.single(
                .conflict,
                "stage",
                stage,
                "不早于当前阶段(\(organisation.stage.label(in: .zhHans)))的阶段",
                "a stage no earlier than the current one (\(organisation.stage.rawValue))"
            )
        }
        organisation.stage = step
        if let standing { organisation.status = standing }
        let final = organisation
        _ = try await checked(station, villages: []) { context, _ in
            var change = ChangeSet()
            change.record(final, at: context.station, by: actor, at: instant)
            return (change, final)
        }
        return final
    }

    /// Per village of the stations in `scope`: its organisations against the station's targets
    /// (indicators with the metrics `organisationsPerUrbanCommunity` and `…Rural…`).
    public func organisationCounts(in scope: Scope) async throws -> [VillageOrganisations] {
        let organisations = try await store.organisations(in: scope)
        var rows: [VillageOrganisations] = []
        for station in try await store.stations(in: scope) {
            let targets = Dictionary(
                station.indicators.compactMap { indicator -> (CommunityKind, Int)? in
                    switch indicator.metric {
                    case "organisationsPerUrbanCommunity": indicator.atLeast.map { (.urban, $0) }
                    case "organisationsPerRuralCommunity": indicator.atLeast.map { (.rural, $0) }
                    default: nil
                    }
                },
                uniquingKeysWith: { first, _ in first }
            )
            for village in try await store.orgUnits(within: station.orgUnit) where village.level == .village {
                let here = organisations.filter { $0.station == station.id && $0.village == village.code }
                let kind = village.code.communityKind ?? .rural
                rows.append(
                    VillageOrganisations(
                        station: station.id,
                        village: village,
                        kind: kind,
                        count: here.count,
                        serviceMutualAid: here.filter(\.kind.countsTowardsServiceShare).count,
                        target: targets[kind]
                    )
                )
            }
        }
        return rows
    }

    // MARK: Micro-wishes

    /// Posts a wish for `village` on `date`, worth `value` yuan when given.
    @discardableResult
    public func postWish(
        station: String,
        village: String,
        wish: String,
        value: String?,
        date: String,
        actor: Actor
    ) async throws -> MicroWish {
        let instant = clock.now()
        return try await checked(station, villages: [village]) { context, check in
            let place = check.village(village, context: context)
            let what = wish.trimmingWhitespace()
            check.text(wish, field: "wish", limit: 100, "心愿内容(不写姓名)", "what is wished for, without names,")
            check.freeText(what, field: "wish")
            let money = value.map { Self.amount($0, "value", &check) }
            let day = check.date(date, today: clock.day(at: instant))
            guard check.issues.isEmpty, let place, let day else { throw InputError(issues: check.issues) }
            let posted = MicroWish(
                id: .generate(),
                station: context.station.id,
                village: place,
                wish: what,
                value: money ?? nil,
                postedOn: day
            )
            var change = ChangeSet()
            change.progress(posted, at: context.station, by: actor, at: instant)
            return (change, posted)
        }
    }

    /// Claims wish `id` for a donor of `claimantKind` (an organisation's `claimantName`; people stay
    /// anonymous) on `date`, or, when `fulfil`, marks the claimed wish fulfilled on `date`.
    ///
    /// A claim by a resource on the station's map names it as `resource`: the claimant's name is then
    /// the resource's registered name, and its kind defaults to 企业 for shops and enterprises.
    @discardableResult
    public func progressWish(
        _ id: String,
        claimantKind: String?,
        claimantName: String?,
        resource: String? = nil,
        date: String,
        fulfil: Bool,
        actor: Actor
    ) async throws -> MicroWish {
        let instant = clock.now()
        guard let wishID = try? MicroWishID(id), var wish = try await store.microWish(wishID) else {
            throw InputError.single(.unknownReference, "wish", id, "已发布的微心愿标识", "the id of a posted wish")
        }
        var check = FieldCheck()
        let day = check.date(date, today: clock.day(at: instant))
        let expected: MicroWishStatus = fulfil ? .claimed : .posted
        guard wish.status == expected else {
            throw InputError.single(
                .conflict,
                "wish",
                id,
                fulfil ? "已认领、尚未实现的微心愿" : "尚待认领的微心愿(当前:\(wish.status.label(in: .zhHans)))",
                fulfil
                    ? "a claimed wish not yet fulfilled"
                    : "a wish still waiting to be claimed (now \(wish.status.rawValue))"
            )
        }
        if fulfil {
            if let day, let claimed = wish.claimedOn, day < claimed {
                check.refuse(.outOfRange, "date", date, "不早于认领日期 \(claimed)", "no earlier than the claim, \(claimed)")
            }
            wish.fulfilledOn = day
        } else {
            let claimer = try await claimingResource(resource, of: wish, claimantName: claimantName, &check)
            let kindText =
                claimantKind ?? (claimer.map { [.shop, .enterprise].contains($0.kind) } == true ? "enterprise" : "")
            // An unknown resource is refused already; its kind is not asked for as well.
            let unknownResource = resource != nil && claimer == nil && claimantKind == nil
            let donor =
                unknownResource
                ? nil : Self.choice(DonorKind.self, kindText, "claimant-kind", &check, "基金会、企业、个人、基金之一")
            let name = claimer?.name ?? claimantName?.trimmingWhitespace()
            if claimer != nil, donor == .individual {
                check.refuse(
                    .conflict,
                    "claimant-kind",
                    claimantKind ?? "",
                    "登记的资源是单位或场所,不是个人",
                    "a registered resource is an organisation or a place, not a person"
                )
            }
            if donor == .individual, claimer == nil, name != nil {
                check.refuse(.conflict, "claimant", claimantName ?? "", "个人认领不记姓名", "no name for a person")
            }
            if let donor, donor != .individual, (name ?? "").isEmpty {
                check.refuse(.missing, "claimant", "", "认领单位名称", "the claiming organisation's name")
            }
            if let day, day < wish.postedOn {
                check.refuse(
                    .outOfRange,
                    "date",
                    date,
                    "不早于发布日期 \(wish.postedOn)",
                    "no earlier than the posting, \(wish.postedOn)"
                )
            }
            wish.claimantKind = donor
            wish.claimantName = donor == .individual ? nil : name
            wish.claimedBy = claimer?.id
            wish.claimedOn = day
            wish.claimEnteredAt = instant
        }
        guard check.issues.isEmpty else { throw InputError(issues: check.issues) }
        let moved = wish
        do {
            _ = try await checked(wish.station.rawValue, villages: []) { context, _ in
                var change = ChangeSet()
                change.progress(moved, at: context.station, by: actor, at: instant)
                return (change, moved)
            }
        } catch let error as StoreError where error.location == "micro_wish" {
            throw InputError.single(
                .conflict,
                "wish",
                id,
                "尚未被他人同时处理的微心愿,请刷新后重试",
                "a wish nobody else changed meanwhile; reload and retry"
            )
        }
        return moved
    }

    /// The registered resource of the wish's station named `text` as the claimant, if one is named;
    /// refuses an unknown one, and a claimant name beside it.
    private func claimingResource(
        _ text: String?,
        of wish: MicroWish,
        claimantName: String?,
        _ check: inout FieldCheck
    ) async throws -> CommunityResource? {
        guard let text else { return nil }
        let registered = try await store.resources(in: .station(wish.station))
        guard let found = registered.first(where: { $0.id.rawValue == text }) else {
            check.refuse(
                .unknownReference,
                "resource",
                text,
                "\(wish.station) 已登记资源的标识(yizhan resource list)",
                "the id of a resource registered at \(wish.station) (yizhan resource list)"
            )
            return nil
        }
        if let claimantName, claimantName.trimmingWhitespace() != found.name {
            check.refuse(
                .conflict,
                "claimant",
                claimantName,
                "认领方名称取自登记的资源(\(found.name)),不另写",
                "the claimant's name is the resource's registered name (\(found.name)); leave it out"
            )
        }
        return found
    }

    // MARK: Charity funds

    /// Opens fund `name` of `station`, for `village` when given.
    @discardableResult
    public func openFund(
        station: String,
        village: String?,
        name: String,
        date: String,
        actor: Actor
    ) async throws
        -> CharityFund
    {
        let instant = clock.now()
        return try await checked(station, villages: village.map { [$0] } ?? []) { context, check in
            let place = check.village(village, context: context)
            let title = Self.name(name, &check)
            let day = check.date(date, today: clock.day(at: instant))
            guard check.issues.isEmpty, let title, let day else { throw InputError(issues: check.issues) }
            let fund = CharityFund(
                id: .generate(),
                station: context.station.id,
                village: place,
                name: title,
                openedOn: day
            )
            var change = ChangeSet()
            change.open(fund, at: context.station, by: actor, at: instant)
            return (change, fund)
        }
    }

    /// Records a gift of `amount` yuan of money to fund `id` from a donor of `donorKind`.
    @discardableResult
    public func give(
        to id: String,
        donorKind: String,
        donor: String?,
        amount: String,
        date: String,
        actor: Actor
    ) async throws -> Donation {
        let instant = clock.now()
        let fund = try await self.fund(id)
        return try await checked(fund.station.rawValue, villages: []) { context, check in
            let kind = Self.choice(DonorKind.self, donorKind, "donor-kind", &check, "基金会、企业、个人、基金之一")
            let name = donor?.trimmingWhitespace()
            if kind == .individual, let name, !name.isEmpty {
                check.refuse(.conflict, "donor", name, "个人捐赠不记姓名", "no name for a person")
            }
            let money = Self.amount(amount, "amount", &check)
            let day = check.date(date, today: clock.day(at: instant))
            if let day, day < fund.openedOn {
                check.refuse(
                    .outOfRange,
                    "date",
                    date,
                    "不早于基金设立日 \(fund.openedOn) 的日期",
                    "a day from the fund's opening, \(fund.openedOn)"
                )
            }
            guard check.issues.isEmpty, let kind, let money, let day else { throw InputError(issues: check.issues) }
            let gift = Donation(
                id: .generate(),
                station: context.station.id,
                donorKind: kind,
                donorName: kind == .individual ? nil : name,
                amount: money,
                receivedOn: day,
                purpose: fund.name,
                charityFund: fund.id
            )
            var change = ChangeSet()
            change.receive(gift, at: context.station, by: actor, at: instant)
            return (change, gift)
        }
    }

    /// Grants `amount` yuan from fund `id` on `date` for `purpose`.
    ///
    /// - Returns: `.insufficient` (nothing written) when the fund holds less.
    public func grant(
        from id: String,
        amount: String,
        date: String,
        purpose: String,
        actor: Actor
    ) async throws
        -> (CharityGrant, CharityGrantOutcome)
    {
        let instant = clock.now()
        let fund = try await self.fund(id)
        guard let station = try await store.station(fund.station) else {
            throw InputError.unknownStation(fund.station.rawValue)
        }
        var check = FieldCheck()
        let money = Self.amount(amount, "amount", &check)
        let day = check.date(date, today: clock.day(at: instant))
        let what = purpose.trimmingWhitespace()
        if what.isEmpty { check.refuse(.missing, "purpose", "", "资助用途(不写受助人姓名)", "what it is for, no names") }
        check.freeText(what, field: "purpose")
        // A fund grants only what it had received by that day (issue 21.4).
        if let day {
            let firstGift = try await store.donations(in: .station(fund.station), period: nil)
                .filter { $0.charityFund == fund.id }.map(\.receivedOn).min()
            if firstGift.map({ day < $0 }) ?? true {
                check.refuse(
                    .outOfRange,
                    "date",
                    date,
                    firstGift.map { "不早于基金首笔捐入日 \($0) 的日期" } ?? "基金收到捐款之后的日期(该基金尚无捐入)",
                    firstGift.map { "a day from the fund's first gift, \($0)" }
                        ?? "a day after the fund's first gift (it has none yet)"
                )
            }
        }
        guard check.issues.isEmpty, let money, let day else { throw InputError(issues: check.issues) }
        let grant = CharityGrant(id: .generate(), fund: fund.id, amount: money, grantedOn: day, purpose: what)
        let outcome = try await store.grant(grant) { balance in
            [
                DomainEvent(
                    CharityFundGranted(
                        grant: grant.id,
                        fund: fund.id,
                        station: station.id,
                        amount: money,
                        balance: balance
                    ),
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: actor,
                    at: instant
                )
            ]
        }
        return (grant, outcome)
    }

    // MARK: Resources

    /// Puts resource `name` of `kind` in `village` on the station's map.
    @discardableResult
    public func addResource(
        station: String,
        village: String,
        kind: String,
        name: String,
        offers: String?,
        actor: Actor
    ) async throws -> CommunityResource {
        let instant = clock.now()
        return try await checked(station, villages: [village], names: .resource) { context, check in
            let place = check.village(village, context: context)
            let title = Self.name(name, &check)
            Self.refuseTwice(title, among: context.takenNames, &check)
            var sort = Self.choice(ResourceKind.self, kind, "kind", &check, "场地、企业、商户、单位、其他之一")
            if let found = sort, !ResourceKind.registrable.contains(found) {
                check.refuse(
                    .invalidFormat,
                    "kind",
                    kind,
                    "场地、企业、商户、单位、其他之一",
                    "venue, enterprise, shop, institution or other"
                )
                sort = nil
            }
            guard check.issues.isEmpty, let place, let title, let sort else { throw InputError(issues: check.issues) }
            let resource = CommunityResource(
                id: .generate(),
                station: context.station.id,
                village: place,
                kind: sort,
                name: title,
                offers: offers.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            )
            var change = ChangeSet()
            change.register(resource, at: context.station, by: actor, at: instant)
            return (change, resource)
        }
    }

    // MARK: Helpers

    private func fund(_ id: String) async throws -> CharityFund {
        guard let fundID = try? CharityFundID(id),
            let found = try await store.charityFunds(in: .all).first(where: { $0.fund.id == fundID })
        else { throw InputError.single(.unknownReference, "fund", id, "已设立的慈善基金标识", "the id of a charity fund") }
        return found.fund
    }

    /// Runs `build` on the station's context (with `villages` looked up, and the names of `names`
    /// it has used) in one write transaction.
    private func checked<Output: Sendable>(
        _ station: String,
        villages: [String],
        names: NamedKind? = nil,
        _ build: @escaping @Sendable (StationContext, inout FieldCheck) throws -> (ChangeSet, Output)
    ) async throws -> Output {
        let request = ContextRequest(
            station: try InputError.stationID(station),
            villages: villages.compactMap { try? DivisionCode($0) },
            takenNames: names
        )
        let (_, output) = try await store.commit(checking: request) { context -> (ChangeSet, Output) in
            guard let context else { throw InputError.unknownStation(station) }
            var check = FieldCheck()
            return try build(context, &check)
        }
        return output
    }

    /// Refuses a name the station has registered already: the same organisation or resource twice
    /// was counted twice and flipped a target check (issue 21.4).
    private static func refuseTwice(_ title: String?, among registered: [String], _ check: inout FieldCheck) {
        guard let title, registered.contains(title) else { return }
        check.refuse(.conflict, "name", title, "本站尚未登记的名称(已登记过)", "a name the station has not registered yet")
    }

    private static func name(_ text: String, _ check: inout FieldCheck) -> String? {
        check.text(text, field: "name", limit: 100, "名称", "a name")
    }

    private static func amount(_ text: String, _ field: String, _ check: inout FieldCheck) -> Fen? {
        guard let money = try? Fen(parsing: text), money.value > 0 else {
            check.refuse(.invalidFormat, field, text, "大于 0 的金额(元,最多两位小数)", "an amount above 0 in yuan")
            return nil
        }
        guard money <= FundWork.largestAmount else {
            check.refuse(.outOfRange, field, text, "不超过 1 亿元的金额", "an amount of at most ¥100,000,000")
            return nil
        }
        return money
    }

    /// A value of `Choice` by its code or its Chinese name.
    private static func choice<Choice: CaseIterable & RawRepresentable & Sendable>(
        _: Choice.Type,
        _ text: String,
        _ field: String,
        _ check: inout FieldCheck,
        _ zh: String
    ) -> Choice? where Choice.RawValue == String {
        let found = Choice.allCases.first { choice in
            choice.rawValue == text || Self.label(of: choice) == text
        }
        if found == nil {
            check.refuse(
                .invalidFormat,
                field,
                text,
                zh,
                Choice.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        return found
    }

    private static func label(of choice: some Sendable) -> String? {
        switch choice {
        case let value as OrganisationKind: value.label(in: .zhHans)
        case let value as OrganisationStatus: value.label(in: .zhHans)
        case let value as IncubationStage: value.label(in: .zhHans)
        case let value as DonorKind: value.label(in: .zhHans)
        case let value as ResourceKind: value.label(in: .zhHans)
        default: nil
        }
    }
}

/// A village's community organisations against its station's target.
public struct VillageOrganisations: Hashable, Sendable, Codable {
    /// The station.
    public var station: StationID
    /// The village.
    public var village: OrgUnit
    /// Urban or rural.
    public var kind: CommunityKind
    /// How many organisations it has.
    public var count: Int
    /// How many of them are service, public-benefit or mutual-aid ones.
    public var serviceMutualAid: Int
    /// The station's target for a community of this kind, if it has one.
    public var target: Int?

    /// Creates a row.
    public init(
        station: StationID,
        village: OrgUnit,
        kind: CommunityKind,
        count: Int,
        serviceMutualAid: Int,
        target: Int?
    ) {
        self.station = station
        self.village = village
        self.kind = kind
        self.count = count
        self.serviceMutualAid = serviceMutualAid
        self.target = target
    }

    /// Whether the village meets its target (`nil` when there is none).
    public var meetsTarget: Bool? { target.map { count >= $0 } }
}
