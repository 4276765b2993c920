public import Foundation
public import YizhanKernel

/// A small, fixed workspace for tests: two townships of Haiyan (330424), one station each, and a
/// station in another county, with workers, a program and a client. Values are synthetic.
public enum Fixtures {
    /// 海盐县.
    public static let haiyan = code("330424")
    /// 百步镇 (demo code).
    public static let baibuTown = code("330424102")
    /// A village of 百步镇 (synthetic).
    public static let baibuVillage = code("330424102201")
    /// 澉浦镇 (demo code).
    public static let ganpuTown = code("330424104")
    /// A township of another county (海宁市), for scope tests.
    public static let otherTown = code("330481001")

    /// The 百步 station.
    public static let baibu = Station(
        id: id("baibu"),
        name: "百步镇社会工作站",
        kind: .station,
        orgUnit: baibuTown,
        areaSquareMeters: 1_600,
        rooms: [.socialWorkRoom, .caseRoom],
        agency: id("agency-1"),
        brandName: "“159”工作法"
    )
    /// The 澉浦 station.
    public static let ganpu = Station(
        id: id("ganpu"),
        name: "澉浦镇社会工作站",
        kind: .station,
        orgUnit: ganpuTown,
        areaSquareMeters: 1_400
    )
    /// A station outside Haiyan.
    public static let elsewhere = Station(
        id: id("elsewhere"),
        name: "外县社会工作站",
        kind: .station,
        orgUnit: otherTown,
        areaSquareMeters: 100
    )
    /// Two workers of 百步: a certified party-member head and an uncertified staff worker.
    public static let workers = [
        Worker(
            id: id("baibu-w1"),
            station: baibu.id,
            name: "示例社工甲",
            role: .head,
            birthDate: date("1988-03-14"),
            qualification: .socialWorker,
            certificateNumber: "示例证书0001",
            isPartyMember: true,
            employer: .agency(id("agency-1"))
        ),
        Worker(id: id("baibu-w2"), station: baibu.id, name: "示例社工乙", role: .staff, hasSocialWorkDegree: true),
    ]
    /// 百步's program with two sub-projects.
    public static let program = Program(id: id("baibu-p1"), station: baibu.id, name: "百步社工站服务项目")
    /// The sub-projects of `program`.
    public static let subProjects = [
        SubProject(id: id("baibu-p1-core"), program: program.id, name: "核心项目", slot: .core),
        SubProject(id: id("baibu-p1-brand1"), program: program.id, name: "品牌项目一", slot: .brand),
    ]
    /// A client of 百步, who consented to services, to the keeping of their data and to referral.
    public static let client = Client(
        id: id("baibu-c1"),
        station: baibu.id,
        village: baibuVillage,
        categories: [.elderlyAlone],
        consent: Consent(on: date("2021-01-04"), scope: [.service, .personalInformation, .referral])
    )

    /// The change set that registers all of the above, each row with its event.
    public static func directory(at instant: Date = Date(millisecondsSince1970: 1_636_000_000_000)) -> ChangeSet {
        let units = [
            OrgUnit(code: haiyan, name: "海盐县"), OrgUnit(code: baibuTown, name: "百步镇"),
            OrgUnit(code: baibuVillage, name: "示例村"), OrgUnit(code: ganpuTown, name: "澉浦镇"),
            OrgUnit(code: otherTown, name: "外县示例街道"),
        ]
        var change = ChangeSet()
        for unit in units { change.register(unit, by: .demo, at: instant) }
        change.register(Agency(id: id("agency-1"), name: "示例社会工作服务中心"), operating: baibu, by: .demo, at: instant)
        for station in [baibu, ganpu, elsewhere] { change.configure(station, by: .demo, at: instant) }
        for worker in workers { change.register(worker, at: baibu, by: .demo, at: instant) }
        change.configure(
            ProgramWithSubProjects(program: program, subProjects: subProjects),
            at: baibu,
            by: .demo,
            at: instant
        )
        change.register(client, at: baibu, by: .demo, at: instant)
        return change
    }

    /// A service record at `station` with the given facts.
    public static func record(
        _ rawID: String,
        station: Station = baibu,
        kind: ServiceKind = .homeVisit,
        date text: String = "2021-05-10",
        minutes: Int = 60,
        participants: Participants = .headCount(1),
        workers: [WorkerID] = []
    ) -> ServiceRecord {
        ServiceRecord(
            id: id(rawID),
            station: station.id,
            kind: kind,
            date: date(text),
            durationMinutes: minutes,
            workers: workers,
            participants: participants
        )
    }

    /// The change set that inserts `records` (all at `station`), each with its event.
    public static func recording(_ records: [ServiceRecord], at instant: Date = Date()) -> ChangeSet {
        let stations = [baibu, ganpu, elsewhere]
        var change = ChangeSet()
        for record in records {
            let station = stations.first { $0.id == record.station } ?? baibu
            change.record(record, at: station, by: .cli, at: instant)
        }
        return change
    }

    // MARK: Literals known to be valid; a typo here fails the test that uses it.

    /// An identifier from a literal.
    public static func id<Entity>(_ text: String) -> Identifier<Entity> {
        (try? Identifier<Entity>(text)) ?? unreachable("identifier \(text)")
    }

    /// A division code from a literal.
    public static func code(_ text: String) -> DivisionCode {
        (try? DivisionCode(text)) ?? unreachable("division code \(text)")
    }

    /// A civil date from a literal.
    public static func date(_ text: String) -> CivilDate {
        (try? CivilDate(parsing: text)) ?? unreachable("date \(text)")
    }

    private static func unreachable<T>(_ what: String) -> T {
        preconditionFailure("Fixtures: invalid literal \(what)")
    }
}
