import Foundation
public import Testing
public import YizhanKernel

/// The behaviour every `StationStore` adapter must show, written against the protocol only.
///
/// An adapter's test target runs each case on a fresh, migrated store:
///
/// ```swift
/// @Test(arguments: StoreConformance.cases)
/// func conformance(_ check: StoreConformance) async throws {
///     try await check.run(on: makeFreshStore())
/// }
/// ```
public struct StoreConformance: Sendable, CustomTestStringConvertible {
    /// What the case shows.
    public let name: String
    let body: @Sendable (any StationStore) async throws -> Void

    /// Runs the case on `store`, which must be freshly migrated and empty.
    public func run(on store: any StationStore) async throws { try await body(store) }

    public var testDescription: String { name }

    /// Every case: the store's own, then the notifier ledger's.
    public static let cases: [StoreConformance] =
        storeCases + evaluationCases + summaryCases + ledgerCases + accountCases + approvalCases + requestCases

    private static let storeCases: [StoreConformance] = [
        StoreConformance(name: "migrate twice changes nothing", body: migrateIsIdempotent),
        StoreConformance(name: "reference data reads back as written", body: directoryRoundTrip),
        StoreConformance(name: "upsert replaces reference rows by id", body: upsertReplaces),
        StoreConformance(name: "records commit with their events, in order", body: recordsWithEvents),
        StoreConformance(name: "records are listed by kind, sub-project, worker and client", body: recordsFiltered),
        StoreConformance(name: "a failing second record leaves nothing behind", body: failedWriteLeavesNothing),
        StoreConformance(name: "a duplicate record id is refused", body: duplicateRecordRefused),
        StoreConformance(name: "rows without an event are refused", body: rowsWithoutEventRefused),
        StoreConformance(name: "the event cursor pages without gaps", body: eventCursorPages),
        StoreConformance(name: "a snapshot exports every row once, in order, then the events", body: snapshotExport),
        StoreConformance(name: "a checked commit reads its context and writes atomically", body: checkedCommit),
        StoreConformance(
            name: "a broken rule names its table and columns, and so the field",
            body: brokenRuleNamesField
        ),
        StoreConformance(name: "service totals group by station, kind and month", body: serviceTotalsGroup),
        StoreConformance(name: "scopes and periods filter totals", body: scopesFilter),
        StoreConformance(
            name: "records keep plugins' extra fields, totals group by them, snapshots carry them",
            body: recordFieldsGroup
        ),
        StoreConformance(
            name: "totals group by program and sub-project, and stop at a recording instant",
            body: serviceTotalsBySubProjectAsOf
        ),
        StoreConformance(name: "station tallies count staff and portfolio", body: stationTallies),
        StoreConformance(name: "sealed personal data reads back and is found by digest", body: sealedClients),
        StoreConformance(name: "a data key is bound once and never replaced", body: dataKeyBoundOnce),
        StoreConformance(
            name: "a revision corrects or voids a record, keeps its history, and a stale one breaks",
            body: revisionsKeepHistory
        ),
        StoreConformance(
            name: "a retired sub-project stays for old records, closed to new ones",
            body: retiredSubProject
        ),
        StoreConformance(name: "record lists come newest first, complete", body: recordListsRoundTrip),
        StoreConformance(
            name: "a worker's day is read in the write's transaction: entries at once pass no limit together",
            body: workerDayInTransaction
        ),
        StoreConformance(
            name: "one ID number registered four times at once is registered once",
            body: oneIDNumberAtOnce
        ),
        StoreConformance(
            name: "one organisation, resource or team name given four times at once is registered once",
            body: oneNameAtOnce
        ),
        StoreConformance(name: "RecordService writes a valid request with its event", body: recordServiceWrites),
        StoreConformance(name: "RecordService refuses bad fields and writes nothing", body: recordServiceRefuses),
        StoreConformance(name: "a ledger import writes each keyed row once, with its event", body: ledgerImportOnce),
        StoreConformance(name: "a failed ledger import leaves nothing behind", body: ledgerImportRollsBack),
        StoreConformance(
            name: "cases keep their stage history, refuse a second move to one position, and copy",
            body: casesRoundTrip
        ),
        StoreConformance(name: "a client's consent and risk level read back and copy", body: consentRoundTrip),
        StoreConformance(name: "households list by scope and come with the context", body: householdsRoundTrip),
        StoreConformance(name: "volunteers keep sealed data and are found by digest", body: volunteersRoundTrip),
        StoreConformance(
            name: "the passbook books each key once and never below zero, even when called at once",
            body: passbookBooking
        ),
        StoreConformance(name: "an expense past its budget line is refused unless authorised", body: expenseBooking),
        StoreConformance(
            name: "expenses and gifts are corrected and voided, and totals count the current version",
            body: entryRevisions
        ),
        StoreConformance(
            name: "hours are corrected and voided, points follow never below zero, totals count the current version",
            body: hoursRevisions
        ),
        StoreConformance(
            name: "a retention review reads each kept person's last activity and open cases, never the erased",
            body: personalDataActivity
        ),
        StoreConformance(name: "donations read back, import once by key, and copy", body: donationsRoundTrip),
        StoreConformance(name: "referrals read back with their records, outcomes and copies", body: referralsRoundTrip),
        StoreConformance(
            name: "groups keep their members, sessions name their group, both copy",
            body: groupsRoundTrip
        ),
        StoreConformance(
            name: "training, work logs and liaisons sum per worker by period, refuse bad rows, and copy",
            body: staffRoundTrip
        ),
        StoreConformance(
            name: "organisations, wishes, funds and resources read back, map by village, guard their rules, and copy",
            body: communityRoundTrip
        ),
    ]

    // MARK: Cases

    private static func migrateIsIdempotent(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.migrate()
        #expect(try await store.stations(in: .all).count == 3)
    }

