public import Foundation
import GRDB
public import YizhanKernel

extension SQLiteStore {
    /// Community resources: organisations, micro-wishes, charity funds and grants, map resources;
    /// gifts may name a fund; stations keep their indicators.
    static let v17Community = """
        ALTER TABLE station ADD COLUMN indicators TEXT CHECK (indicators IS NULL OR json_valid(indicators));
        CREATE TABLE community_organisation (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT NOT NULL REFERENCES org_unit(code),
            name TEXT NOT NULL CHECK (name <> ''),
            kind TEXT NOT NULL CHECK (kind IN ('service', 'publicBenefit', 'mutualAid', 'other')),
            status TEXT NOT NULL CHECK (status IN ('registered', 'filed')),
            stage TEXT NOT NULL CHECK (stage IN ('incubating', 'fostering', 'independent')),
            since TEXT NOT NULL CHECK (date(since) IS since)
        );
        CREATE INDEX organisation_by_village ON community_organisation(village_code);
        CREATE TABLE micro_wish (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT NOT NULL REFERENCES org_unit(code),
            wish TEXT NOT NULL CHECK (wish <> ''),
            value_fen INTEGER CHECK (value_fen IS NULL OR value_fen > 0),
            posted_on TEXT NOT NULL CHECK (date(posted_on) IS posted_on),
            status TEXT NOT NULL CHECK (status IN ('posted', 'claimed', 'fulfilled')),
            claimant_kind TEXT CHECK (claimant_kind IN ('foundation', 'enterprise', 'individual', 'fund')),
            claimant_name TEXT CHECK (claimant_kind IS NOT 'individual' OR claimant_name IS NULL),
            claimed_on TEXT CHECK (claimed_on IS NULL OR (date(claimed_on) IS claimed_on AND claimed_on >= posted_on)),
            fulfilled_on TEXT CHECK (fulfilled_on IS NULL OR (date(fulfilled_on) IS fulfilled_on AND fulfilled_on >= claimed_on)),
            CHECK ((status = 'posted' AND claimed_on IS NULL AND claimant_kind IS NULL AND fulfilled_on IS NULL)
                OR (status = 'claimed' AND claimed_on IS NOT NULL AND claimant_kind IS NOT NULL AND fulfilled_on IS NULL)
                OR (status = 'fulfilled' AND claimed_on IS NOT NULL AND claimant_kind IS NOT NULL AND fulfilled_on IS NOT NULL))
        );
        CREATE INDEX micro_wish_by_station ON micro_wish(station_id, posted_on);
        CREATE TABLE charity_fund (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT REFERENCES org_unit(code),
            name TEXT NOT NULL CHECK (name <> ''),
            opened_on TEXT NOT NULL CHECK (date(opened_on) IS opened_on)
        );
        CREATE TABLE charity_grant (
            id TEXT PRIMARY KEY NOT NULL,
            fund_id TEXT NOT NULL REFERENCES charity_fund(id),
            amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
            granted_on TEXT NOT NULL CHECK (date(granted_on) IS granted_on),
            purpose TEXT NOT NULL CHECK (purpose <> '')
        );
        CREATE INDEX charity_grant_by_fund ON charity_grant(fund_id);
        ALTER TABLE donation ADD COLUMN charity_fund_id TEXT REFERENCES charity_fund(id);
        CREATE INDEX donation_by_charity_fund ON donation(charity_fund_id) WHERE charity_fund_id IS NOT NULL;
        CREATE TABLE community_resource (
            id TEXT PRIMARY KEY NOT NULL,
            station_id TEXT NOT NULL REFERENCES station(id),
            village_code TEXT NOT NULL REFERENCES org_unit(code),
            kind TEXT NOT NULL CHECK (kind IN ('venue', 'enterprise', 'shop', 'institution', 'other')),
            name TEXT NOT NULL CHECK (name <> ''),
            offers TEXT
        );
        """

