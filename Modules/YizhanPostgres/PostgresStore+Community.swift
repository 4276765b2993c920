public import Foundation
import Logging
import PostgresNIO
public import YizhanKernel

extension PostgresStore {
    /// Community resources: organisations, micro-wishes, charity funds and grants, map resources;
    /// gifts may name a fund; stations keep their indicators.
    static let v17Community = Migration(
        name: "v17 community: organisations, wishes, charity funds, resources, indicators",
        statements: [
            "ALTER TABLE station ADD COLUMN indicators TEXT",
            """
            CREATE TABLE community_organisation (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                name TEXT NOT NULL CHECK (name <> ''),
                kind TEXT NOT NULL CHECK (kind IN ('service', 'publicBenefit', 'mutualAid', 'other')),
                status TEXT NOT NULL CHECK (status IN ('registered', 'filed')),
                stage TEXT NOT NULL CHECK (stage IN ('incubating', 'fostering', 'independent')),
                since TEXT NOT NULL CHECK (since ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
            )
            """,
            "CREATE INDEX organisation_by_village ON community_organisation(village_code)",
            """
            CREATE TABLE micro_wish (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                wish TEXT NOT NULL CHECK (wish <> ''),
                value_fen BIGINT CHECK (value_fen > 0),
                posted_on TEXT NOT NULL CHECK (posted_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                status TEXT NOT NULL CHECK (status IN ('posted', 'claimed', 'fulfilled')),
                claimant_kind TEXT CHECK (claimant_kind IN ('foundation', 'enterprise', 'individual', 'fund')),
                claimant_name TEXT CHECK (claimant_kind IS DISTINCT FROM 'individual' OR claimant_name IS NULL),
                claimed_on TEXT CHECK (claimed_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND claimed_on >= posted_on),
                fulfilled_on TEXT CHECK (fulfilled_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' AND fulfilled_on >= claimed_on),
                CHECK ((status = 'posted' AND claimed_on IS NULL AND claimant_kind IS NULL AND fulfilled_on IS NULL)
                    OR (status = 'claimed' AND claimed_on IS NOT NULL AND claimant_kind IS NOT NULL AND fulfilled_on IS NULL)
                    OR (status = 'fulfilled' AND claimed_on IS NOT NULL AND claimant_kind IS NOT NULL
                        AND fulfilled_on IS NOT NULL))
            )
            """,
            "CREATE INDEX micro_wish_by_station ON micro_wish(station_id, posted_on)",
            """
            CREATE TABLE charity_fund (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                village_code TEXT COLLATE "C" REFERENCES org_unit(code),
                name TEXT NOT NULL CHECK (name <> ''),
                opened_on TEXT NOT NULL CHECK (opened_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
            )
            """,
            """
            CREATE TABLE charity_grant (
                id TEXT COLLATE "C" PRIMARY KEY,
                fund_id TEXT COLLATE "C" NOT NULL REFERENCES charity_fund(id),
                amount_fen BIGINT NOT NULL CHECK (amount_fen > 0),
                granted_on TEXT NOT NULL CHECK (granted_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
                purpose TEXT NOT NULL CHECK (purpose <> '')
            )
            """,
            "CREATE INDEX charity_grant_by_fund ON charity_grant(fund_id)",
            "ALTER TABLE donation ADD COLUMN charity_fund_id TEXT COLLATE \"C\" REFERENCES charity_fund(id)",
            "CREATE INDEX donation_by_charity_fund ON donation(charity_fund_id) WHERE charity_fund_id IS NOT NULL",
            """
            CREATE TABLE community_resource (
                id TEXT COLLATE "C" PRIMARY KEY,
                station_id TEXT COLLATE "C" NOT NULL REFERENCES station(id),
                village_code TEXT COLLATE "C" NOT NULL REFERENCES org_unit(code),
                kind TEXT NOT NULL CHECK (kind IN ('venue', 'enterprise', 'shop', 'institution', 'other')),
                name TEXT NOT NULL CHECK (name <> ''),
                offers TEXT
            )
            """,
        ]
    )

    /// A wish remembers the registered resource that claimed it (a 起禾 shop) and when the claim was
    /// entered, for figures as of a past day.
    static let v20WishClaims = Migration(
        name: "v20 wish claims: the resource that claimed a wish, when the claim was entered",
        statements: [
            """
            ALTER TABLE micro_wish ADD COLUMN claimed_by TEXT REFERENCES community_resource(id)
                CHECK (claimed_by IS NULL OR claimed_on IS NOT NULL)
            """,
            """
            ALTER TABLE micro_wish ADD COLUMN claim_entered_at_ms BIGINT
                CHECK (claim_entered_at_ms IS NULL OR claimed_on IS NOT NULL)
            """,
            "CREATE INDEX micro_wish_by_claim ON micro_wish(station_id, claimed_on) WHERE claimed_on IS NOT NULL",
        ]
    )