    private static func directoryRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        #expect(try await store.station(Fixtures.baibu.id) == Fixtures.baibu)
        #expect(try await store.agency(Fixtures.id("agency-1"))?.name == "示例社会工作服务中心")
        #expect(try await store.agency(Fixtures.id("nobody")) == nil)
        #expect(try await store.stations(in: .within(Fixtures.haiyan)) == [Fixtures.baibu, Fixtures.ganpu])
        #expect(try await store.workers(of: Fixtures.baibu.id) == Fixtures.workers)
        let programs = try await store.programs(of: Fixtures.baibu.id)
        #expect(programs == [ProgramWithSubProjects(program: Fixtures.program, subProjects: Fixtures.subProjects)])
        #expect(try await store.clients([Fixtures.client.id, Fixtures.id("nobody")]) == [Fixtures.client])
        #expect(try await store.orgUnit(Fixtures.baibuVillage)?.name == "示例村")
        let request = ContextRequest(
            station: Fixtures.baibu.id,
            clients: [Fixtures.client.id, Fixtures.id("nobody")],
            villages: [Fixtures.baibuVillage, Fixtures.code("330424104201"), Fixtures.code("330424102299")]
        )
        let context = try #require(try await store.stationContext(request))
        #expect(context.station == Fixtures.baibu && context.workers == Fixtures.workers)
        #expect(context.programs.map(\.subProjects) == [Fixtures.subProjects])
        #expect(context.villages.map(\.code) == [Fixtures.baibuVillage])
        #expect(context.clients == [Fixtures.client])
        #expect(try await store.stationContext(ContextRequest(station: Fixtures.id("nobody"))) == nil)
        let units = try await store.orgUnits(within: Fixtures.haiyan).map(\.code)
        #expect(units == [Fixtures.haiyan, Fixtures.baibuTown, Fixtures.baibuVillage, Fixtures.ganpuTown])
    }

    private static func upsertReplaces(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var renamed = Fixtures.ganpu
        renamed.areaSquareMeters = 1_450
        renamed.brandName = "“三融三入”工作法"
        let event = DomainEvent(
            StationConfigured(renamed),
            orgUnit: renamed.orgUnit,
            station: renamed.id,
            actor: .cli,
            at: Date()
        )
        try await store.commit(ChangeSet(writes: [.station(renamed)], events: [event]))
        #expect(try await store.station(renamed.id) == renamed)
        #expect(try await store.stations(in: .all).count == 3)
    }

    private static func recordsWithEvents(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        let records = [Fixtures.record("r1"), Fixtures.record("r2", kind: .caseWork)]
        let change = Fixtures.recording(records)
        let last = try await store.commit(change)
        let stored = try await store.events(after: before, limit: 10)
        #expect(stored.map(\.event) == change.events)
        #expect(stored.map(\.sequence.rawValue) == [before.rawValue + 1, before.rawValue + 2])
        #expect(last == stored.last?.sequence)
        #expect(try await store.lastEventSequence() == last)
        let payload = try stored[1].event.decodePayload(as: ServiceRecorded.self)
        #expect(payload.record.rawValue == "r2" && payload.kind == .caseWork && payload.personTimes == 1)
    }

    private static func recordsFiltered(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let (first, second) = (Fixtures.workers[0].id, Fixtures.workers[1].id)
        var core = Fixtures.record("r-core", workers: [first, second])
        core.program = Fixtures.program.id
        core.subProject = Fixtures.subProjects[0].id
        let visit = Fixtures.record("r-visit", date: "2021-05-11", workers: [second])
        let counsel = Fixtures.record(
            "r-counsel",
            kind: .consultation,
            date: "2021-05-12",
            participants: .clients([Fixtures.client.id])
        )
        try await store.commit(Fixtures.recording([core, visit, counsel]))
        func listed(_ query: ServiceRecordQuery) async throws -> [String] {
            try await store.serviceRecords(query).map(\.id.rawValue)
        }
        let baibu = Scope.station(Fixtures.baibu.id)
        #expect(try await listed(ServiceRecordQuery(scope: baibu, worker: second)) == ["r-visit", "r-core"])
        #expect(try await listed(ServiceRecordQuery(scope: baibu, worker: first)) == ["r-core"])
        #expect(
            try await listed(ServiceRecordQuery(scope: baibu, subProject: Fixtures.subProjects[0].id)) == ["r-core"]
        )
        #expect(try await listed(ServiceRecordQuery(scope: baibu, subProject: Fixtures.subProjects[1].id)).isEmpty)
        #expect(
            try await listed(ServiceRecordQuery(scope: baibu, kind: .homeVisit, worker: second)) == [
                "r-visit", "r-core",
            ]
        )
        #expect(try await listed(ServiceRecordQuery(scope: baibu, kind: .consultation, worker: second)).isEmpty)
        #expect(try await listed(ServiceRecordQuery(scope: baibu, client: Fixtures.client.id)) == ["r-counsel"])
    }

    private static func failedWriteLeavesNothing(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        var orphan = Fixtures.record("r-bad")
        orphan.station = Fixtures.id("no-such-station")
        let change = Fixtures.recording([Fixtures.record("r-good"), orphan])
        let error = await #expect(throws: StoreError.self) { try await store.commit(change) }
        #expect(error?.code == .constraintViolation)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).isEmpty)
        #expect(try await store.events(after: before, limit: 10).isEmpty)
        #expect(try await store.lastEventSequence() == before)
    }

    private static func duplicateRecordRefused(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording([Fixtures.record("r1")]))
        let before = try await store.lastEventSequence()
        let again = Fixtures.recording([Fixtures.record("r2"), Fixtures.record("r1", minutes: 5)])
        let error = await #expect(throws: StoreError.self) { try await store.commit(again) }
        #expect(error?.code == .constraintViolation)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).map(\.id.rawValue) == ["r1"])
        #expect(try await store.lastEventSequence() == before)
    }

    private static func rowsWithoutEventRefused(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let change = ChangeSet(writes: [.serviceRecord(Fixtures.record("r1"))], events: [])
        let error = await #expect(throws: StoreError.self) { try await store.commit(change) }
        #expect(error?.code == .invalidChange)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).isEmpty)
        #expect(try await store.commit(ChangeSet()) == nil)
    }

    /// A record naming one client twice, written past the use case's check: the store's refusal
    /// names the rule's table and columns (no values), which `InputError(constraint:)` turns into
    /// the field a person fixes (issue 21.6).
    private static func brokenRuleNamesField(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        let twice = Fixtures.record("twice", participants: .clients([Fixtures.client.id, Fixtures.client.id]))
        let error = await #expect(throws: StoreError.self) { try await store.commit(Fixtures.recording([twice])) }
        #expect(error?.constraint?.kind == .unique)
        #expect(error?.constraint?.table == "service_participant")
        #expect(error?.constraint?.columns == ["record_id", "client_id"])
        let refusal = error.flatMap { InputError(constraint: $0) }
        #expect(refusal?.issues.map(\.field) == ["client"])
        #expect(refusal?.message(in: .zhHans).contains("每位服务对象只列一次") == true)
        #expect(refusal?.message(in: .zhHans).contains(Fixtures.client.id.rawValue) == false)
        // A row's own id twice is no field of a person's: it stays the store's error.
        try await store.commit(Fixtures.recording([Fixtures.record("once")]))
        let again = await #expect(throws: StoreError.self) {
            try await store.commit(Fixtures.recording([Fixtures.record("once")]))
        }
        #expect(again.flatMap { InputError(constraint: $0) } == nil)
        #expect(try await store.lastEventSequence() == EventSequence(rawValue: before.rawValue + 1))
    }

    private static func checkedCommit(_ store: any StationStore) async throws {
        struct Refused: Error {}
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        let request = ContextRequest(
            station: Fixtures.baibu.id,
            clients: [Fixtures.client.id],
            villages: [Fixtures.baibuVillage]
        )
        let (sequence, seen) = try await store.commit(checking: request) { context in
            (Fixtures.recording([Fixtures.record("c1")]), context)
        }
        #expect(seen?.station == Fixtures.baibu && seen?.clients == [Fixtures.client])
        #expect(seen?.villages.map(\.code) == [Fixtures.baibuVillage])
        #expect(sequence == EventSequence(rawValue: before.rawValue + 1))
        let (_, unknown) = try await store.commit(checking: ContextRequest(station: Fixtures.id("nobody"))) { context in
            (ChangeSet(), context)
        }
        #expect(unknown == nil)
        await #expect(throws: Refused.self) {
            try await store.commit(checking: ContextRequest(station: Fixtures.baibu.id)) { _ -> (ChangeSet, Int) in
                throw Refused()
            }
        }
        let failing = Fixtures.recording([Fixtures.record("c2"), Fixtures.record("c1")])
        let error = await #expect(throws: StoreError.self) {
            try await store.commit(checking: ContextRequest(station: Fixtures.baibu.id)) { _ in (failing, 0) }
        }
        #expect(error?.code == .constraintViolation)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).map(\.id.rawValue) == ["c1"])
        #expect(try await store.lastEventSequence() == sequence)
    }

    private static func ledgerImportOnce(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        @Sendable func keyed(_ rawID: String, _ key: Int64, workers: [WorkerID] = []) -> ServiceRecord {
            var record = Fixtures.record(rawID, workers: workers)
            record.ledgerKey = LedgerRowKey(rawValue: key)
            return record
        }
        @Sendable func event() -> DomainEvent {
            DomainEvent(
                LedgerImported(
                    ledger: "services",
                    station: Fixtures.baibu.id,
                    accepted: 2,
                    alreadyImported: 0,
                    rejected: 0,
                    fileDigest: "f"
                ),
                orgUnit: Fixtures.baibu.orgUnit,
                station: Fixtures.baibu.id,
                actor: .cli,
                at: Date()
            )
        }
        let worker = Fixtures.workers[0].id
        let (first, inserted) = try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) {
            context,
            sink in
            #expect(context?.station == Fixtures.baibu)
            let flags = try [keyed("k1", 1, workers: [worker]), keyed("k2", -7)].map { try sink.insert($0) }
            #expect(sink.rowsWritten == 2)
            #expect(try sink.recordExists(Fixtures.id("k1")) == true)
            #expect(try sink.recordExists(Fixtures.id("nothing")) == false)
            return ([event()], flags)
        }
        #expect(inserted == [true, true])
        #expect(first == (try await store.lastEventSequence()))
        let (second, again) = try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) {
            _,
            sink in
            let flags = try [keyed("k3", 1, workers: [worker]), keyed("k4", 9)].map { try sink.insert($0) }
            // The written row's own event, in the import's transaction, before the import's.
            try sink.record(.serviceRecorded(keyed("k4", 9), at: Fixtures.baibu, actor: .cli, at: Date()))
            return ([event()], flags)
        }
        #expect(again == [false, true])
        #expect(second == EventSequence(rawValue: (first?.rawValue ?? 0) + 2))
        let appended = try await store.events(after: first ?? EventSequence(rawValue: 0), limit: 10)
        #expect(appended.map(\.event.type) == [.serviceRecorded, .ledgerImported])
        let records = try await store.serviceRecords(ServiceRecordQuery())
        #expect(records.map(\.id.rawValue).sorted() == ["k1", "k2", "k4"])
        #expect(records.first { $0.id.rawValue == "k1" }?.workers == [worker])
        #expect(records.first { $0.id.rawValue == "k2" }?.ledgerKey == LedgerRowKey(rawValue: -7))
        // A keyless record is never taken for an imported one.
        try await store.commit(Fixtures.recording([Fixtures.record("plain")]))
        #expect(try await store.serviceRecords(ServiceRecordQuery()).count == 4)
    }

    private static func ledgerImportRollsBack(_ store: any StationStore) async throws {
        struct BadRows: Error {}
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        await #expect(throws: BadRows.self) {
            try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) {
                _,
                sink -> ([DomainEvent], Int) in
                var record = Fixtures.record("r1")
                record.ledgerKey = LedgerRowKey(rawValue: 1)
                _ = try sink.insert(record)
                try sink.record(.serviceRecorded(record, at: Fixtures.baibu, actor: .cli, at: Date()))
                throw BadRows()
            }
        }
        let error = await #expect(throws: StoreError.self) {
            try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) { _, sink in
                _ = try sink.insert(Fixtures.record("r2"))
                return ([], 0)
            }
        }
        #expect(error?.code == .invalidChange)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).isEmpty)
        #expect(try await store.lastEventSequence() == before)
    }

    private static func groupsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var other = Fixtures.client
        other.id = Fixtures.id("baibu-c2")
        var change = ChangeSet()
        change.register(other, at: Fixtures.baibu, by: .cli, at: Date())
        var group = ServiceGroup(
            id: Fixtures.id("group-1"),
            station: Fixtures.baibu.id,
            name: "留守儿童成长小组",
            formedOn: Fixtures.date("2021-03-01"),
            plannedSessions: 6,
            members: [Fixtures.client.id, other.id],
            program: Fixtures.program.id
        )
        change.form(group, at: Fixtures.baibu, by: .cli, at: Date())
        var session = Fixtures.record(
            "session-1",
            kind: .groupSession,
            date: "2021-03-08",
            participants: .clients([other.id])
        )
        session.group = group.id
        change.record(session, at: Fixtures.baibu, by: .cli, at: Date())
        change.record(Fixtures.record("visit"), at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(try await store.group(group.id) == group)
        #expect(try await store.groups(in: .within(Fixtures.haiyan)) == [group])
        #expect(try await store.groups(in: .station(Fixtures.ganpu.id)).isEmpty)
        let sessions = try await store.serviceRecords(ServiceRecordQuery(group: group.id))
        #expect(sessions == [session])

        // A member leaves: the members listed replace those stored.
        group.members = [other.id]
        var leave = ChangeSet()
        leave.form(group, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(leave)
        #expect(try await store.group(group.id)?.members == [other.id])
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.serviceGroup(group)) && copied.contains(.serviceRecord(session)))
        let kinds = copied.map(\.kind)
        #expect((kinds.firstIndex(of: "serviceGroup") ?? 0) < (kinds.firstIndex(of: "serviceRecord") ?? 0))
    }

    private static func referralsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var change = ChangeSet()
        for (rawID, day) in [("ref-1", "2021-03-01"), ("ref-2", "2021-04-01")] {
            let record = Fixtures.record(
                rawID,
                kind: .referral,
                date: day,
                participants: .clients([Fixtures.client.id])
            )
            change.refer(
                record,
                Referral(record: record.id, agency: "海盐县人民医院"),
                at: Fixtures.baibu,
                by: .cli,
                at: Date()
            )
        }
        try await store.commit(change)
        let first = try #require(try await store.referral(Fixtures.id("ref-1")))
        #expect(first.referral == Referral(record: Fixtures.id("ref-1"), agency: "海盐县人民医院"))
        #expect(first.station == Fixtures.baibu.id && first.date == Fixtures.date("2021-03-01"))
        #expect(first.clients == [Fixtures.client.id])
        #expect(try await store.referral(Fixtures.id("nothing")) == nil)

        var settled = first.referral
        settled.outcome = .accepted
        settled.outcomeOn = Fixtures.date("2021-03-05")
        var settle = ChangeSet()
        settle.settle(settled, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(settle)
        let all = try await store.referrals(in: .station(Fixtures.baibu.id), pendingOnly: false, limit: 10)
        #expect(all.map(\.referral.record.rawValue) == ["ref-2", "ref-1"])
        #expect(all.last?.referral == settled)
        #expect(
            try await store.referrals(in: .all, pendingOnly: true, limit: 10).map(\.referral.record.rawValue) == [
                "ref-2"
            ]
        )
        #expect(try await store.referrals(in: .station(Fixtures.ganpu.id), pendingOnly: false, limit: 10).isEmpty)
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.referral(settled)))
    }

    private static func communityRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let village = Fixtures.baibuVillage
        var setup = ChangeSet()
        let organisation = CommunityOrganisation(
            id: Fixtures.id("org-1"),
            station: Fixtures.baibu.id,
            village: village,
            name: "示例村老年互助会",
            kind: .mutualAid,
            status: .filed,
            stage: .incubating,
            since: Fixtures.date("2021-03-01")
        )
        setup.record(organisation, at: Fixtures.baibu, by: .cli, at: Date())
        let resource = CommunityResource(
            id: Fixtures.id("resource-1"),
            station: Fixtures.baibu.id,
            village: village,
            kind: .shop,
            name: "示例理发店",
            offers: "每月义剪一次"
        )
        setup.register(resource, at: Fixtures.baibu, by: .cli, at: Date())
        var wish = MicroWish(
            id: Fixtures.id("wish-1"),
            station: Fixtures.baibu.id,
            village: village,
            wish: "一个新书包",
            value: Fen(8_000),
            postedOn: Fixtures.date("2021-08-20")
        )
        setup.progress(wish, at: Fixtures.baibu, by: .cli, at: Date())
        let fund = CharityFund(
            id: Fixtures.id("fund-1"),
            station: Fixtures.baibu.id,
            village: village,
            name: "示例村慈善基金",
            openedOn: Fixtures.date("2021-01-10")
        )
        setup.open(fund, at: Fixtures.baibu, by: .cli, at: Date())
        for (index, fen) in [Int64(100_000), 50_000].enumerated() {
            setup.receive(
                Donation(
                    id: Fixtures.id("fund-gift-\(index)"),
                    station: Fixtures.baibu.id,
                    donorKind: .enterprise,
                    donorName: "示例企业",
                    amount: Fen(fen),
                    receivedOn: Fixtures.date("2021-02-01"),
                    charityFund: fund.id
                ),
                at: Fixtures.baibu,
                by: .cli,
                at: Date()
            )
        }
        try await store.commit(setup)
        #expect(try await store.organisations(in: .within(Fixtures.haiyan)) == [organisation])
        #expect(try await store.resources(in: .station(Fixtures.baibu.id)) == [resource])
        #expect(try await store.microWish(wish.id) == wish)
        #expect(try await store.microWishes(in: .station(Fixtures.ganpu.id), status: nil, limit: 10).isEmpty)
        #expect(
            try await store.resourceMap(in: .station(Fixtures.baibu.id))
                == [
                    ResourceMapCell(village: village, kind: .shop, count: 1),
                    ResourceMapCell(village: village, kind: .charityFund, count: 1),
                    ResourceMapCell(village: village, kind: .openWish, count: 1),
                    ResourceMapCell(village: village, kind: .organisation, count: 1),
                ].sorted { $0.kind.rawValue < $1.kind.rawValue }
        )

        // A wish moves on one step from the status before; a second claim of the same wish breaks.
        // The claim names the registered shop that made it and when it was entered.
        let entered = Date(millisecondsSince1970: 1_629_622_800_000)  // 2021-08-22 17:00 in Shanghai
        wish.claimantKind = .enterprise
        wish.claimantName = resource.name
        wish.claimedBy = resource.id
        wish.claimedOn = Fixtures.date("2021-08-22")
        wish.claimEnteredAt = entered
        var claim = ChangeSet()
        claim.progress(wish, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(claim)
        #expect(try await store.microWish(wish.id)?.status == .claimed)
        let again = await #expect(throws: StoreError.self) { try await store.commit(claim) }
        #expect(again?.code == .constraintViolation)
        #expect(try await store.microWishes(in: .within(Fixtures.haiyan), status: .claimed, limit: 10) == [wish])

        // Claims are read by claim day within a period, and as they stood at an instant.
        let august = try CivilPeriod(start: Fixtures.date("2021-08-01"), end: Fixtures.date("2021-08-31"))
        let july = try CivilPeriod(start: Fixtures.date("2021-07-01"), end: Fixtures.date("2021-07-31"))
        let baibuScope = Scope.station(Fixtures.baibu.id)
        #expect(try await store.claimedWishes(in: baibuScope, period: august, enteredBy: nil) == [wish])
        #expect(try await store.claimedWishes(in: baibuScope, period: july, enteredBy: nil).isEmpty)
        #expect(try await store.claimedWishes(in: .station(Fixtures.ganpu.id), period: august, enteredBy: nil).isEmpty)
        #expect(try await store.claimedWishes(in: baibuScope, period: august, enteredBy: entered) == [wish])
        let before = entered.addingTimeInterval(-1)
        #expect(try await store.claimedWishes(in: baibuScope, period: august, enteredBy: before).isEmpty)

        // Grants come out of the balance (¥1,500), never past it, even when asked at once.
        @Sendable func grant(_ key: String, _ fen: Int64) -> CharityGrant {
            CharityGrant(
                id: Fixtures.id(key),
                fund: fund.id,
                amount: Fen(fen),
                grantedOn: Fixtures.date("2021-06-01"),
                purpose: "困难家庭助学"
            )
        }
        @Sendable func event(_ balance: Fen) -> [DomainEvent] {
            [
                DomainEvent(
                    CharityFundGranted(
                        grant: Fixtures.id("g"),
                        fund: fund.id,
                        station: Fixtures.baibu.id,
                        amount: Fen(1),
                        balance: balance
                    ),
                    orgUnit: Fixtures.baibu.orgUnit,
                    station: Fixtures.baibu.id,
                    actor: .cli,
                    at: Date()
                )
            ]
        }
        async let first = store.grant(grant("grant-1", 90_000), events: event)
        async let second = store.grant(grant("grant-2", 90_000), events: event)
        let outcomes = try await [first, second]
        #expect(outcomes.filter { if case .granted(let left) = $0 { left == Fen(60_000) } else { false } }.count == 1)
        #expect(outcomes.contains(.insufficient(balance: Fen(60_000))))
        #expect(try await store.grant(grant("grant-3", 60_000), events: event) == .granted(balance: .zero))
        let balances = try await store.charityFunds(in: .station(Fixtures.baibu.id))
        #expect(balances.map(\.received) == [Fen(150_000)] && balances.map(\.balance) == [.zero])

        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.organisation(organisation)) && copied.contains(.resource(resource)))
        #expect(copied.contains(.microWish(wish)) && copied.contains(.charityFund(fund)))
        #expect(copied.filter { if case .charityGrant = $0 { true } else { false } }.count == 2)
        let fundIndex = copied.firstIndex(of: .charityFund(fund)) ?? copied.endIndex
        let giftIndex = copied.firstIndex { if case .donation = $0 { true } else { false } } ?? -1
        #expect(fundIndex < giftIndex, "a fund is copied before the gifts naming it")
    }

    /// How many of `count` runs of `body`, started at once, finish without throwing.
    private static func succeeding(_ count: Int, _ body: @escaping @Sendable () async throws -> Void) async -> Int {
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<count { group.addTask { (try? await body()) != nil } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    /// Four logs of 500 minutes and four entries of one training, made at once for one worker's day:
    /// two logs fit in 1,440 minutes and one training is one (issue 21.4). Read before the
    /// transaction, all four of each passed.
    private static func workerDayInTransaction(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let worker = Fixtures.workers[1].id.rawValue
        let station = Fixtures.baibu.id.rawValue
        let work = StaffWork(store: store, clock: WorkClock(today: Fixtures.date("2021-12-31")))
        let logged = await succeeding(4) {
            _ = try await work.log(
                worker: worker,
                station: station,
                date: "2021-05-06",
                minutes: 500,
                village: nil,
                actor: .cli
            )
        }
        #expect(logged == 2)
        let trained = await succeeding(4) {
            _ = try await work.train(
                worker: worker,
                station: station,
                date: "2021-05-06",
                classHours: 8,
                title: "儿童保护实务",
                isExternal: false,
                actor: .cli
            )
        }
        #expect(trained == 1)
        let day = Fixtures.date("2021-05-06")
        let totals = try await store.staffTotals(
            in: .station(Fixtures.baibu.id),
            period: CivilPeriod(start: day, end: day)
        )
        let total = totals.first { $0.worker == Fixtures.workers[1].id }
        #expect(total?.stationMinutes == 1_000)
        #expect(total?.classHours == 8)
    }

    /// Four writers naming one organisation, one resource and one team at once: the station's names
    /// are read in the write's transaction (PostgreSQL locks them), so one of each is written and
    /// three are refused (issue 21.4). Read before the transaction, all four were written.
    private static func oneNameAtOnce(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let station = Fixtures.baibu.id.rawValue
        let village = Fixtures.baibuVillage.rawValue
        let community = CommunityWork(store: store, clock: WorkClock(today: Fixtures.date("2021-12-31")))
        let organisations = await succeeding(4) {
            _ = try await community.addOrganisation(
                station: station,
                village: village,
                name: "百步老年协会",
                kind: "互助类",
                status: "备案",
                stage: "孵化中",
                since: "2021-03-01",
                actor: .cli
            )
        }
        let resources = await succeeding(4) {
            _ = try await community.addResource(
                station: station,
                village: village,
                kind: "场地",
                name: "村文化礼堂",
                offers: nil,
                actor: .cli
            )
        }
        let teams = await succeeding(4) {
            _ = try await VolunteerWork(store: store).team(
                nil,
                station: station,
                name: "红马甲服务队",
                members: [],
                actor: .cli
            )
        }
        #expect([organisations, resources, teams] == [Int](repeating: 1, count: 3))
        #expect(try await store.organisations(in: .station(Fixtures.baibu.id)).count == 1)
        #expect(try await store.resources(in: .station(Fixtures.baibu.id)).count == 1)
        #expect(try await store.volunteerTeams(in: .station(Fixtures.baibu.id)).count == 1)
    }

    /// Four registrations of one person at once: the look-up by digest and the write are one
    /// transaction (PostgreSQL locks the digest), so three are refused as already registered.
    private static func oneIDNumberAtOnce(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let register = RegisterClient(
            store: store,
            vault: FixtureVault(),
            clock: WorkClock(today: Fixtures.date("2021-12-31"))
        )
        let registered = await succeeding(4) {
            _ = try await register.register(
                ClientRequest(
                    station: Fixtures.baibu.id.rawValue,
                    village: Fixtures.baibuVillage.rawValue,
                    name: "王小明",
                    idNumber: "330424198506120014",
                    consentDate: "2021-03-01",
                    consentScope: ["个人信息收集与使用"]
                ),
                actor: .cli
            )
        }
        #expect(registered == 1)
        let digest = FixtureVault().digest(of: try IDNumber("330424198506120014"))
        let found = try await store.stationContext(
            ContextRequest(station: Fixtures.baibu.id, idNumberDigests: [digest])
        )
        #expect(found?.sameIDNumber.count == 1)
    }

    private static func staffRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let head = Fixtures.workers[0].id
        let staff = Fixtures.workers[1].id
        var change = ChangeSet()
        let trainings = [
            TrainingRecord(
                id: Fixtures.id("training-1"),
                worker: head,
                station: Fixtures.baibu.id,
                on: Fixtures.date("2021-03-01"),
                classHours: 24,
                title: "个案管理实务",
                isExternal: true
            ),
            TrainingRecord(
                id: Fixtures.id("training-2"),
                worker: head,
                station: Fixtures.baibu.id,
                on: Fixtures.date("2021-12-31"),
                classHours: 16,
                title: "督导与自我关怀",
                isExternal: false
            ),
            TrainingRecord(
                id: Fixtures.id("training-3"),
                worker: head,
                station: Fixtures.baibu.id,
                on: Fixtures.date("2022-01-01"),
                classHours: 8,
                title: "新年度培训",
                isExternal: false
            ),
        ]
        for training in trainings { change.record(training, at: Fixtures.baibu, by: .cli, at: Date()) }
        let logs = [
            WorkLog(
                id: Fixtures.id("log-1"),
                worker: staff,
                station: Fixtures.baibu.id,
                on: Fixtures.date("2021-05-06"),
                minutes: 300,
                place: .village(Fixtures.baibuVillage)
            ),
            WorkLog(
                id: Fixtures.id("log-2"),
                worker: staff,
                station: Fixtures.baibu.id,
                on: Fixtures.date("2021-05-07"),
                minutes: 180,
                place: .station
            ),
        ]
        for log in logs { change.record(log, at: Fixtures.baibu, by: .cli, at: Date()) }
        var liaison = VillageLiaison(
            village: Fixtures.baibuVillage,
            worker: staff,
            station: Fixtures.baibu.id,
            since: Fixtures.date("2021-01-04")
        )
        change.assign(liaison, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)

        let year = try CivilPeriod.year(2021)
        #expect(
            try await store.staffTotals(in: .within(Fixtures.haiyan), period: year) == [
                StaffTotal(
                    worker: head,
                    station: Fixtures.baibu.id,
                    classHours: 40,
                    stationMinutes: 0,
                    villageMinutes: 0
                ),
                StaffTotal(
                    worker: staff,
                    station: Fixtures.baibu.id,
                    classHours: 0,
                    stationMinutes: 180,
                    villageMinutes: 300
                ),
            ]
        )
        #expect(try await store.trainings(in: .station(Fixtures.baibu.id), year: 2021) == Array(trainings.prefix(2)))
        #expect(try await store.trainings(in: .station(Fixtures.ganpu.id), year: nil).isEmpty)
        #expect(try await store.liaisons(in: .station(Fixtures.baibu.id)) == [liaison])

        liaison.until = Fixtures.date("2021-06-30")
        var ended = ChangeSet()
        ended.assign(liaison, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(ended)
        #expect(try await store.liaisons(in: .within(Fixtures.haiyan)) == [liaison])
        #expect(liaison.isActive(on: Fixtures.date("2021-06-30")) && !liaison.isActive(on: Fixtures.date("2021-07-01")))

        var tooLong = ChangeSet()
        var bad = logs[0]
        bad.id = Fixtures.id("log-3")
        bad.minutes = 1_441
        tooLong.record(bad, at: Fixtures.baibu, by: .cli, at: Date())
        await #expect(throws: StoreError.self) { try await store.commit(tooLong) }

        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.filter { if case .training = $0 { true } else { false } }.count == 3)
        #expect(copied.contains(.workLog(logs[0])) && copied.contains(.workLog(logs[1])))
        #expect(copied.contains(.liaison(liaison)))
        #expect(copied.contains(.worker(Fixtures.workers[0])))
    }

    private static func donationsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let gift = Donation(
            id: Fixtures.id("gift-1"),
            station: Fixtures.baibu.id,
            donorKind: .foundation,
            donorName: "示例基金会",
            kind: .goods,
            amount: Fen(2_000_000),
            goods: "爱心物资",
            receivedOn: Fixtures.date("2021-09-09"),
            purpose: "暖心365计划",
            channel: "99公益日",
            isMatching: true
        )
        var change = ChangeSet()
        change.receive(gift, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        let keyed = Donation(
            id: Fixtures.id("gift-2"),
            station: Fixtures.baibu.id,
            donorKind: .individual,
            amount: Fen(1_000),
            receivedOn: Fixtures.date("2021-09-07"),
            ledgerKey: LedgerRowKey(rawValue: 42)
        )
        @Sendable func imported() -> DomainEvent {
            DomainEvent(
                LedgerImported(
                    ledger: "donations",
                    station: Fixtures.baibu.id,
                    accepted: 1,
                    alreadyImported: 0,
                    rejected: 0,
                    fileDigest: "f"
                ),
                orgUnit: Fixtures.baibu.orgUnit,
                station: Fixtures.baibu.id,
                actor: .cli,
                at: Date()
            )
        }
        for expected in [true, false] {
            let (_, inserted) = try await store.importLedger(checking: ContextRequest(station: Fixtures.baibu.id)) {
                _,
                sink in
                var copy = keyed
                copy.id = Fixtures.id(expected ? "gift-2" : "gift-3")
                let inserted = try sink.insert(copy)
                return (inserted ? [imported()] : [], inserted)
            }
            #expect(inserted == expected)
        }
        let period = try CivilPeriod(start: Fixtures.date("2021-09-01"), end: Fixtures.date("2021-09-08"))
        #expect(try await store.donations(in: .station(Fixtures.baibu.id), period: nil) == [keyed, gift])
        #expect(try await store.donations(in: .within(Fixtures.haiyan), period: period) == [keyed])
        #expect(try await store.donations(in: .station(Fixtures.ganpu.id), period: nil).isEmpty)
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.donation(gift)) && copied.contains(.donation(keyed)))
    }

    private static func expenseBooking(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let line = BudgetLine(
            id: Fixtures.id("line-1"),
            station: Fixtures.baibu.id,
            year: 2021,
            category: .operation,
            source: .countyFinance,
            name: "2021 年度运营经费",
            amount: Fen(100_000)
        )
        var set = ChangeSet()
        set.set(line, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(set)
        #expect(try await store.budgetLine(line.id) == line)
        @Sendable func spend(_ rawID: String, _ fen: Int64, reason: String? = nil) -> Expense {
            Expense(
                id: Fixtures.id(rawID),
                line: line.id,
                amount: Fen(fen),
                spentOn: Fixtures.date("2021-05-01"),
                purpose: "场地水电",
                overspendReason: reason
            )
        }
        @Sendable func recorded(_ expense: Expense) -> @Sendable (Fen) -> [DomainEvent] {
            { remaining in
                [
                    DomainEvent(
                        ExpenseRecorded(
                            expense: expense.id,
                            line: line.id,
                            station: Fixtures.baibu.id,
                            amount: expense.amount,
                            remaining: remaining
                        ),
                        orgUnit: Fixtures.baibu.orgUnit,
                        station: Fixtures.baibu.id,
                        actor: .cli,
                        at: Date()
                    )
                ]
            }
        }
        let first = spend("e1", 60_000)
        #expect(
            try await store.bookExpense(first, authorised: false, events: recorded(first))
                == .booked(remaining: Fen(40_000))
        )
        let before = try await store.lastEventSequence()
        let over = spend("e2", 40_001)
        #expect(
            try await store.bookExpense(over, authorised: false, events: recorded(over))
                == .overspend(remaining: Fen(40_000))
        )
        #expect(try await store.lastEventSequence() == before)
        let allowed = spend("e3", 40_001, reason: "汛期应急")
        #expect(
            try await store.bookExpense(allowed, authorised: true, events: recorded(allowed))
                == .booked(remaining: Fen(-1))
        )
        let lines = try await store.budgetLines(in: .within(Fixtures.haiyan), year: 2021)
        #expect(lines == [BudgetLineSpending(line: line, spent: Fen(100_001))])
        #expect(try await store.budgetLines(in: .all, year: 2022).isEmpty)
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(
            copied.contains(.budgetLine(line)) && copied.contains(.expense(allowed)) && !copied.contains(.expense(over))
        )
    }

    private static func passbookBooking(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: Fixtures.baibu.id,
            registeredOn: Fixtures.date("2021-03-01"),
            checkInCode: "123456"
        )
        let activity = VolunteerActivity(
            id: Fixtures.id("act-1"),
            station: Fixtures.baibu.id,
            name: "敬老院助餐",
            heldOn: Fixtures.date("2021-03-05"),
            capMinutes: 180
        )
        var setup = ChangeSet()
        setup.register(volunteer, at: Fixtures.baibu, by: .cli, at: Date())
        setup.schedule(activity, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(setup)
        #expect(try await store.volunteer(volunteer.id) == volunteer)
        #expect(try await store.volunteerActivity(activity.id) == activity)
        var team = VolunteerTeam(
            id: Fixtures.id("team-1"),
            station: Fixtures.baibu.id,
            name: "巾帼志愿服务队",
            members: [volunteer.id]
        )
        var formed = ChangeSet()
        formed.form(team, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(formed)
        #expect(try await store.volunteerTeams(in: .within(Fixtures.haiyan)) == [team])
        team.members = []
        var emptied = ChangeSet()
        emptied.form(team, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(emptied)
        #expect(try await store.volunteerTeams(in: .station(Fixtures.baibu.id)).first?.members == [])
        #expect(try await store.volunteerTeams(in: .station(Fixtures.ganpu.id)).isEmpty)

        @Sendable func entry(_ key: String, _ kind: PassbookEntryKind, _ points: Int) -> PassbookEntry {
            PassbookEntry(
                key: key,
                volunteer: volunteer.id,
                station: Fixtures.baibu.id,
                kind: kind,
                points: points,
                on: Fixtures.date("2021-03-05")
            )
        }
        @Sendable func event(_ booked: PassbookEntry) -> @Sendable (Int) -> DomainEvent {
            { balance in .passbookBooked(booked, balance: balance, at: Fixtures.baibu, actor: .cli, at: Date()) }
        }
        let hours = VolunteerHours(
            id: Fixtures.id("hours-1"),
            activity: activity.id,
            volunteer: volunteer.id,
            checkIn: Date(millisecondsSince1970: 1_614_906_000_000),
            checkOut: Date(millisecondsSince1970: 1_614_916_800_000),
            method: .staffEntry(Fixtures.workers[0].id),
            minutes: 180
        )
        var attended = ChangeSet()
        attended.record(hours, at: Fixtures.baibu, by: .cli, at: Date())
        let earn = entry("hours:hours-1", .earned, 3)
        #expect(try await store.appendPassbook(earn, alongside: attended, event: event(earn)) == .booked(balance: 3))
        #expect(
            try await store.appendPassbook(earn, alongside: ChangeSet(), event: event(earn)) == .alreadyBooked(earn)
        )
        let listed = try await store.volunteerHours(of: volunteer.id, at: Fixtures.baibu.id, in: nil)
        #expect(listed == [VolunteerAttendance(hours: hours, activity: activity)])
        #expect(try await store.volunteerHours(of: volunteer.id, at: Fixtures.ganpu.id, in: nil).isEmpty)
        #expect(try await store.attendances(at: activity.id) == [hours])
        #expect(try await store.volunteerActivities(of: Fixtures.baibu.id, limit: 10) == [activity])
        #expect(try await store.volunteerActivities(of: Fixtures.ganpu.id, limit: 10).isEmpty)

        // Two redemptions of 2 points at once from a balance of 3: exactly one is booked.
        let first = entry("redeem:r1", .redeemed, -2)
        let second = entry("redeem:r2", .redeemed, -2)
        async let a = store.appendPassbook(first, alongside: ChangeSet(), event: event(first))
        async let b = store.appendPassbook(second, alongside: ChangeSet(), event: event(second))
        let outcomes = try await [a, b]
        #expect(outcomes.filter { $0 == .booked(balance: 1) }.count == 1)
        #expect(outcomes.filter { $0 == .insufficient(balance: 1) }.count == 1)
        let passbook = try await store.passbook(of: volunteer.id)
        #expect(passbook.map(\.points).reduce(0, +) == 1 && passbook.count == 2)
        let types = try await store.events(after: .start, limit: 1_000).map(\.event.type)
        #expect(types.filter { $0 == .passbookBooked }.count == 2 && types.contains(.volunteerHoursRecorded))

        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.volunteerHours(hours)) && copied.contains(.passbookEntry(earn)))
        #expect(copied.contains(.volunteerActivity(activity)) && copied.contains(.volunteer(volunteer)))
    }

    private static func volunteersRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let sealed = SealedPersonalData(name: "v1:name", idNumber: "v1:id", idNumberDigest: "digest-v", phone: nil)
        let volunteer = Volunteer(
            id: Fixtures.id("vol-1"),
            station: Fixtures.baibu.id,
            village: Fixtures.baibuVillage,
            registeredOn: Fixtures.date("2021-03-01"),
            personal: sealed
        )
        var change = ChangeSet()
        change.register(volunteer, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(try await store.volunteers(in: .within(Fixtures.haiyan), limit: 10) == [volunteer])
        #expect(try await store.volunteers(in: .station(Fixtures.ganpu.id), limit: 10).isEmpty)
        let context = try await store.stationContext(
            ContextRequest(station: Fixtures.ganpu.id, idNumberDigests: ["digest-v"])
        )
        #expect(context?.volunteersWithSameIDNumber == [volunteer] && context?.sameIDNumber == [])
        let payloads = try await store.events(after: .start, limit: 1_000).map(\.event.payload).joined()
        #expect(!payloads.contains("v1:") && !payloads.contains("digest-v"))
    }

    private static func householdsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let household = Household(id: Fixtures.id("home-1"), station: Fixtures.baibu.id, village: Fixtures.baibuVillage)
        var change = ChangeSet()
        change.register(household, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(try await store.households(in: .within(Fixtures.haiyan)) == [household])
        #expect(try await store.households(in: .station(Fixtures.ganpu.id)).isEmpty)
        let request = ContextRequest(station: Fixtures.baibu.id, households: [household.id, Fixtures.id("nothing")])
        #expect(try await store.stationContext(request)?.households == [household])
        #expect(try await store.events(after: .start, limit: 1_000).last?.event.type == .householdRegistered)
    }

    private static func consentRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var client = Fixtures.client
        client.consent = Consent(on: Fixtures.date("2021-03-01"), scope: [.service, .referral])
        client.risk = .medium
        var change = ChangeSet()
        change.register(client, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(try await store.clients([client.id]) == [client])
        #expect(try await store.clients(in: .station(Fixtures.baibu.id), limit: 10) == [client])
        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes }
        }
        #expect(copied.contains(.client(client)))
    }

    private static func casesRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var station = Fixtures.baibu
        station.caseStageDays = [.intake: 7, .intervention: 90]
        station.clientCategoryNames = ["veteran": "退役军人", "lowIncomeMarginal": "低边"]
        var configure = ChangeSet()
        configure.configure(station, by: .cli, at: Date())
        try await store.commit(configure)
        #expect(try await store.station(station.id) == station)

        let worker = Fixtures.workers[0].id
        var file = CaseFile(
            id: Fixtures.id("case-1"),
            station: station.id,
            client: Fixtures.client.id,
            openedOn: Fixtures.date("2021-03-01"),
            by: worker
        )
        var change = ChangeSet()
        change.open(file, at: station, by: .cli, at: Date())
        try await store.commit(change)
        try file.move(to: .assessment, on: Fixtures.date("2021-03-04"), by: worker)
        var moved = ChangeSet()
        moved.move(file, at: station, by: .cli, at: Date())
        try await store.commit(moved)
        #expect(try await store.caseFile(file.id) == file)
        #expect(try await store.caseFile(Fixtures.id("nothing")) == nil)

        // A second move to the same position (a race) fails as a whole: no row, no event.
        let before = try await store.lastEventSequence()
        var racing = try #require(try await store.caseFile(file.id))
        var other = racing
        try other.move(to: .ended, on: Fixtures.date("2021-03-05"), by: worker)
        var raced = ChangeSet()
        raced.move(other, at: station, by: .cli, at: Date())
        try racing.move(to: .plan, on: Fixtures.date("2021-03-05"), by: worker)
        var first = ChangeSet()
        first.move(racing, at: station, by: .cli, at: Date())
        try await store.commit(first)
        let error = await #expect(throws: StoreError.self) { try await store.commit(raced) }
        #expect(error?.code == .constraintViolation)
        #expect(try await store.caseFile(file.id)?.stage == .plan)
        #expect(try await store.lastEventSequence() == EventSequence(rawValue: before.rawValue + 1))

        #expect(throws: CaseTransitionError.self) {
            try racing.move(to: .closed, on: Fixtures.date("2021-03-06"), by: worker)
        }
        var second = CaseFile(
            id: Fixtures.id("case-2"),
            station: station.id,
            client: Fixtures.client.id,
            openedOn: Fixtures.date("2021-05-01"),
            by: worker
        )
        second.overdueAnnounced = 0
        var more = ChangeSet()
        more.open(second, at: station, by: .cli, at: Date())
        try await store.commit(more)
        #expect(
            try await store.caseFiles(in: .all, openOnly: false, limit: 10).map(\.id.rawValue) == ["case-1", "case-2"]
        )
        #expect(
            try await store.caseFiles(in: .station(station.id), openOnly: true, limit: 10).map(\.id.rawValue) == [
                "case-1", "case-2",
            ]
        )
        #expect(try await store.caseFiles(in: .station(Fixtures.ganpu.id), openOnly: false, limit: 10).isEmpty)
        #expect(try await store.caseFile(second.id)?.overdueAnnounced == 0)

        var copied: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { copied += writes.filter { $0.kind.hasPrefix("case") } }
        }
        #expect(copied.map(\.kind) == ["caseFile", "caseFile", "caseStage", "caseStage", "caseStage", "caseStage"])
        #expect(
            copied.contains(
                .caseStage(
                    file.id,
                    position: 2,
                    CaseStageEntry(stage: .plan, since: Fixtures.date("2021-03-05"), worker: worker)
                )
            )
        )
    }

    private static func snapshotExport(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording([Fixtures.record("s2"), Fixtures.record("s1", kind: .caseWork)]))
        var rows: [Write] = []
        var events: [StoredEvent] = []
        var sizes: [Int] = []
        try await store.exportSnapshot(batchSize: 2) { batch in
            sizes.append(batch.count)
            switch batch {
            case .rows(let writes):
                #expect(events.isEmpty, "rows come before events")
                #expect(Set(writes.map(\.kind)).count == 1, "a batch holds one table")
                rows += writes
            case .events(let batch):
                events += batch
            }
        }
        #expect(sizes.allSatisfy { (1...2).contains($0) })
        let order = ["orgUnit", "agency", "station", "worker", "program", "subProject", "client", "serviceRecord"]
        var kinds: [String] = []
        for kind in rows.map(\.kind) where kinds.last != kind { kinds.append(kind) }
        #expect(kinds == order)
        let codes = rows.compactMap { if case .orgUnit(let unit) = $0 { unit.code.rawValue } else { nil } }
        #expect(codes == codes.sorted() && codes.count == 5)
        let recordIDs = rows.compactMap { if case .serviceRecord(let record) = $0 { record.id.rawValue } else { nil } }
        #expect(recordIDs == ["s1", "s2"])
        #expect(rows.contains(.station(Fixtures.baibu)) && rows.contains(.client(Fixtures.client)))
        #expect(events == (try await store.events(after: .start, limit: 1_000)))
    }

    private static func eventCursorPages(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording((1...25).map { Fixtures.record("r\($0)") }))
        var cursor = EventSequence.start
        var seen: [EventSequence] = []
        while true {
            let page = try await store.events(after: cursor, limit: 7)
            guard let last = page.last else { break }
            #expect(page.count <= 7)
            seen += page.map(\.sequence)
            cursor = last.sequence
        }
        let total = try await store.lastEventSequence()
        #expect(seen == (1...total.rawValue).map(EventSequence.init(rawValue:)))
        #expect(seen.count == Fixtures.directory().events.count + 25)
    }

    private static func serviceTotalsGroup(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording(mixedRecords))
        let byStationKind = try await store.serviceTotals(ServiceTotalsQuery(groupBy: [.station, .kind]))
        let baibuVisits = byStationKind.first { $0.station == Fixtures.baibu.id && $0.kind == .homeVisit }
        #expect(
            baibuVisits
                == ServiceTotal(
                    station: Fixtures.baibu.id,
                    kind: .homeVisit,
                    records: 2,
                    personTimes: 3,
                    trainingPersonTimes: 0,
                    durationMinutes: 90
                )
        )
        let training = byStationKind.first { $0.station == Fixtures.ganpu.id && $0.kind == .training }
        #expect(training?.personTimes == 0 && training?.trainingPersonTimes == 30)
        let grand = try await store.serviceTotals(ServiceTotalsQuery())
        #expect(grand == [ServiceTotal(records: 6, personTimes: 60, trainingPersonTimes: 30, durationMinutes: 630)])
        let byMonth = try await store.serviceTotals(ServiceTotalsQuery(groupBy: [.month]))
        #expect(byMonth.map(\.month) == ["2021-01", "2021-05", "2021-12"])
        #expect(byMonth.map(\.personTimes) == [1, 57, 2])
    }

    private static func recordFieldsGroup(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var first = Fixtures.record("f1", participants: .headCount(3))
        first.fields = ["demo-1.bridge": "b1", "demo-1.pair": "platform"]
        var second = Fixtures.record("f2", date: "2021-06-01", participants: .headCount(2))
        second.fields = ["demo-1.bridge": "b1", "demo-1.pair": "emotion"]
        var third = Fixtures.record("f3", participants: .headCount(4))
        third.fields = ["demo-1.bridge": "b2", "demo-1.note": "引号\"与'撇号"]
        let plain = Fixtures.record("f4", participants: .headCount(5))
        try await store.commit(Fixtures.recording([first, second, third, plain]))

        let listed = try await store.serviceRecords(ServiceRecordQuery(scope: .station(Fixtures.baibu.id)))
        #expect(listed.first { $0.id == first.id }?.fields == first.fields)
        #expect(listed.first { $0.id == third.id }?.fields == third.fields)
        #expect(listed.first { $0.id == plain.id }?.fields == [:])

        let scope = Scope.station(Fixtures.baibu.id)
        let byBridge = try await store.serviceTotals(ServiceTotalsQuery(scope: scope, fields: ["demo-1.bridge"]))
        #expect(byBridge.map(\.fieldValues) == [[nil], ["b1"], ["b2"]])
        #expect(byBridge.map(\.personTimes) == [5, 5, 4] && byBridge.map(\.records) == [1, 2, 1])
        let byBoth = try await store.serviceTotals(
            ServiceTotalsQuery(scope: scope, groupBy: [.month], fields: ["demo-1.bridge", "demo-1.pair"])
        )
        #expect(
            byBoth.map { [$0.month] + $0.fieldValues }
                == [
                    ["2021-05", nil, nil], ["2021-05", "b1", "platform"], ["2021-05", "b2", nil],
                    ["2021-06", "b1", "emotion"],
                ]
        )
        await #expect(throws: StoreError.self) {
            try await store.serviceTotals(ServiceTotalsQuery(scope: scope, fields: ["x') OR 1=1 --"]))
        }
        // Grouped by field set, one pass gives every choice of fields, summed as the store sums them.
        let bySet = try await store.serviceTotals(
            ServiceTotalsQuery(scope: scope, groupBy: [.station, .month], byFieldSet: true)
        )
        #expect(bySet.count == 4 && bySet.contains { $0.fieldSet == [:] && $0.personTimes == 5 })
        #expect(bySet.first { $0.fieldSet == third.fields }?.records == 1)
        let grouped = GroupedServiceTotals(dimensions: [.station, .month], totals: bySet)
        #expect(grouped.totals(groupBy: [.month], fields: ["demo-1.bridge", "demo-1.pair"]) == byBoth)
        #expect(grouped.totals(groupBy: [], fields: ["demo-1.bridge"]) == byBridge)
        #expect(grouped.totals(groupBy: [], fields: [])?.map(\.personTimes) == [14])
        #expect(grouped.totals(groupBy: [.kind], fields: []) == nil)
        #expect(GroupedServiceTotals(dimensions: [], totals: []).totals(groupBy: [], fields: [])?.map(\.records) == [0])

        var copied: [ServiceRecord] = []
        try await store.exportSnapshot(batchSize: 10) { batch in
            if case .rows(let writes) = batch {
                copied += writes.compactMap { if case .serviceRecord(let record) = $0 { record } else { nil } }
            }
        }
        #expect(copied.first { $0.id == second.id }?.fields == second.fields)
        #expect(copied.first { $0.id == plain.id }?.fields == [:])
    }

    private static func scopesFilter(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        try await store.commit(Fixtures.recording(mixedRecords))
        let county = try await store.serviceTotals(ServiceTotalsQuery(scope: .within(Fixtures.haiyan)))
        #expect(county.first?.records == 5 && county.first?.personTimes == 59)
        let period = try CivilPeriod(start: Fixtures.date("2021-05-01"), end: Fixtures.date("2021-05-31"))
        let may = try await store.serviceTotals(ServiceTotalsQuery(scope: .station(Fixtures.baibu.id), period: period))
        #expect(may.first?.records == 2 && may.first?.personTimes == 3)
        let empty = try await store.serviceTotals(ServiceTotalsQuery(scope: .station(Fixtures.id("nobody"))))
        #expect(empty == [ServiceTotal(records: 0, personTimes: 0, trainingPersonTimes: 0, durationMinutes: 0)])
        let year = try CivilPeriod.year(2021)
        let listed = try await store.serviceRecords(ServiceRecordQuery(scope: .within(Fixtures.haiyan), period: year))
        #expect(listed.count == 5 && !listed.contains { $0.station == Fixtures.elsewhere.id })
    }

    private static func serviceTotalsBySubProjectAsOf(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var generator = SystemRandomNumberGenerator()
        func made(_ day: String, _ subProject: SubProject?, people: Int) -> ServiceRecord {
            let noon = Fixtures.date(day).startInShanghai.addingTimeInterval(4 * 3_600)
            var record = Fixtures.record("x", date: day, participants: .headCount(people))
            record.id = .generate(using: &generator, milliseconds: UInt64(noon.millisecondsSince1970))
            record.program = subProject?.program
            record.subProject = subProject?.id
            return record
        }
        let core = Fixtures.subProjects[0]
        try await store.commit(
            Fixtures.recording([
                made("2021-05-10", core, people: 3), made("2021-05-11", nil, people: 1),
                made("2021-06-01", core, people: 5),
            ])
        )
        let bySubProject = try await store.serviceTotals(ServiceTotalsQuery(groupBy: [.program, .subProject]))
        #expect(bySubProject.map(\.subProject) == [nil, core.id])
        #expect(bySubProject.map(\.program) == [nil, Fixtures.program.id])
        #expect(bySubProject.map(\.personTimes) == [1, 8])
        // The end of 11 May in Shanghai: the 1 June record had not been made yet.
        let endOfMay11 = Fixtures.date("2021-05-12").startInShanghai.addingTimeInterval(-0.001)
        let asOf = try await store.serviceTotals(ServiceTotalsQuery(recordedBy: endOfMay11))
        #expect(asOf.map(\.records) == [2] && asOf.map(\.personTimes) == [4])
        let beforeAny = Fixtures.date("2021-05-10").startInShanghai
        #expect(try await store.serviceTotals(ServiceTotalsQuery(recordedBy: beforeAny)).map(\.records) == [0])
    }

    private static func stationTallies(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let tallies = try await store.stationTallies(in: .within(Fixtures.haiyan))
        #expect(
            tallies == [
                StationTally(
                    station: Fixtures.baibu.id,
                    areaSquareMeters: 1_600,
                    workers: 2,
                    certifiedWorkers: 1,
                    partyMembers: 1,
                    programs: 1,
                    subProjects: 2
                ),
                StationTally(
                    station: Fixtures.ganpu.id,
                    areaSquareMeters: 1_400,
                    workers: 0,
                    certifiedWorkers: 0,
                    partyMembers: 0,
                    programs: 0,
                    subProjects: 0
                ),
            ]
        )
    }

    private static func sealedClients(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var client = Fixtures.client
        client.id = Fixtures.id("baibu-c2")
        client.personal = SealedPersonalData(
            name: "v1:c2VhbGVkLW5hbWU=",
            idNumber: "v1:c2VhbGVkLWlk",
            idNumberDigest: "digest-of-the-id-number",
            phone: nil,
            phoneDigest: nil
        )
        var change = ChangeSet()
        change.register(client, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(try await store.clients([client.id]) == [client])
        #expect(try await store.clients(in: .within(Fixtures.haiyan), limit: 10) == [Fixtures.client, client])
        #expect(try await store.clients(in: .station(Fixtures.ganpu.id), limit: 10).isEmpty)
        let (_, found) = try await store.commit(
            checking: ContextRequest(
                station: Fixtures.ganpu.id,
                idNumberDigests: ["digest-of-the-id-number", "digest-unknown"]
            )
        ) { context in (ChangeSet(), context?.sameIDNumber ?? []) }
        #expect(found == [client])
        let payloads = try await store.events(after: .start, limit: 1_000).map(\.event.payload).joined()
        #expect(!payloads.contains("v1:") && !payloads.contains("digest-of-the-id-number"))
    }

    private static func dataKeyBoundOnce(_ store: any StationStore) async throws {
        #expect(try await store.dataKeyCheck() == nil)
        #expect(try await store.sealedPersonalDataSample() == nil)
        #expect(try await !store.isResealPending(), "a new store has nothing sealed before binding")
        let first = String(repeating: "a1", count: 16)
        #expect(try await store.bindDataKey(check: first) == first)
        #expect(try await store.bindDataKey(check: String(repeating: "b2", count: 16)) == first)
        #expect(try await store.dataKeyCheck() == first)
        // Binding is store metadata: no event.
        #expect(try await store.lastEventSequence() == .start)
        try await store.commit(Fixtures.directory())
        var client = Fixtures.client
        client.personal = SealedPersonalData(name: "v1:c2VhbGVk", idNumberDigest: "digest")
        var change = ChangeSet()
        change.register(client, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(change)
        #expect(
            try await store.sealedPersonalDataSample()
                == client.personal.map { SealedPersonalDataSample(owner: .client(client.id), sealed: $0) }
        )
        try await store.finishReseal()
        #expect(try await !store.isResealPending())
    }

    private static func revisionsKeepHistory(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var first = Fixtures.record("r1", minutes: 60, participants: .headCount(3), workers: [Fixtures.workers[0].id])
        // A worker a ledger named as people write them (issue 22.2) is kept as text until corrected.
        first.workerNames = ["王社工", "小李"]
        try await store.commit(Fixtures.recording([first, Fixtures.record("r2")]))
        #expect(
            try await store.serviceRecords(ServiceRecordQuery()).first { $0.id == first.id }?.workerNames == [
                "王社工", "小李",
            ]
        )
        var corrected = first
        corrected.durationMinutes = 45
        corrected.participants = .headCount(5)
        corrected.workerNames = []
        let correction = ServiceRevision(
            record: first.id,
            version: 2,
            change: .corrected,
            previous: first,
            current: corrected,
            reason: "时长录错",
            revisedAt: Date(millisecondsSince1970: 1_636_100_000_000),
            actor: .cli
        )
        func commit(_ revision: ServiceRevision) async throws {
            let event = DomainEvent(
                ServiceCorrected(revision),
                orgUnit: Fixtures.baibu.orgUnit,
                station: Fixtures.baibu.id,
                actor: .cli,
                at: revision.revisedAt
            )
            try await store.commit(ChangeSet(writes: [.serviceRevision(revision)], events: [event]))
        }
        try await commit(correction)
        #expect(
            try await store.serviceRecord(first.id)
                == StoredServiceRecord(record: corrected, version: 2, isVoided: false)
        )
        #expect(correction.changedFields == ["durationMinutes", "workers", "participants"])
        let totals = try await store.serviceTotals(ServiceTotalsQuery())
        #expect(totals.map(\.records) == [2] && totals.map(\.personTimes) == [6])
        // A revision made from the version before is stale now: it breaks and changes nothing.
        let stale = await #expect(throws: StoreError.self) { try await commit(correction) }
        #expect(stale?.code == .constraintViolation)
        let void = ServiceRevision(
            record: first.id,
            version: 3,
            change: .voided,
            previous: corrected,
            current: nil,
            reason: "重复录入",
            revisedAt: Date(millisecondsSince1970: 1_636_200_000_000),
            actor: .cli
        )
        try await commit(void)
        #expect(try await store.serviceRecord(first.id)?.isVoided == true)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).map(\.id.rawValue) == ["r2"])
        #expect(try await store.serviceTotals(ServiceTotalsQuery()).map(\.personTimes) == [1])
        #expect(try await store.serviceRevisions(of: first.id) == [correction, void])
        // A voided record is voided for good.
        var again = void
        again.version = 4
        await #expect(throws: StoreError.self) { try await commit(again) }
        // The snapshot writes the record as first written, then its revisions, which replay.
        var rows: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { rows += writes }
        }
        let records = rows.compactMap { if case .serviceRecord(let record) = $0 { record } else { nil } }
        #expect(records.first { $0.id == first.id } == first.normalized)
        let revisions = rows.compactMap { if case .serviceRevision(let revision) = $0 { revision } else { nil } }
        #expect(revisions == [correction, void])
    }

    private static func entryRevisions(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let line = BudgetLine(
            id: Fixtures.id("line-1"),
            station: Fixtures.baibu.id,
            year: 2021,
            category: .operation,
            source: .countyFinance,
            name: "2021 年度运营经费",
            amount: Fen(100_000)
        )
        let fund = CharityFund(
            id: Fixtures.id("fund-1"),
            station: Fixtures.baibu.id,
            village: nil,
            name: "示例慈善基金",
            openedOn: Fixtures.date("2021-01-10")
        )
        let gift = Donation(
            id: Fixtures.id("gift-1"),
            station: Fixtures.baibu.id,
            donorKind: .enterprise,
            donorName: "示例企业",
            amount: Fen(150_000),
            receivedOn: Fixtures.date("2021-02-01"),
            charityFund: fund.id
        )
        let plainGift = Donation(
            id: Fixtures.id("gift-2"),
            station: Fixtures.baibu.id,
            donorKind: .individual,
            amount: Fen(2_000),
            receivedOn: Fixtures.date("2021-09-09"),
            channel: "99公益日"
        )
        var setup = ChangeSet()
        setup.set(line, at: Fixtures.baibu, by: .cli, at: Date())
        setup.open(fund, at: Fixtures.baibu, by: .cli, at: Date())
        setup.receive(gift, at: Fixtures.baibu, by: .cli, at: Date())
        setup.receive(plainGift, at: Fixtures.baibu, by: .cli, at: Date())
        try await store.commit(setup)
        let expenses = [("e1", Int64(60_000)), ("e2", 30_000)].map { rawID, fen in
            Expense(
                id: Fixtures.id(rawID),
                line: line.id,
                amount: Fen(fen),
                spentOn: Fixtures.date("2021-05-01"),
                purpose: "场地水电"
            )
        }
        @Sendable func noted(_ expense: ExpenseID) -> @Sendable (Fen) -> [DomainEvent] {
            { remaining in
                [
                    DomainEvent(
                        ExpenseRecorded(
                            expense: expense,
                            line: line.id,
                            station: Fixtures.baibu.id,
                            amount: .zero,
                            remaining: remaining
                        ),
                        orgUnit: Fixtures.baibu.orgUnit,
                        station: Fixtures.baibu.id,
                        actor: .cli,
                        at: Date()
                    )
                ]
            }
        }
        for expense in expenses {
            _ = try await store.bookExpense(expense, authorised: false, events: noted(expense.id))
        }
        let grant = CharityGrant(
            id: Fixtures.id("grant-1"),
            fund: fund.id,
            amount: Fen(100_000),
            grantedOn: Fixtures.date("2021-06-01"),
            purpose: "困难家庭助学"
        )
        _ = try await store.grant(grant) { _ in noted(expenses[0].id)(.zero) }

        // An expense raised past what its line has is refused unless authorised; lowered, it applies.
        func revision(
            _ expense: Expense,
            to fen: Int64?,
            version: Int = 2,
            reason: String? = nil
        )
            -> EntryRevision<Expense>
        {
            var current = expense
            current.amount = Fen(fen ?? 0)
            current.overspendReason = reason ?? expense.overspendReason
            return EntryRevision(
                version: version,
                change: fen == nil ? .voided : .corrected,
                previous: expense,
                current: fen == nil ? nil : current,
                reason: "金额录错",
                revisedAt: Date(millisecondsSince1970: 1_636_100_000_000 + Int64(version)),
                actor: .cli
            )
        }
        let before = try await StoreFingerprint.of(store)
        let raised = revision(expenses[0], to: 70_001)
        #expect(
            try await store.reviseExpense(raised, authorised: false, events: noted(expenses[0].id))
                == .refused(remaining: Fen(70_000))
        )
        #expect(try await StoreFingerprint.of(store) == before)
        let lowered = revision(expenses[0], to: 50_000)
        #expect(
            try await store.reviseExpense(lowered, authorised: false, events: noted(expenses[0].id))
                == .revised(remaining: Fen(20_000))
        )
        #expect(lowered.changedFields == ["amount"])
        #expect(
            try await store.expense(expenses[0].id)
                == StoredEntry(entry: try #require(lowered.current), version: 2, isVoided: false)
        )
        // A revision made from the version before is stale now: it breaks and changes nothing.
        await #expect(throws: StoreError.self) {
            try await store.reviseExpense(lowered, authorised: false, events: noted(expenses[0].id))
        }
        let void = revision(expenses[1], to: nil)
        #expect(
            try await store.reviseExpense(void, authorised: true, events: noted(expenses[1].id))
                == .revised(remaining: Fen(50_000))
        )
        #expect(try await store.budgetLines(in: .station(Fixtures.baibu.id), year: 2021).map(\.spent) == [Fen(50_000)])
        #expect(try await store.expenses(of: line.id).map(\.isVoided) == [false, true])
        let histories: [[EntryRevision<Expense>]] = [
            try await store.entryRevisions(of: expenses[0].id), try await store.entryRevisions(of: expenses[1].id),
        ]
        #expect(histories == [[lowered], [void]])
        // A voided expense does not hold its line: a new booking may use what it freed.
        let third = Expense(
            id: Fixtures.id("e3"),
            line: line.id,
            amount: Fen(50_000),
            spentOn: Fixtures.date("2021-06-01"),
            purpose: "活动物资"
        )
        #expect(
            try await store.bookExpense(third, authorised: false, events: noted(third.id)) == .booked(remaining: .zero)
        )

        // A gift its fund has granted from cannot be voided or lowered below what was granted.
        @Sendable func giftEvents(_ revision: EntryRevision<Donation>) -> @Sendable (Fen?) -> [DomainEvent] {
            { _ in
                let payload: any EventPayload =
                    revision.current == nil ? DonationVoided(revision) : DonationCorrected(revision)
                return [
                    DomainEvent(
                        payload,
                        orgUnit: Fixtures.baibu.orgUnit,
                        station: Fixtures.baibu.id,
                        actor: .cli,
                        at: revision.revisedAt
                    )
                ]
            }
        }
        func giftRevision(_ donation: Donation, to fen: Int64?, version: Int = 2) -> EntryRevision<Donation> {
            var current = donation
            current.amount = Fen(fen ?? 0)
            return EntryRevision(
                version: version,
                change: fen == nil ? .voided : .corrected,
                previous: donation,
                current: fen == nil ? nil : current,
                reason: "金额录错",
                revisedAt: Date(millisecondsSince1970: 1_636_200_000_000 + Int64(version)),
                actor: .cli
            )
        }
        let unchanged = try await StoreFingerprint.of(store)
        #expect(
            try await store.reviseDonation(giftRevision(gift, to: nil), events: giftEvents(giftRevision(gift, to: nil)))
                == .refused(remaining: Fen(50_000))
        )
        #expect(
            try await store.reviseDonation(
                giftRevision(gift, to: 99_999),
                events: giftEvents(giftRevision(gift, to: 99_999))
            ) == .refused(remaining: Fen(50_000))
        )
        #expect(try await StoreFingerprint.of(store) == unchanged)
        let lowerGift = giftRevision(gift, to: 100_000)
        #expect(try await store.reviseDonation(lowerGift, events: giftEvents(lowerGift)) == .revised(remaining: .zero))
        #expect(try await store.charityFunds(in: .station(Fixtures.baibu.id)).map(\.balance) == [.zero])
        let voidPlain = giftRevision(plainGift, to: nil)
        #expect(try await store.reviseDonation(voidPlain, events: giftEvents(voidPlain)) == .revised(remaining: nil))
        #expect(try await store.donations(in: .station(Fixtures.baibu.id), period: nil).map(\.amount) == [Fen(100_000)])
        let totals = try await store.donationTotals(DonationTotalsQuery(scope: .station(Fixtures.baibu.id)))
        #expect(totals.map(\.gifts) == [1] && totals.map(\.amount) == [Fen(100_000)])
        #expect(try await store.donation(plainGift.id)?.isVoided == true)
        let giftHistory: [EntryRevision<Donation>] = try await store.entryRevisions(of: gift.id)
        #expect(giftHistory == [lowerGift])

        // The snapshot writes each entry as first written, then its revisions, which replay.
        var rows: [Write] = []
        try await store.exportSnapshot(batchSize: 100) { batch in
            if case .rows(let writes) = batch { rows += writes }
        }
        #expect(rows.contains(.expense(expenses[0])) && rows.contains(.donation(gift)))
        #expect(rows.contains(.donation(plainGift)))
        let revised = rows.filter {
            switch $0 {
            case .expenseRevision, .donationRevision: true
            default: false
            }
        }
        #expect(
            revised == [
                .donationRevision(lowerGift), .donationRevision(voidPlain), .expenseRevision(lowered),
                .expenseRevision(void),
            ]
        )
        let lastRevision = rows.lastIndex { if case .expenseRevision = $0 { true } else { false } } ?? -1
        let lastExpense = rows.lastIndex { if case .expense = $0 { true } else { false } } ?? rows.endIndex
        #expect(lastExpense < lastRevision)
    }

    private static func retiredSubProject(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var program = Fixtures.program
        program.version = 2
        program.checksum = "sha256-of-v2"
        var retired = Fixtures.subProjects[1]
        retired.isRetired = true
        var change = ChangeSet()
        change.configure(
            ProgramWithSubProjects(program: program, subProjects: [Fixtures.subProjects[0], retired]),
            at: Fixtures.baibu,
            previous: ProgramWithSubProjects(program: Fixtures.program, subProjects: Fixtures.subProjects),
            by: .cli,
            at: Date()
        )
        try await store.commit(change)
        let read = try #require(try await store.programs(of: Fixtures.baibu.id).first)
        #expect(read.program == program && read.subProjects == [Fixtures.subProjects[0], retired])
        #expect(try await store.stationTallies(in: .station(Fixtures.baibu.id)).first?.subProjects == 1)
        let event = try #require(try await store.events(after: .start, limit: 1_000).last)
        let payload = try event.event.decodePayload(as: ProgramConfigured.self)
        #expect(payload.version == 2 && payload.previousVersion == 1 && payload.retired == [retired.id])
        #expect(payload.subProjects == [Fixtures.subProjects[0].id] && payload.added == [])
        let service = RecordService(
            store: store,
            clock: WorkClock(now: { Date(millisecondsSince1970: 1_636_070_400_000) })
        )
        let request = ServiceRecordRequest(
            station: "baibu",
            kind: "homeVisit",
            date: "2021-11-01",
            durationMinutes: 30,
            headCount: 1,
            subProject: retired.id.rawValue
        )
        let error = await #expect(throws: InputError.self) { try await service.record(request, actor: .cli) }
        #expect(error?.issues.map(\.field) == ["sub-project"])
    }

    private static func recordListsRoundTrip(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        var named = Fixtures.record(
            "r-named",
            kind: .caseWork,
            date: "2021-06-01",
            participants: .clients([Fixtures.client.id]),
            workers: Fixtures.workers.map(\.id)
        )
        named.village = Fixtures.baibuVillage
        named.program = Fixtures.program.id
        named.programVersion = 1
        named.subProject = Fixtures.subProjects[0].id
        let older = Fixtures.record("r-old", date: "2021-02-01")
        try await store.commit(Fixtures.recording([older, named]))
        let listed = try await store.serviceRecords(ServiceRecordQuery(scope: .station(Fixtures.baibu.id)))
        #expect(listed == [named, older])
        let cases = try await store.serviceRecords(ServiceRecordQuery(kind: .caseWork, limit: 1))
        #expect(cases == [named])
    }

    private static func recordServiceWrites(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let service = RecordService(
            store: store,
            clock: WorkClock(now: { Date(millisecondsSince1970: 1_636_070_400_000) })
        )
        let request = ServiceRecordRequest(
            station: "baibu",
            kind: "走访",
            date: "2021-11-04",
            durationMinutes: 45,
            village: Fixtures.baibuVillage.rawValue,
            workers: ["baibu-w2"],
            clients: ["baibu-c1"],
            subProject: "baibu-p1-brand1"
        )
        let stored = try await service.record(request, actor: .cli)
        #expect(stored.event.type == .serviceRecorded)
        #expect(try await store.lastEventSequence() == stored.sequence)
        let record = try #require(try await store.serviceRecords(ServiceRecordQuery()).first)
        #expect(record.kind == .homeVisit && record.personTimes == 1 && record.program == Fixtures.program.id)
        #expect(record.programVersion == 1 && record.workers == [Fixtures.workers[1].id])
        #expect(!stored.event.payload.contains("示例"))
    }

    private static func recordServiceRefuses(_ store: any StationStore) async throws {
        try await store.commit(Fixtures.directory())
        let before = try await store.lastEventSequence()
        let service = RecordService(
            store: store,
            clock: WorkClock(now: { Date(millisecondsSince1970: 1_636_070_400_000) })
        )
        let bad = ServiceRecordRequest(
            station: "baibu",
            kind: "dancing",
            date: "2021-02-30",
            durationMinutes: -5,
            village: Fixtures.ganpuTown.rawValue,
            workers: ["ganpu-w9"]
        )
        let error = await #expect(throws: InputError.self) { try await service.record(bad, actor: .cli) }
        #expect(error?.issues.map(\.field) == ["kind", "date", "duration", "village", "worker", "head-count"])
        let future = ServiceRecordRequest(
            station: "nowhere",
            kind: "caseWork",
            date: "2021-11-06",
            durationMinutes: 10,
            headCount: 1
        )
        let second = await #expect(throws: InputError.self) { try await service.record(future, actor: .cli) }
        #expect(second?.issues.map(\.code) == [.unknownReference, .outOfRange])
        #expect(try await store.lastEventSequence() == before)
        #expect(try await store.serviceRecords(ServiceRecordQuery()).isEmpty)
    }

    /// Six records over three stations: 60 service and 30 training person-times, 630 minutes.
    private static var mixedRecords: [ServiceRecord] {
        [
            Fixtures.record("m1", kind: .homeVisit, date: "2021-05-03", minutes: 30, participants: .headCount(1)),
            Fixtures.record("m2", kind: .homeVisit, date: "2021-05-20", minutes: 60, participants: .headCount(2)),
            Fixtures.record(
                "m3",
                kind: .communityActivity,
                date: "2021-12-31",
                minutes: 120,
                participants: .headCount(2)
            ),
            Fixtures.record(
                "m4",
                station: Fixtures.ganpu,
                kind: .communityActivity,
                date: "2021-05-09",
                minutes: 180,
                participants: .headCount(54)
            ),
            Fixtures.record(
                "m5",
                station: Fixtures.ganpu,
                kind: .training,
                date: "2021-05-10",
                minutes: 120,
                participants: .headCount(30)
            ),
            Fixtures.record(
                "m6",
                station: Fixtures.elsewhere,
                kind: .consultation,
                date: "2021-01-01",
                minutes: 120,
                participants: .headCount(1)
            ),
        ]
    }
}
