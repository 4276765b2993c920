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
public struct StationFile: ConfigFile, Hashable, Codable {
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
    /// The template the station extends, e.g. `haiyan-123n`.
    public var extends: String?
    /// Indicators the station adds, or template indicators it overrides or disables.
    public var indicators: [IndicatorEntry]?
    /// Entries the station adds to the template's code lists.
    public var codeLists: CodeLists?
    /// Extra record fields the station adds to its template's.
    public var fields: [FieldDefinition]?
    /// The staff.
    public var workers: [WorkerEntry]
    /// The programs with their sub-projects.
    public var programs: [ProgramEntry]
    /// How the station runs its volunteers' points passbook (default: 1 point an hour, no expiry,
    /// no catalogue).
    public var volunteering: VolunteeringSettings?

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
        /// The certificate's number (证书编号).
        public var certificate: String?
        /// Graduated in social work or a related subject; `false` when omitted.
        public var socialWorkDegree: Bool?
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

    public static let shape = ObjectShape([
        .required("id", .identifier, LocalizedText("社工站标识", en: "station id")),
        .required("name", .text, LocalizedText("社工站名称", en: "station name")),
        .optional("kind", .oneOf(StationKind.allCases.map(\.rawValue)), LocalizedText("类型", en: "kind")),
        .required("township", .divisionCode, LocalizedText("所在镇(街道)区划代码", en: "the township's division code")),
        .required("areaSquareMeters", .integer(0...1_000_000), LocalizedText("面积(平方米)", en: "area in m²")),
        .optional("rooms", .list(.identifier), LocalizedText("功能室", en: "rooms")),
        .optional("brand", .text, LocalizedText("品牌(一站一品)", en: "brand")),
        .optional(
            "agency",
            .object(
                ObjectShape([
                    .required("id", .identifier, LocalizedText("机构标识", en: "agency id")),
                    .required("name", .text, LocalizedText("机构名称", en: "agency name")),
                ])
            ),
            LocalizedText("承接机构", en: "operating agency")
        ),
        .optional("extends", .identifier, LocalizedText("所用模板", en: "the template it extends")),
        .required(
            "workers",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("社工标识", en: "worker id")),
                        .required("name", .text, LocalizedText("姓名", en: "name")),
                        .required("role", .oneOf(WorkerRole.allCases.map(\.rawValue)), LocalizedText("岗位", en: "role")),
                        .optional("born", .date, LocalizedText("出生日期", en: "date of birth")),
                        .optional(
                            "qualification",
                            .oneOf(Qualification.allCases.map(\.rawValue)),
                            LocalizedText("职业水平证书", en: "certificate")
                        ),
                        .optional("certificate", .text, LocalizedText("证书编号", en: "certificate number")),
                        .optional(
                            "socialWorkDegree",
                            .boolean,
                            LocalizedText("社会工作及相关专业毕业", en: "graduated in social work or a related subject")
                        ),
                        .optional("partyMember", .boolean, LocalizedText("是否党员", en: "party member")),
                        .optional("employer", .oneOf(["township", "agency"]), LocalizedText("聘用方", en: "employer")),
                    ])
                )
            ),
            LocalizedText("人员", en: "staff")
        ),
        .required(
            "programs",
            .list(
                .object(
                    ObjectShape([
                        .required("id", .identifier, LocalizedText("项目标识", en: "program id")),
                        .required("name", .text, LocalizedText("项目名称", en: "program name")),
                        .optional("version", .integer(1...10_000), LocalizedText("版本", en: "version")),
                        .required(
                            "subProjects",
                            .list(
                                .object(
                                    ObjectShape([
                                        .required("id", .identifier, LocalizedText("子项目标识", en: "sub-project id")),
                                        .required("name", .text, LocalizedText("子项目名称", en: "sub-project name")),
                                        .required("slot", .identifier, LocalizedText("模板槽位", en: "template slot")),
                                    ])
                                )
                            ),
                            LocalizedText("子项目", en: "sub-projects")
                        ),
                    ])
                )
            ),
            LocalizedText("服务项目", en: "programs")
        ),
        .optional(
            "indicators",
            .list(.object(CommonShapes.indicator(requireDefinition: false))),
            LocalizedText("本站增加、调整或停用的指标", en: "indicators the station adds, overrides or disables")
        ),
        .optional("codeLists", .object(CommonShapes.codeLists), LocalizedText("本站增加的代码", en: "code-list additions")),
        .optional("fields", .list(.object(CommonShapes.field)), LocalizedText("本站增加的记录字段", en: "record fields added")),
        .optional(
            "volunteering",
            .object(
                ObjectShape([
                    .optional(
                        "pointsPerHour",
                        .integer(1...100),
                        LocalizedText("每小时服务积分(默认 1)", en: "points an hour (default 1)")
                    ),
                    .optional("pointsExpireDays", .integer(1...3_650), LocalizedText("积分有效天数", en: "days points last")),
                    .optional(
                        "catalogue",
                        .list(
                            .object(
                                ObjectShape([
                                    .required("id", .identifier, LocalizedText("物品标识", en: "item id")),
                                    .required("name", .text, LocalizedText("物品名称", en: "item name")),
                                    .required("points", .integer(1...100_000), LocalizedText("所需积分", en: "points")),
                                ])
                            )
                        ),
                        LocalizedText("兑换目录", en: "the catalogue")
                    ),
                ])
            ),
            LocalizedText("志愿者积分存折的设置", en: "the volunteers' points passbook")
        ),
    ])

    /// The kernel station this file describes.
    public var station: Station {
        var station = Station(
            id: id,
            name: name,
            kind: kind ?? .station,
            orgUnit: township,
            areaSquareMeters: areaSquareMeters,
            rooms: rooms ?? [],
            agency: agency?.id,
            brandName: brand
        )
        station.volunteering = volunteering ?? VolunteeringSettings()
        return station
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
                certificateNumber: entry.certificate,
                hasSocialWorkDegree: entry.socialWorkDegree ?? false,
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

extension StationFile {
    /// The indicators the station is held to: its template's, with the station's targets where it
    /// overrides them, without those it disables, then its own additions.
    public func appliedIndicators(template: ResolvedTemplate?) -> [StationIndicator] {
        let own = indicators ?? []
        var applied: [IndicatorEntry] = (template?.indicators ?? []).map { inherited in
            guard let override = own.first(where: { $0.id == inherited.id }) else { return inherited }
            var entry = inherited
            entry.atLeast = override.atLeast ?? inherited.atLeast
            entry.atMost = override.atMost ?? inherited.atMost
            entry.disabled = override.disabled
            return entry
        }
        applied += own.filter { entry in !applied.contains { $0.id == entry.id } }
        return applied.filter { $0.disabled != true }.map { entry in
            StationIndicator(
                id: entry.id,
                name: entry.name ?? entry.id,
                unit: entry.unit,
                period: entry.period?.rawValue,
                metric: entry.metric,
                atLeast: entry.atLeast,
                atMost: entry.atMost,
                source: entry.source
            )
        }
    }
}