    /// The organisation columns.
    static let organisationColumns = "id, station_id, village_code, name, kind, status, stage, since"
    /// The micro-wish columns.
    static let microWishColumns = """
        id, station_id, village_code, wish, value_fen, posted_on, claimant_kind, claimant_name, claimed_by, claimed_on,
        claim_entered_at_ms, fulfilled_on
        """
    /// The fund columns.
    static let charityFundColumns = "id, station_id, village_code, name, opened_on"
    /// The grant columns.
    static let charityGrantColumns = "id, fund_id, amount_fen, granted_on, purpose"
    /// The resource columns.
    static let resourceColumns = "id, station_id, village_code, kind, name, offers"

    /// Applies a community write.
    static func applyCommunity(_ write: Write, on connection: PostgresConnection, logger: Logger) async throws {
        switch write {
        case .organisation(let organisation):
            try await connection.query(
                """
                INSERT INTO community_organisation (id, station_id, village_code, name, kind, status, stage, since)
                VALUES (\(organisation.id.rawValue), \(organisation.station.rawValue), \(organisation.village.rawValue),
                        \(organisation.name), \(organisation.kind.rawValue), \(organisation.status.rawValue),
                        \(organisation.stage.rawValue), \(organisation.since.description))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    name = excluded.name, kind = excluded.kind, status = excluded.status, stage = excluded.stage,
                    since = excluded.since
                """,
                logger: logger
            )
        case .microWish(let wish):
            try await Self.write(wish, on: connection, logger: logger)
        case .charityFund(let fund):
            try await connection.query(
                """
                INSERT INTO charity_fund (id, station_id, village_code, name, opened_on)
                VALUES (\(fund.id.rawValue), \(fund.station.rawValue), \(fund.village?.rawValue), \(fund.name),
                        \(fund.openedOn.description))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    name = excluded.name, opened_on = excluded.opened_on
                """,
                logger: logger
            )
        case .charityGrant(let grant):
            try await connection.query(
                """
                INSERT INTO charity_grant (id, fund_id, amount_fen, granted_on, purpose)
                VALUES (\(grant.id.rawValue), \(grant.fund.rawValue), \(grant.amount.value),
                        \(grant.grantedOn.description), \(grant.purpose))
                """,
                logger: logger
            )
        case .resource(let resource):
            try await connection.query(
                """
                INSERT INTO community_resource (id, station_id, village_code, kind, name, offers)
                VALUES (\(resource.id.rawValue), \(resource.station.rawValue), \(resource.village.rawValue),
                        \(resource.kind.rawValue), \(resource.name), \(resource.offers))
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    kind = excluded.kind, name = excluded.name, offers = excluded.offers
                """,
                logger: logger
            )
        default:
            throw StoreError(code: .invalidChange, location: "community", reason: "not a community write")
        }
    }

