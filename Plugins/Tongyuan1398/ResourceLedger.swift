import YizhanKernel

/// 通元's resource-linking ledger (资源链接台账) over one period: per registered resource, the
/// services that linked it (those at an 益荟日 apart) and the micro-wishes it claimed, and the party
/// it counts under (seed 000 §三.二: 起禾 shops "活跃在‘益荟日’便民服务、微心愿认领…中").
struct ResourceLedger {
    /// Services, their 益荟日 part and person-times.
    struct Services {
        /// Records.
        var records = 0
        /// Records at an 益荟日.
        var yihuiri = 0
        /// Person-times.
        var personTimes = 0

        mutating func add(_ total: ServiceTotal, atYihuiri: Bool) {
            records += total.records
            yihuiri += atYihuiri ? total.records : 0
            personTimes += total.personTimes
        }
    }

    /// One resource's line.
    struct Line {
        /// The party it counts under, if one is known.
        var party: String?
        /// The services naming it.
        var services = Services()
        /// The wishes it claimed.
        var wishes = 0
    }

    /// The services carrying each party (with or without a resource), by party id; records naming a
    /// resource but no party are under `""`.
    var services: [String: Services] = [:]
    /// The lines, by resource id.
    var lines: [String: Line] = [:]
    /// The station's registered resources, by id.
    var registered: [String: CommunityResource] = [:]

    /// The party a resource with no party on its services counts under, by its kind.
    static let partyOfKind: [ResourceKind: String] = [.shop: "shops", .enterprise: "enterprises"]

    /// Reads the ledger: one grouped query of the records' party, resource and occasion, the wishes
    /// claimed in the period and the registered resources.
    static func read(_ context: PluginQueryContext) async throws -> ResourceLedger {
        var ledger = ResourceLedger()
        let totals = try await context.serviceTotals(
            fields: [Tongyuan1398.partyField, Tongyuan1398.resourceField, Tongyuan1398.occasionField]
        )
        ledger.registered = Dictionary(
            try await context.store.resources(in: .station(context.station.id)).map { ($0.id.rawValue, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var partiesOfResource: [String: [String: Int]] = [:]
        for total in totals {
            let values = total.fieldValues + [nil, nil, nil]
            let (party, resource) = (values[0], values[1])
            guard party != nil || resource != nil else { continue }
            let atYihuiri = values[2] == "yihuiri"
            ledger.services[party ?? "", default: Services()].add(total, atYihuiri: atYihuiri)
            if let resource {
                ledger.lines[resource, default: Line()].services.add(total, atYihuiri: atYihuiri)
                if let party { partiesOfResource[resource, default: [:]][party, default: 0] += total.records }
            }
        }
        for wish in try await context.claimedWishes() {
            guard let resource = wish.claimedBy?.rawValue else { continue }
            ledger.lines[resource, default: Line()].wishes += 1
        }
        for id in ledger.lines.keys {
            let named = partiesOfResource[id]?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            ledger.lines[id]?.party = named ?? ledger.registered[id].flatMap { partyOfKind[$0.kind] }
        }
        return ledger
    }

    /// The wishes claimed by resources counting under `party` (`nil`: under none).
    func wishes(of party: String?) -> Int {
        lines.values.filter { $0.party == party }.reduce(0) { $0 + $1.wishes }
    }

    /// The resources counting under `party` (`nil`: under none).
    func resources(of party: String?) -> Int {
        lines.values.filter { $0.party == party }.count
    }

    /// The ledger by party: one row per party, then one for resources under none, if any.
    func partyTable(_ context: PluginQueryContext) -> PluginTable {
        var rows = Tongyuan1398.parties.map { party in
            let own = services[party] ?? Services()
            return [
                PluginTable.Cell.text(context.name(of: party)), .number(resources(of: party)), .number(own.records),
                .number(own.yihuiri), .number(own.personTimes), .number(wishes(of: party)),
            ]
        }
        let loose = services[""] ?? Services()
        if resources(of: nil) > 0 || loose.records > 0 {
            rows.append([
                .label(LocalizedText("未归入资源方", en: "under no party")), .number(resources(of: nil)),
                .number(loose.records), .number(loose.yihuiri), .number(loose.personTimes), .number(wishes(of: nil)),
            ])
        }
        return PluginTable(
            columns: Self.columns(context, first: [.init("party", Self.party)], resources: true),
            rows: rows
        )
    }

    /// The ledger by resource: its registered name and kind, its party, services and wishes; most
    /// services first.
    func resourceTable(_ context: PluginQueryContext) -> PluginTable {
        let ordered = lines.sorted {
            ($0.value.services.records, $0.value.wishes, $1.key) > ($1.value.services.records, $1.value.wishes, $0.key)
        }
        return PluginTable(
            columns: Self.columns(
                context,
                first: [
                    .init("resource", LocalizedText("资源", en: "resource")),
                    .init("kind", LocalizedText("类型", en: "kind")),
                    .init("party", Self.party),
                ],
                resources: false
            ),
            rows: ordered.map { id, line in
                let resource = registered[id]
                let suffix = String(id.suffix(8))
                return [
                    resource.map { .text($0.name) }
                        ?? .label(LocalizedText("未登记资源 \(suffix)", en: "unregistered resource \(suffix)")),
                    resource.map { .label(LocalizedText($0.kind.label(in: .zhHans), en: $0.kind.label(in: .en))) }
                        ?? .text(""),
                    line.party.map { .text(context.name(of: $0)) } ?? .text(""),
                    .number(line.services.records), .number(line.services.yihuiri),
                    .number(line.services.personTimes), .number(line.wishes),
                ]
            }
        )
    }

    /// The heading of the party column.
    static let party = LocalizedText("资源方", en: "party")

    /// The ledger's columns after `first`: resources linked (by party only), services, their 益荟日
    /// part, person-times and wishes claimed.
    static func columns(
        _ context: PluginQueryContext,
        first: [PluginTable.Column],
        resources: Bool
    ) -> [PluginTable.Column] {
        let yihuiri = context.name(of: "yihuiri")
        return first
            + (resources ? [.init("resources", LocalizedText("链接资源数", en: "resources linked"), isNumber: true)] : [])
            + [
                .init("records", LocalizedText("链接服务", en: "services"), isNumber: true),
                .init("yihuiri", LocalizedText("其中“\(yihuiri)”", en: "of which at \(yihuiri)"), isNumber: true),
                .init("personTimes", LocalizedText("服务人次", en: "person-times"), isNumber: true),
                .init("wishes", LocalizedText("认领微心愿", en: "wishes claimed"), isNumber: true),
            ]
    }
}
