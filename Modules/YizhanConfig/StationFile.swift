public import YizhanKernel

/// A station's own file under `config/stations/`: its facts, staff and programs.
///
/// ```yaml
/// id: baibu
/// name: 百步镇社会工作站
/// township: "330424102"
/// areaSquareMeters: 1700
/// workers:
///   - { id: baibu-w1, name: 示例社工01, role: head, qualification: socialWorker, partyMember: true }
/// programs:
///   - id: baibu-2021
///     name: 百步镇社会工作站服务项目
///     subProjects:
///       - { id: baibu-core, name: 社会工作站综合服务, slot: core }
/// ```
public struct StationFile: Hashable, Sendable, Codable {
    /// The station's id.
    public var id: StationID
    /// The station's name.
    public var name: String
    /// Its kind; `station` when omitted.
    public var kind: StationKind?
    /// The township it serves (9 or 12 digits).
    public var township: DivisionCode
    /// Floor area in m².
    public var areaSquareMeters: Int
    /// Its rooms and areas.
    public var rooms: [RoomKind]?
    /// The brand (一站一品).
    public var brand: String?
    /// The operating agency, if contracted out.
    public var agency: Agency?
    /// The staff.
    public var workers: [WorkerEntry]
    /// The programs with their sub-projects.
    public var programs: [ProgramEntry]

    /// A worker as written in the file.
    public struct WorkerEntry: Hashable, Sendable, Codable {
        /// The worker's id.
        public var id: WorkerID
        /// The worker's name (personal data; the demo's are synthetic).
        public var name: String
        /// `head`, `deputy`, `staff` or `assistant`.
        public var role: WorkerRole
        /// Date of birth.
        public var born: CivilDate?
        /// The certificate held, if any.
        public var qualification: Qualification?
        /// Party member; `false` when omitted.
        public var partyMember: Bool?
        /// `township` when hired by the township; otherwise the station's agency employs them.
        public var employer: String?
    }

    /// A program as written in the file.
    public struct ProgramEntry: Hashable, Sendable, Codable {
        /// The program's id.
        public var id: ProgramID
        /// The program's name.
        public var name: String
        /// Its configuration version; 1 when omitted.
        public var version: Int?
        /// Its sub-projects.
        public var subProjects: [SubProjectEntry]
    }

    /// A sub-project as written in the file.
    public struct SubProjectEntry: Hashable, Sendable, Codable {
        /// The sub-project's id.
        public var id: SubProjectID
        /// Its name.
        public var name: String
        /// The template slot it fills.
        public var slot: ProgramSlot
    }

    /// The kernel station this file describes.
    public var station: Station {
        Station(
            id: id,
            name: name,
            kind: kind ?? .station,
            orgUnit: township,
            areaSquareMeters: areaSquareMeters,
            rooms: rooms ?? [],
            agency: agency?.id,
            brandName: brand
        )
    }

    /// The kernel workers this file describes.
    public var stationWorkers: [Worker] {
        workers.map { entry in
            Worker(
                id: entry.id,
                station: id,
                name: entry.name,
                role: entry.role,
                birthDate: entry.born,
                qualification: entry.qualification,
                isPartyMember: entry.partyMember ?? false,
                employer: entry.employer == "township" ? .township : agency.map { .agency($0.id) } ?? .township
            )
        }
    }

    /// The kernel programs and sub-projects this file describes.
    public var stationPrograms: [ProgramWithSubProjects] {
        programs.map { entry in
            ProgramWithSubProjects(
                program: Program(id: entry.id, station: id, name: entry.name, version: entry.version ?? 1),
                subProjects: entry.subProjects.map {
                    SubProject(id: $0.id, program: entry.id, name: $0.name, slot: $0.slot)
                }
            )
        }
    }
}