    /// Inserts a wish not stored yet as it is; moves a stored one on only from the status before.
    private static func write(_ wish: MicroWish, on connection: PostgresConnection, logger: Logger) async throws {
        let previous = wish.status.previous?.rawValue ?? ""
        let rows = try await connection.query(
            """
            INSERT INTO micro_wish (id, station_id, village_code, wish, value_fen, posted_on, claimant_kind, claimant_name,
                claimed_by, claimed_on, claim_entered_at_ms, fulfilled_on, status)
            VALUES (\(wish.id.rawValue), \(wish.station.rawValue), \(wish.village.rawValue), \(wish.wish),
                    \(wish.value?.value), \(wish.postedOn.description), \(wish.claimantKind?.rawValue),
                    \(wish.claimantName), \(wish.claimedBy?.rawValue), \(wish.claimedOn?.description),
                    \(wish.claimEnteredAt?.millisecondsSince1970), \(wish.fulfilledOn?.description),
                    \(wish.status.rawValue))
            ON CONFLICT (id) DO UPDATE SET claimant_kind = excluded.claimant_kind, claimant_name = excluded.claimant_name,
                claimed_by = excluded.claimed_by, claimed_on = excluded.claimed_on,
                claim_entered_at_ms = excluded.claim_entered_at_ms, fulfilled_on = excluded.fulfilled_on,
                status = excluded.status
            WHERE micro_wish.status = \(previous)
            RETURNING id
            """,
            logger: logger
        ).collect()
        guard rows.count == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "micro_wish",
                reason: "the wish is not \(previous.isEmpty ? "new" : previous) any more"
            )
        }
    }

    /// The organisations in `scope`.
    public func organisations(in scope: Scope) async throws -> [CommunityOrganisation] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.organisationColumns, "o")) FROM community_organisation o "
                + "JOIN station s ON s.id = o.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY o.village_code, o.id")
        return try await rows("community_organisation", sql) { try Self.organisation($0) }
    }

    /// The wish with `id`.
    public func microWish(_ id: MicroWishID) async throws -> MicroWish? {
        var sql = SQLBuilder("SELECT \(Self.microWishColumns) FROM micro_wish WHERE id = ")
        sql.append(try sql.bind(id.rawValue))
        return try await rows("micro_wish", sql) { try Self.microWish($0) }.first
    }

    /// Up to `limit` wishes in `scope`, newest posted first.
    public func microWishes(in scope: Scope, status: MicroWishStatus?, limit: Int) async throws -> [MicroWish] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.microWishColumns, "w")) FROM micro_wish w JOIN station s ON s.id = w.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        if let status { sql.append(" AND w.status = \(try sql.bind(status.rawValue))") }
        sql.append(" ORDER BY w.posted_on DESC, w.id DESC LIMIT \(try sql.bind(limit))")
        return try await rows("micro_wish", sql) { try Self.microWish($0) }
    }

    /// The wishes in `scope` claimed within `period`, by claim day, then id; with `enteredBy`, only
    /// claims entered by then.
    public func claimedWishes(in scope: Scope, period: CivilPeriod, enteredBy: Date?) async throws -> [MicroWish] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.microWishColumns, "w")) FROM micro_wish w JOIN station s ON s.id = w.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" AND w.claimed_on BETWEEN \(try sql.bind(period.start.description))")
        sql.append(" AND \(try sql.bind(period.end.description))")
        if let enteredBy {
            sql.append(" AND w.claim_entered_at_ms <= \(try sql.bind(enteredBy.millisecondsSince1970))")
        }
        sql.append(" ORDER BY w.claimed_on, w.id")
        return try await rows("micro_wish", sql) { try Self.microWish($0) }
    }

    /// The funds in `scope` with what each received and granted.
    public func charityFunds(in scope: Scope) async throws -> [CharityFundBalance] {
        var sql = SQLBuilder(
            """
            SELECT \(Self.qualified(Self.charityFundColumns, "f")),
                   (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM donation d
                    WHERE d.charity_fund_id = f.id AND d.kind = 'money' AND NOT d.voided) AS received_fen,
                   (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM charity_grant g WHERE g.fund_id = f.id) AS granted_fen
            FROM charity_fund f JOIN station s ON s.id = f.station_id WHERE 
            """
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY f.id")
        return try await rows("charity_fund", sql) { cells in
            CharityFundBalance(
                fund: try Self.charityFund(cells),
                received: Fen(try cells["received_fen"].decode(Int64.self)),
                granted: Fen(try cells["granted_fen"].decode(Int64.self))
            )
        }
    }

    /// Grants in one transaction holding an advisory lock on the fund.
    public func grant(
        _ grant: CharityGrant,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> CharityGrantOutcome {
        struct Declined: Error { let balance: Fen }
        do {
            return try await mapErrors("charity_grant") {
                try await client.withTransaction(logger: logger) { connection in
                    let lock = "charityfund:\(grant.fund.rawValue)"
                    try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lock)))", logger: logger)
                    let rows = try await connection.query(
                        """
                        SELECT (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM donation
                                WHERE charity_fund_id = \(grant.fund.rawValue) AND kind = 'money' AND NOT voided)
                             - (SELECT COALESCE(SUM(amount_fen), 0)::bigint FROM charity_grant
                                WHERE fund_id = \(grant.fund.rawValue)) AS balance_fen
                        """,
                        logger: logger
                    ).collect()
                    let balance = try rows.first?.makeRandomAccess()["balance_fen"].decode(Int64.self) ?? 0
                    guard balance >= grant.amount.value else { throw Declined(balance: Fen(balance)) }
                    let after = Fen(balance - grant.amount.value)
                    _ = try await Self.commit(
                        ChangeSet(writes: [.charityGrant(grant)], events: events(after)),
                        on: connection,
                        logger: logger
                    )
                    return CharityGrantOutcome.granted(balance: after)
                }
            }
        } catch let declined as Declined {
            return .insufficient(balance: declined.balance)
        }
    }

    /// The registered resources in `scope`.
    public func resources(in scope: Scope) async throws -> [CommunityResource] {
        var sql = SQLBuilder(
            "SELECT \(Self.qualified(Self.resourceColumns, "r")) FROM community_resource r "
                + "JOIN station s ON s.id = r.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(" ORDER BY r.village_code, r.id")
        return try await rows("community_resource", sql) { try Self.resource($0) }
    }

    /// The resource map of `scope`, counted by the database.
    public func resourceMap(in scope: Scope) async throws -> [ResourceMapCell] {
        var sql = SQLBuilder("SELECT village_code, kind, COUNT(*)::bigint AS n FROM (")
        sql.append(
            "SELECT r.village_code, r.kind FROM community_resource r JOIN station s ON s.id = r.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(
            " UNION ALL SELECT o.village_code, 'organisation' FROM community_organisation o "
                + "JOIN station s ON s.id = o.station_id WHERE "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(
            " UNION ALL SELECT v.village_code, 'volunteer' FROM volunteer v JOIN station s ON s.id = v.station_id "
                + "WHERE v.village_code IS NOT NULL AND "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(
            " UNION ALL SELECT f.village_code, 'charityFund' FROM charity_fund f JOIN station s ON s.id = f.station_id "
                + "WHERE f.village_code IS NOT NULL AND "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(
            " UNION ALL SELECT w.village_code, 'openWish' FROM micro_wish w JOIN station s ON s.id = w.station_id "
                + "WHERE w.status = 'posted' AND "
        )
        sql.append(try Self.stationFilter(scope, into: &sql))
        sql.append(") AS m GROUP BY village_code, kind ORDER BY village_code, kind")
        return try await rows("resource_map", sql) { cells in
            ResourceMapCell(
                village: try Self.parse(
                    try? DivisionCode(try cells["village_code"].decode(String.self)),
                    "village_code"
                ),
                kind: try Self.enumValue(cells, "kind"),
                count: Int(try cells["n"].decode(Int64.self))
            )
        }
    }

    /// Runs `sql` and decodes each row with `decode`.
    func rows<T: Sendable>(
        _ location: String,
        _ sql: SQLBuilder,
        _ decode: @escaping @Sendable (PostgresRandomAccessRow) throws -> T
    ) async throws -> [T] {
        let built = sql
        return try await read(location) { connection, logger in
            try await connection.query(built.query, logger: logger).collect().map { try decode($0.makeRandomAccess()) }
        }
    }

    /// `columns`, each prefixed with `alias`.
    static func qualified(_ columns: String, _ alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .joined(separator: ", ")
    }

    static func organisation(_ cells: PostgresRandomAccessRow) throws -> CommunityOrganisation {
        CommunityOrganisation(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try parse(try? DivisionCode(try cells["village_code"].decode(String.self)), "village_code"),
            name: try cells["name"].decode(String.self),
            kind: try enumValue(cells, "kind"),
            status: try enumValue(cells, "status"),
            stage: try enumValue(cells, "stage"),
            since: try civilDate(cells, "since")
        )
    }

    static func microWish(_ cells: PostgresRandomAccessRow) throws -> MicroWish {
        let claimant = try cells["claimant_kind"].decode(String?.self)
        return MicroWish(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try parse(try? DivisionCode(try cells["village_code"].decode(String.self)), "village_code"),
            wish: try cells["wish"].decode(String.self),
            value: try cells["value_fen"].decode(Int64?.self).map(Fen.init),
            postedOn: try civilDate(cells, "posted_on"),
            claimantKind: try claimant.map { try parse(DonorKind(rawValue: $0), "claimant_kind") },
            claimantName: try cells["claimant_name"].decode(String?.self),
            claimedBy: try cells["claimed_by"].decode(String?.self).map {
                try parse(try? CommunityResourceID($0), "claimed_by")
            },
            claimedOn: try cells["claimed_on"].decode(String?.self).map {
                try parse(try? CivilDate(parsing: $0), "claimed_on")
            },
            claimEnteredAt: try cells["claim_entered_at_ms"].decode(Int64?.self).map(Date.init(millisecondsSince1970:)),
            fulfilledOn: try cells["fulfilled_on"].decode(String?.self).map {
                try parse(try? CivilDate(parsing: $0), "fulfilled_on")
            }
        )
    }

    static func charityFund(_ cells: PostgresRandomAccessRow) throws -> CharityFund {
        CharityFund(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try cells["village_code"].decode(String?.self).map {
                try parse(try? DivisionCode($0), "village_code")
            },
            name: try cells["name"].decode(String.self),
            openedOn: try civilDate(cells, "opened_on")
        )
    }

    static func charityGrant(_ cells: PostgresRandomAccessRow) throws -> CharityGrant {
        CharityGrant(
            id: try id(cells, "id"),
            fund: try id(cells, "fund_id"),
            amount: Fen(try cells["amount_fen"].decode(Int64.self)),
            grantedOn: try civilDate(cells, "granted_on"),
            purpose: try cells["purpose"].decode(String.self)
        )
    }

    static func resource(_ cells: PostgresRandomAccessRow) throws -> CommunityResource {
        CommunityResource(
            id: try id(cells, "id"),
            station: try id(cells, "station_id"),
            village: try parse(try? DivisionCode(try cells["village_code"].decode(String.self)), "village_code"),
            kind: try enumValue(cells, "kind"),
            name: try cells["name"].decode(String.self),
            offers: try cells["offers"].decode(String?.self)
        )
    }
}