    /// A wish remembers the registered resource that claimed it (a 起禾 shop) and when the claim was
    /// entered, for figures as of a past day.
    static let v20WishClaims = """
        ALTER TABLE micro_wish ADD COLUMN claimed_by TEXT REFERENCES community_resource(id)
            CHECK (claimed_by IS NULL OR claimed_on IS NOT NULL);
        ALTER TABLE micro_wish ADD COLUMN claim_entered_at_ms INTEGER
            CHECK (claim_entered_at_ms IS NULL OR claimed_on IS NOT NULL);
        CREATE INDEX micro_wish_by_claim ON micro_wish(station_id, claimed_on) WHERE claimed_on IS NOT NULL;
        """

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
    static func applyCommunity(_ write: Write, in db: Database) throws {
        switch write {
        case .organisation(let organisation):
            try run(
                db,
                "community_organisation",
                """
                INSERT INTO community_organisation (\(organisationColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    name = excluded.name, kind = excluded.kind, status = excluded.status, stage = excluded.stage,
                    since = excluded.since
                """,
                [
                    organisation.id.rawValue, organisation.station.rawValue, organisation.village.rawValue,
                    organisation.name, organisation.kind.rawValue, organisation.status.rawValue,
                    organisation.stage.rawValue, organisation.since.description,
                ]
            )
        case .microWish(let wish):
            try Self.write(wish, in: db)
        case .charityFund(let fund):
            try run(
                db,
                "charity_fund",
                """
                INSERT INTO charity_fund (\(charityFundColumns)) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    name = excluded.name, opened_on = excluded.opened_on
                """,
                [
                    fund.id.rawValue, fund.station.rawValue, fund.village?.rawValue, fund.name,
                    fund.openedOn.description,
                ]
            )
        case .charityGrant(let grant):
            try run(
                db,
                "charity_grant",
                "INSERT INTO charity_grant (\(charityGrantColumns)) VALUES (?, ?, ?, ?, ?)",
                [
                    grant.id.rawValue, grant.fund.rawValue, grant.amount.value, grant.grantedOn.description,
                    grant.purpose,
                ]
            )
        case .resource(let resource):
            try run(
                db,
                "community_resource",
                """
                INSERT INTO community_resource (\(resourceColumns)) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, village_code = excluded.village_code,
                    kind = excluded.kind, name = excluded.name, offers = excluded.offers
                """,
                [
                    resource.id.rawValue, resource.station.rawValue, resource.village.rawValue, resource.kind.rawValue,
                    resource.name, resource.offers,
                ]
            )
        default:
            throw StoreError(code: .invalidChange, location: "community", reason: "not a community write")
        }
    }

    /// Inserts a new wish, or moves a stored one on from the status before `wish.status`.
    private static func write(_ wish: MicroWish, in db: Database) throws {
        let values: [(any DatabaseValueConvertible)?] = [
            wish.id.rawValue, wish.station.rawValue, wish.village.rawValue, wish.wish, wish.value?.value,
            wish.postedOn.description, wish.claimantKind?.rawValue, wish.claimantName, wish.claimedBy?.rawValue,
            wish.claimedOn?.description, wish.claimEnteredAt?.millisecondsSince1970, wish.fulfilledOn?.description,
            wish.status.rawValue,
        ]
        let insert =
            "INSERT INTO micro_wish (\(microWishColumns), status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        guard let previous = wish.status.previous else {
            try run(db, "micro_wish", insert, values)
            return
        }
        // A wish not stored yet goes in as it is (a copy); a stored one moves on only from `previous`.
        try run(
            db,
            "micro_wish",
            insert
                + """
                 ON CONFLICT (id) DO UPDATE SET claimant_kind = excluded.claimant_kind,
                    claimant_name = excluded.claimant_name, claimed_by = excluded.claimed_by,
                    claimed_on = excluded.claimed_on, claim_entered_at_ms = excluded.claim_entered_at_ms,
                    fulfilled_on = excluded.fulfilled_on, status = excluded.status
                WHERE micro_wish.status = ?
                """,
            values + [previous.rawValue]
        )
        guard db.changesCount == 1 else {
            throw StoreError(
                code: .constraintViolation,
                location: "micro_wish",
                reason: "the wish is not \(previous.rawValue) any more"
            )
        }
    }

    /// The organisations in `scope`.
    public func organisations(in scope: Scope) async throws -> [CommunityOrganisation] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.qualified(Self.organisationColumns, "o")) FROM community_organisation o
            JOIN station s ON s.id = o.station_id WHERE \(filter) ORDER BY o.village_code, o.id
            """
        return try await read("community_organisation") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.organisation)
        }
    }

    /// The wish with `id`.
    public func microWish(_ id: MicroWishID) async throws -> MicroWish? {
        try await read("micro_wish") { db in
            try Self.rows(
                db,
                sql: "SELECT \(Self.microWishColumns) FROM micro_wish WHERE id = ?",
                arguments: [id.rawValue]
            ).first.map(Self.microWish)
        }
    }

    /// Up to `limit` wishes in `scope`, newest posted first.
    public func microWishes(in scope: Scope, status: MicroWishStatus?, limit: Int) async throws -> [MicroWish] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        if let status {
            filter += " AND w.status = ?"
            arguments += [status.rawValue]
        }
        arguments += [limit]
        let sql = """
            SELECT \(Self.qualified(Self.microWishColumns, "w")) FROM micro_wish w JOIN station s ON s.id = w.station_id
            WHERE \(filter) ORDER BY w.posted_on DESC, w.id DESC LIMIT ?
            """
        let bound = arguments
        return try await read("micro_wish") { db in try Self.rows(db, sql: sql, arguments: bound).map(Self.microWish) }
    }

    /// The wishes in `scope` claimed within `period`, by claim day, then id; with `enteredBy`, only
    /// claims entered by then.
    public func claimedWishes(in scope: Scope, period: CivilPeriod, enteredBy: Date?) async throws -> [MicroWish] {
        var (filter, arguments) = Self.stationFilter(scope, alias: "s")
        filter += " AND w.claimed_on BETWEEN ? AND ?"
        arguments += [period.start.description, period.end.description]
        if let enteredBy {
            filter += " AND w.claim_entered_at_ms <= ?"
            arguments += [enteredBy.millisecondsSince1970]
        }
        let sql = """
            SELECT \(Self.qualified(Self.microWishColumns, "w")) FROM micro_wish w JOIN station s ON s.id = w.station_id
            WHERE \(filter) ORDER BY w.claimed_on, w.id
            """
        let bound = arguments
        return try await read("micro_wish") { db in try Self.rows(db, sql: sql, arguments: bound).map(Self.microWish) }
    }

    /// The funds in `scope` with what each received and granted.
    public func charityFunds(in scope: Scope) async throws -> [CharityFundBalance] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.qualified(Self.charityFundColumns, "f")),
                   (SELECT COALESCE(SUM(amount_fen), 0) FROM donation d
                    WHERE d.charity_fund_id = f.id AND d.kind = 'money' AND d.voided = 0)
                       AS received_fen,
                   (SELECT COALESCE(SUM(amount_fen), 0) FROM charity_grant g WHERE g.fund_id = f.id) AS granted_fen
            FROM charity_fund f JOIN station s ON s.id = f.station_id WHERE \(filter) ORDER BY f.id
            """
        return try await read("charity_fund") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map { row in
                CharityFundBalance(
                    fund: try Self.charityFund(row),
                    received: Fen(try row.decode(forColumn: "received_fen")),
                    granted: Fen(try row.decode(forColumn: "granted_fen"))
                )
            }
        }
    }

    /// Grants in an IMMEDIATE transaction, so that the balance it checks is the balance it takes from.
    public func grant(
        _ grant: CharityGrant,
        events: @escaping @Sendable (Fen) -> [DomainEvent]
    ) async throws -> CharityGrantOutcome {
        try await mapErrors("charity_grant") {
            try await pool.writeWithoutTransaction { db in
                var outcome = CharityGrantOutcome.insufficient(balance: .zero)
                try db.inTransaction(.immediate) {
                    let fund = grant.fund.rawValue
                    let received =
                        try Int64.fetchOne(
                            db,
                            sql:
                                "SELECT COALESCE(SUM(amount_fen), 0) FROM donation WHERE charity_fund_id = ? AND kind = 'money' AND voided = 0",
                            arguments: [fund]
                        ) ?? 0
                    let granted =
                        try Int64.fetchOne(
                            db,
                            sql: "SELECT COALESCE(SUM(amount_fen), 0) FROM charity_grant WHERE fund_id = ?",
                            arguments: [fund]
                        ) ?? 0
                    let balance = received - granted
                    guard balance >= grant.amount.value else {
                        outcome = .insufficient(balance: Fen(balance))
                        return .rollback
                    }
                    let after = Fen(balance - grant.amount.value)
                    _ = try Self.commit(ChangeSet(writes: [.charityGrant(grant)], events: events(after)), in: db)
                    outcome = .granted(balance: after)
                    return .commit
                }
                return outcome
            }
        }
    }

    /// The registered resources in `scope`.
    public func resources(in scope: Scope) async throws -> [CommunityResource] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT \(Self.qualified(Self.resourceColumns, "r")) FROM community_resource r
            JOIN station s ON s.id = r.station_id WHERE \(filter) ORDER BY r.village_code, r.id
            """
        return try await read("community_resource") { db in
            try Self.rows(db, sql: sql, arguments: arguments).map(Self.resource)
        }
    }

    /// The resource map of `scope`, counted by the database.
    public func resourceMap(in scope: Scope) async throws -> [ResourceMapCell] {
        let (filter, arguments) = Self.stationFilter(scope, alias: "s")
        let sql = """
            SELECT village_code, kind, COUNT(*) AS n FROM (
                SELECT r.village_code, r.kind FROM community_resource r JOIN station s ON s.id = r.station_id WHERE \(filter)
                UNION ALL
                SELECT o.village_code, 'organisation' FROM community_organisation o JOIN station s ON s.id = o.station_id
                WHERE \(filter)
                UNION ALL
                SELECT v.village_code, 'volunteer' FROM volunteer v JOIN station s ON s.id = v.station_id
                WHERE v.village_code IS NOT NULL AND \(filter)
                UNION ALL
                SELECT f.village_code, 'charityFund' FROM charity_fund f JOIN station s ON s.id = f.station_id
                WHERE f.village_code IS NOT NULL AND \(filter)
                UNION ALL
                SELECT w.village_code, 'openWish' FROM micro_wish w JOIN station s ON s.id = w.station_id
                WHERE w.status = 'posted' AND \(filter)
            ) GROUP BY village_code, kind ORDER BY village_code, kind
            """
        var bound = StatementArguments()
        for _ in 0..<5 { bound += arguments }
        let all = bound
        return try await read("resource_map") { db in
            try Self.rows(db, sql: sql, arguments: all).map { row in
                ResourceMapCell(
                    village: try Self.parse(
                        try? DivisionCode(try row.decode(forColumn: "village_code")),
                        "village_code"
                    ),
                    kind: try Self.enumValue(row, "kind"),
                    count: try row.decode(forColumn: "n")
                )
            }
        }
    }

    static func organisation(_ row: Row) throws -> CommunityOrganisation {
        CommunityOrganisation(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            village: try parse(try? DivisionCode(try row.decode(forColumn: "village_code")), "village_code"),
            name: try row.decode(forColumn: "name"),
            kind: try enumValue(row, "kind"),
            status: try enumValue(row, "status"),
            stage: try enumValue(row, "stage"),
            since: try date(row, "since")
        )
    }

    static func microWish(_ row: Row) throws -> MicroWish {
        let claimant: String? = try row.decode(forColumn: "claimant_kind")
        return MicroWish(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            village: try parse(try? DivisionCode(try row.decode(forColumn: "village_code")), "village_code"),
            wish: try row.decode(forColumn: "wish"),
            value: (try row.decode(Int64?.self, forColumn: "value_fen")).map(Fen.init),
            postedOn: try date(row, "posted_on"),
            claimantKind: try claimant.map { try parse(DonorKind(rawValue: $0), "claimant_kind") },
            claimantName: try row.decode(forColumn: "claimant_name"),
            claimedBy: try optionalID(row, "claimed_by"),
            claimedOn: try optionalDate(row, "claimed_on"),
            claimEnteredAt: (try row.decode(Int64?.self, forColumn: "claim_entered_at_ms")).map {
                Date(millisecondsSince1970: $0)
            },
            fulfilledOn: try optionalDate(row, "fulfilled_on")
        )
    }

    static func charityFund(_ row: Row) throws -> CharityFund {
        let village: String? = try row.decode(forColumn: "village_code")
        return CharityFund(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            village: try village.map { try parse(try? DivisionCode($0), "village_code") },
            name: try row.decode(forColumn: "name"),
            openedOn: try date(row, "opened_on")
        )
    }

    static func charityGrant(_ row: Row) throws -> CharityGrant {
        CharityGrant(
            id: try id(row, "id"),
            fund: try id(row, "fund_id"),
            amount: Fen(try row.decode(forColumn: "amount_fen")),
            grantedOn: try date(row, "granted_on"),
            purpose: try row.decode(forColumn: "purpose")
        )
    }

    static func resource(_ row: Row) throws -> CommunityResource {
        CommunityResource(
            id: try id(row, "id"),
            station: try id(row, "station_id"),
            village: try parse(try? DivisionCode(try row.decode(forColumn: "village_code")), "village_code"),
            kind: try enumValue(row, "kind"),
            name: try row.decode(forColumn: "name"),
            offers: try row.decode(forColumn: "offers")
        )
    }
}
