public import YizhanKernel

/// The demo workspace's recipe under `config/demo/`: which divisions and stations to load and how
/// to generate a deterministic synthetic year of service records.
public struct DemoFile: ConfigFile, Hashable, Codable {
    /// The workspace's display name.
    public var name: String
    /// The divisions file, relative to this file.
    public var divisions: String
    /// The folder of station files, relative to this file.
    public var stations: String
    /// The folder of templates the stations extend, relative to this file.
    public var templates: String?
    /// The year the synthetic records fall in.
    public var year: Int
    /// The seed of the generator: the same seed gives the same records.
    public var seed: UInt64
    /// Per station and year: how many records of each kind, with their ranges.
    public var services: [String: ServiceVolume]
    /// Batches of gifts the seeds report, reproduced to the fen.
    public var donations: [DonationBatch]?
    /// The staff's year: training, hours worked by place, village liaisons.
    public var staff: StaffYear?
    /// The community's year: organisations, resources, micro-wishes and charity funds.
    public var community: CommunityYear?
    /// Each station's volunteers, teams, activities, hours and redemptions.
    public var volunteering: VolunteeringYear?
    /// Each station's budget lines and the share of each spent over the year.
    public var funds: FundsYear?
    /// The evaluations' year: mid-term and final evaluations scored and submitted.
    public var evaluations: EvaluationsYear?
    /// The brand plugins' extra fields the demo's records carry.
    public var brandFields: [BrandFieldRule]?
    /// The retention the demo workspace's `yizhan.yaml` sets.
    public var retention: RetentionPolicy?

    public static let shape = ObjectShape([
        .required("name", .text, LocalizedText("工作区名称", en: "workspace name")),
        .required("divisions", .text, LocalizedText("区划文件(相对路径)", en: "divisions file, relative")),
        .required("stations", .text, LocalizedText("社工站目录(相对路径)", en: "stations folder, relative")),
        .optional("templates", .text, LocalizedText("模板目录(相对路径)", en: "templates folder, relative")),
        .required("year", .integer(1990...2100), LocalizedText("年份", en: "year")),
        .required("seed", .integer(0...Int.max), LocalizedText("随机种子", en: "random seed")),
        .required(
            "services",
            .dictionary(
                .object(
                    ObjectShape([
                        .required(
                            "records",
                            .integer(0...1_000_000),
                            LocalizedText("每站每年条数", en: "records per station")
                        ),
                        .required("people", .list(.integer(0...100_000)), LocalizedText("人数范围", en: "people range")),
                        .required("minutes", .list(.integer(0...1_440)), LocalizedText("时长范围", en: "minutes range")),
                        .optional("inVillage", .boolean, LocalizedText("是否在村(社区)", en: "in a village")),
                    ])
                )
            ),
            LocalizedText("各类服务的数量与范围", en: "volumes by kind of service")
        ),
        .optional(
            "donations",
            .list(
                .object(
                    ObjectShape([
                        .required("station", .identifier, LocalizedText("社工站", en: "station")),
                        .required(
                            "donorKind",
                            .oneOf(DonorKind.allCases.map(\.rawValue)),
                            LocalizedText("捐赠方类型", en: "donor kind")
                        ),
                        .optional("donor", .text, LocalizedText("捐赠单位", en: "donor organisation")),
                        .optional(
                            "kind",
                            .oneOf(DonationKind.allCases.map(\.rawValue)),
                            LocalizedText("资金或物资", en: "money or goods")
                        ),
                        .optional("goods", .text, LocalizedText("物资", en: "goods")),
                        .required("count", .integer(1...100_000), LocalizedText("笔数", en: "number of gifts")),
                        .optional("total", .text, LocalizedText("合计金额(元)", en: "total in yuan")),
                        .optional("each", .text, LocalizedText("每笔金额(元,给出时每笔相同)", en: "each gift in yuan")),
                        .required("from", .date, LocalizedText("起始日期", en: "first day")),
                        .required("to", .date, LocalizedText("截止日期", en: "last day")),
                        .required("purposes", .list(.text), LocalizedText("项目", en: "purposes")),
                        .optional("channel", .text, LocalizedText("渠道", en: "channel")),
                        .optional("matching", .boolean, LocalizedText("是否配捐", en: "matching gift")),
                        .required("source", .text, LocalizedText("出处(种子、章节)", en: "source (seed, section)")),
                    ])
                )
            ),
            LocalizedText("种子中的捐赠批次", en: "batches of gifts the seeds report")
        ),
        .optional(
            "staff",
            .object(
                ObjectShape([
                    .required("courses", .integer(0...50), LocalizedText("每人每年培训次数", en: "courses per worker")),
                    .required("classHours", .list(.integer(1...200)), LocalizedText("每次课时范围", en: "class hours range")),
                    .required(
                        "minutesPerDay",
                        .list(.integer(1...1_440)),
                        LocalizedText("每个工作日工时范围(分钟)", en: "minutes per working day")
                    ),
                    .required(
                        "villagePercent",
                        .list(.integer(0...100)),
                        LocalizedText("在村(社区)工作的天数占比范围", en: "share of days in villages, percent")
                    ),
                    .optional(
                        "gaps",
                        .object(
                            ObjectShape([
                                .optional(
                                    "underTrained",
                                    .list(.identifier),
                                    LocalizedText("培训不足的社工", en: "workers short of training")
                                ),
                                .optional(
                                    "withoutLiaison",
                                    .list(.divisionCode),
                                    LocalizedText("无定点联系社工的村(社区)", en: "villages left without a liaison")
                                ),
                                .optional(
                                    "mostlyAtStation",
                                    .list(.identifier),
                                    LocalizedText("多在站内工作的社工", en: "workers mostly at the station")
                                ),
                            ])
                        ),
                        LocalizedText("故意留下的不达标之处", en: "shortfalls left on purpose")
                    ),
                ])
            ),
            LocalizedText("社工队伍的一年", en: "the staff's year")
        ),
        .optional(
            "community",
            .object(
                ObjectShape([
                    .required(
                        "organisationsUrban",
                        .list(.integer(0...100)),
                        LocalizedText("每个城市社区的组织数范围", en: "organisations per urban community")
                    ),
                    .required(
                        "organisationsRural",
                        .list(.integer(0...100)),
                        LocalizedText("每个农村社区的组织数范围", en: "organisations per rural community")
                    ),
                    .required(
                        "resourcesPerVillage",
                        .list(.integer(0...100)),
                        LocalizedText("每个村(社区)的资源数范围", en: "resources per village")
                    ),
                    .required("wishes", .integer(0...10_000), LocalizedText("每站微心愿数", en: "wishes per station")),
                    .required(
                        "claimedPercent",
                        .integer(0...100),
                        LocalizedText("已认领占比", en: "share claimed, percent")
                    ),
                    .required(
                        "fulfilledPercent",
                        .integer(0...100),
                        LocalizedText("已认领中已实现占比", en: "share of claimed fulfilled, percent")
                    ),
                    .required("fundGifts", .integer(0...1_000), LocalizedText("每个基金的捐入笔数", en: "gifts per fund")),
                    .required(
                        "fundGiftYuan",
                        .list(.integer(1...10_000_000)),
                        LocalizedText("每笔捐入金额范围(元)", en: "yuan per gift")
                    ),
                    .required("fundGrants", .integer(0...1_000), LocalizedText("每个基金的资助笔数", en: "grants per fund")),
                    .required(
                        "fundGrantYuan",
                        .list(.integer(1...10_000_000)),
                        LocalizedText("每笔资助金额范围(元)", en: "yuan per grant")
                    ),
                ])
            ),
            LocalizedText("社区资源的一年", en: "the community's year")
        ),
        .optional(
            "volunteering",
            .object(
                ObjectShape([
                    .required(
                        "volunteers",
                        .integer(0...10_000),
                        LocalizedText("每站志愿者数", en: "volunteers per station")
                    ),
                    .required("teams", .list(.text), LocalizedText("每站的服务队名称", en: "team names per station")),
                    .required("activities", .integer(0...1_000), LocalizedText("每站活动数", en: "activities per station")),
                    .required(
                        "attendance",
                        .list(.integer(0...1_000)),
                        LocalizedText("每次活动人数范围", en: "volunteers per activity")
                    ),
                    .required(
                        "minutes",
                        .list(.integer(1...1_440)),
                        LocalizedText("每人每次时长范围(分钟)", en: "minutes per attendance")
                    ),
                    .required(
                        "redemptions",
                        .integer(0...10_000),
                        LocalizedText("每站兑换次数", en: "redemptions per station")
                    ),
                ])
            ),
            LocalizedText("志愿服务的一年", en: "the volunteers' year")
        ),
        .optional(
            "funds",
            .object(
                ObjectShape([
                    .required(
                        "lines",
                        .list(
                            .object(
                                ObjectShape([
                                    .required(
                                        "category",
                                        .oneOf(BudgetCategory.allCases.map(\.rawValue)),
                                        LocalizedText("类别", en: "category")
                                    ),
                                    .required(
                                        "source",
                                        .oneOf(FundSource.allCases.map(\.rawValue)),
                                        LocalizedText("来源", en: "source")
                                    ),
                                    .required("name", .text, LocalizedText("科目名称", en: "name")),
                                    .required("yuan", .integer(1...100_000_000), LocalizedText("金额(元)", en: "yuan")),
                                ])
                            )
                        ),
                        LocalizedText("每站的预算科目", en: "budget lines per station")
                    ),
                    .required(
                        "spentPercent",
                        .list(.integer(0...100)),
                        LocalizedText("全年支出占预算的比例范围", en: "share of each line spent, percent")
                    ),
                ])
            ),
            LocalizedText("经费的一年", en: "the funds' year")
        ),
        .optional(
            "evaluations",
            .object(
                ObjectShape([
                    .required("scheme", .text, LocalizedText("评估方案文件(相对本文件)", en: "the scheme file")),
                    .required("midTermOpened", .date, LocalizedText("中期评估开启日", en: "mid-term opened")),
                    .required("midTermSubmitted", .date, LocalizedText("中期评估提交日", en: "mid-term submitted")),
                    .required("finalOpened", .date, LocalizedText("末期评估开启日", en: "final opened")),
                    .required("finalSubmitted", .date, LocalizedText("末期评估提交日", en: "final submitted")),
                    .optional(
                        "finalPending",
                        .list(.identifier),
                        LocalizedText("末期评估尚未提交的社工站", en: "stations whose final is not submitted")
                    ),
                    .required(
                        "selfPercent",
                        .list(.integer(0...100)),
                        LocalizedText("自评得分占满分的比例范围", en: "self scores as a share of full points")
                    ),
                    .required(
                        "thirdPartyPercent",
                        .list(.integer(0...100)),
                        LocalizedText("第三方得分占满分的比例范围", en: "third-party scores as a share of full points")
                    ),
                    .optional(
                        "rectifyBelow",
                        .integer(0...100),
                        LocalizedText(
                            "中期第三方总分低于此分的社工站列一项整改(一个月后完成)",
                            en: "mid-term third-party totals below this get a rectification item"
                        )
                    ),
                ])
            ),
            LocalizedText("评估的一年", en: "the evaluations' year")
        ),
        .optional(
            "brandFields",
            .list(
                .object(
                    ObjectShape([
                        .required("station", .identifier, LocalizedText("社工站", en: "station")),
                        .required("field", .text, LocalizedText("附加字段标识", en: "extra field id")),
                        .required("values", .list(.text), LocalizedText("取值(按顺序)", en: "values, in order")),
                        .required(
                            "kinds",
                            .list(.text),
                            LocalizedText("带该字段的服务类型", en: "kinds of service carrying it")
                        ),
                        .required(
                            "percent",
                            .integer(0...100),
                            LocalizedText("这些记录中带该字段的比例(%)", en: "percent of those records carrying it")
                        ),
                        .optional(
                            "households",
                            .object(
                                ObjectShape([
                                    .required("count", .integer(1...10_000), LocalizedText("登记户数", en: "households")),
                                    .required("field", .text, LocalizedText("记录上的家庭字段", en: "the household field")),
                                ])
                            ),
                            LocalizedText(
                                "登记家庭,并按取值的顺序逐户推进,每条记录一步",
                                en: "households registered and taken through the values in order, a record a step"
                            )
                        ),
                        .optional(
                            "resources",
                            .object(
                                ObjectShape([
                                    .required("count", .integer(1...10_000), LocalizedText("登记个数", en: "resources")),
                                    .required(
                                        "kind",
                                        .oneOf(ResourceKind.registrable.map(\.rawValue)),
                                        LocalizedText("资源类型", en: "kind")
                                    ),
                                    .required("name", .text, LocalizedText("名称前缀", en: "name prefix")),
                                    .required("field", .text, LocalizedText("记录上的资源字段", en: "the resource field")),
                                    .required(
                                        "when",
                                        .text,
                                        LocalizedText("取该值的记录链接资源", en: "records with this value name a resource")
                                    ),
                                    .optional(
                                        "wishes",
                                        .object(
                                            ObjectShape([
                                                .required(
                                                    "count",
                                                    .integer(1...10_000),
                                                    LocalizedText("微心愿个数", en: "wishes")
                                                ),
                                                .required(
                                                    "fulfilledPercent",
                                                    .integer(0...100),
                                                    LocalizedText("其中已实现的比例(%)", en: "percent fulfilled")
                                                ),
                                            ])
                                        ),
                                        LocalizedText(
                                            "发布并由这些资源认领的微心愿",
                                            en: "wishes posted and claimed by these resources"
                                        )
                                    ),
                                    .optional(
                                        "mark",
                                        .object(
                                            ObjectShape([
                                                .required("field", .text, LocalizedText("字段", en: "field")),
                                                .required("value", .text, LocalizedText("取值", en: "value")),
                                                .required(
                                                    "percent",
                                                    .integer(0...100),
                                                    LocalizedText("比例(%)", en: "percent")
                                                ),
                                            ])
                                        ),
                                        LocalizedText(
                                            "链接资源的记录中按比例再带上的字段(如通元的“益荟日”)",
                                            en: "a field a share of the records naming a resource also carry (通元's 益荟日)"
                                        )
                                    ),
                                ])
                            ),
                            LocalizedText("登记资源,并在记录上链接", en: "resources registered and named on records")
                        ),
                    ])
                )
            ),
            LocalizedText("品牌插件的附加字段(演示生成)", en: "the brand plugins' extra fields (synthetic)")
        ),
        .optional("retention", WorkspaceFile.retentionShape, WorkspaceFile.retentionSummary),
    ])

    /// A rule giving the demo's records of one station a brand plugin's extra field.
    public struct BrandFieldRule: Hashable, Sendable, Codable {
        /// The station.
        public var station: String
        /// The field's id, e.g. `baibu-159.bridge`.
        public var field: String
        /// The values it takes; in order when `households` is set.
        public var values: [String]
        /// The kinds of service whose records may carry it.
        public var kinds: [String]
        /// The percent of those records that do.
        public var percent: Int
        /// Households taken through `values` in order (澉浦 三融三入), if any.
        public var households: HouseholdSteps?
        /// Resources named on the records with one value (通元 起禾 shops), if any.
        public var resources: LinkedResources?

        /// Households registered at the station's villages, each taken through the rule's values.
        public struct HouseholdSteps: Hashable, Sendable, Codable {
            /// How many.
            public var count: Int
            /// The field naming a record's household.
            public var field: String
        }

        /// Resources registered at the station's villages and named on records.
        public struct LinkedResources: Hashable, Sendable, Codable {
            /// How many.
            public var count: Int
            /// Their kind.
            public var kind: ResourceKind
            /// Their name's prefix, numbered 01, 02 …
            public var name: String
            /// The field naming a record's resource.
            public var field: String
            /// The rule's value whose records name a resource.
            public var when: String
            /// Wishes posted at the station and claimed by these resources, if any.
            public var wishes: WishClaims?
            /// A field a share of the records naming a resource also carry, if any.
            public var mark: Mark?
        }

        /// A field value given to a share of the records naming a resource.
        public struct Mark: Hashable, Sendable, Codable {
            /// The field.
            public var field: String
            /// Its value.
            public var value: String
            /// The percent of the records naming a resource that carry it.
            public var percent: Int
        }

        /// Micro-wishes registered resources claim (通元's 起禾 shops, seed 000 §三.二).
        public struct WishClaims: Hashable, Sendable, Codable {
            /// How many wishes are posted, each claimed by one of the resources.
            public var count: Int
            /// The percent of them fulfilled.
            public var fulfilledPercent: Int
        }
    }

    /// The evaluations' synthetic year: every station's mid-term and final evaluation, hand-scored
    /// indicators given self and third-party points, submitted on the given days.
    public struct EvaluationsYear: Hashable, Sendable, Codable {
        /// The scheme file, relative to the recipe.
        public var scheme: String
        /// The day mid-term evaluations open.
        public var midTermOpened: CivilDate
        /// The day they are submitted.
        public var midTermSubmitted: CivilDate
        /// The day final evaluations open.
        public var finalOpened: CivilDate
        /// The day they are submitted.
        public var finalSubmitted: CivilDate
        /// Stations whose final evaluation is scored but not yet submitted.
        public var finalPending: [String]?
        /// Self scores as a percent of full points: `[least, most]`.
        public var selfPercent: [Int]
        /// Third-party scores as a percent of full points: `[least, most]`.
        public var thirdPartyPercent: [Int]
        /// A station whose mid-term third-party total is below this gets a rectification item.
        public var rectifyBelow: Int?
    }

    /// The volunteers' synthetic year at each station.
    public struct VolunteeringYear: Hashable, Sendable, Codable {
        /// Volunteers registered per station (synthetic names, sealed like real ones).
        public var volunteers: Int
        /// The teams each station forms; the volunteers are shared among them.
        public var teams: [String]
        /// Activities per station, spread over the year.
        public var activities: Int
        /// Volunteers per activity: `[least, most]`.
        public var attendance: [Int]
        /// Minutes per attendance: `[least, most]`.
        public var minutes: [Int]
        /// Redemptions from the catalogue per station.
        public var redemptions: Int
    }

    /// Each station's budget lines, and how much of each is spent in monthly expenses.
    public struct FundsYear: Hashable, Sendable, Codable {
        /// The lines every station sets.
        public var lines: [Line]
        /// The share of each line spent over the year, percent: `[least, most]`.
        public var spentPercent: [Int]

        /// A budget line of the recipe.
        public struct Line: Hashable, Sendable, Codable {
            /// Its category.
            public var category: BudgetCategory
            /// Its source.
            public var source: FundSource
            /// Its name.
            public var name: String
            /// Its amount in yuan.
            public var yuan: Int
        }
    }

    /// The community's synthetic year: organisations in every village, resources on the map,
    /// micro-wishes, and one charity fund per station with gifts and grants.
    public struct CommunityYear: Hashable, Sendable, Codable {
        /// Organisations per urban community: `[least, most]`.
        public var organisationsUrban: [Int]
        /// Organisations per rural community: `[least, most]`.
        public var organisationsRural: [Int]
        /// Registered resources per village: `[least, most]`.
        public var resourcesPerVillage: [Int]
        /// Wishes posted per station.
        public var wishes: Int
        /// The share of wishes claimed, percent.
        public var claimedPercent: Int
        /// The share of claimed wishes fulfilled, percent.
        public var fulfilledPercent: Int
        /// Gifts to each station's fund.
        public var fundGifts: Int
        /// Yuan per gift: `[least, most]`.
        public var fundGiftYuan: [Int]
        /// Grants from each fund.
        public var fundGrants: Int
        /// Yuan per grant: `[least, most]`.
        public var fundGrantYuan: [Int]
    }

    /// The staff's synthetic year: each worker's courses, a log for every working day (in a village
    /// on a share of days), and a liaison for every village — except the gaps named.
    public struct StaffYear: Hashable, Sendable, Codable {
        /// Courses per worker per year.
        public var courses: Int
        /// Class hours per course: `[least, most]`.
        public var classHours: [Int]
        /// Minutes logged per working day: `[least, most]`.
        public var minutesPerDay: [Int]
        /// The share of working days spent in villages, percent: `[least, most]` per worker.
        public var villagePercent: [Int]
        /// Shortfalls left on purpose, for the compliance checks to find.
        public var gaps: Gaps?

        /// Shortfalls left on purpose.
        public struct Gaps: Hashable, Sendable, Codable {
            /// Workers given too few courses to reach 40 class hours.
            public var underTrained: [String]?
            /// Villages given no liaison.
            public var withoutLiaison: [DivisionCode]?
            /// Workers who spend most days at the station.
            public var mostlyAtStation: [String]?
        }
    }

    /// A batch of gifts a seed reports in total (1,765 gifts, ¥21,116.28): the demo makes that many
    /// gifts summing to the total exactly, spread over the days and purposes given.
    public struct DonationBatch: Hashable, Sendable, Codable {
        /// The receiving station.
        public var station: String
        /// Who gave, by kind.
        public var donorKind: DonorKind
        /// The organisation, when not the public.
        public var donor: String?
        /// Money (default) or goods.
        public var kind: DonationKind?
        /// What the goods were.
        public var goods: String?
        /// How many gifts.
        public var count: Int
        /// Their total, in yuan (shared out at random when `each` is not given).
        public var total: String?
        /// Each gift's amount, in yuan, when they are all the same (41 × ¥2,500).
        public var each: String?
        /// The first day.
        public var from: CivilDate
        /// The last day.
        public var to: CivilDate
        /// The purposes, used in turn.
        public var purposes: [String]
        /// The channel.
        public var channel: String?
        /// Whether they are matching gifts.
        public var matching: Bool?
        /// Where the figures come from.
        public var source: String
    }

    /// How many records of one kind a station makes in the year, and their ranges.
    public struct ServiceVolume: Hashable, Sendable, Codable {
        /// Records per station per year.
        public var records: Int
        /// People per record: `[least, most]`.
        public var people: [Int]
        /// Minutes per record: `[least, most]`.
        public var minutes: [Int]
        /// Whether the work happens in a village (else at the station).
        public var inVillage: Bool?
    }
}

/// The workspace file `yizhan.yaml` at the root of every workspace.
public struct WorkspaceFile: ConfigFile, Hashable, Codable {
    /// The workspace's display name.
    public var name: String
    /// The county it serves.
    public var county: DivisionCode
    /// Where the data lives: `sqlite:PATH`, relative to the workspace.
    public var database: String
    /// Whether `yizhan demo` built it (and may rebuild it).
    public var demo: Bool?
    /// Where the personal-data key is: `file:PATH` (relative to the workspace) or `env:NAME`.
    public var dataKey: String?
    /// The day the workspace stands at, for the demo and archived years: checks, evaluations and
    /// lists take it as today. Absent for a live workspace (today in Shanghai).
    public var asOf: CivilDate?
    /// The approval workflows the county uses (ids of the templates' `approvals:`), if any.
    public var approvals: [String]?
    /// The county's rules for residents' requests (`config/requests/ID.yaml`); the shipped rules
    /// when absent.
    public var requests: String?
    /// How long personal data is kept after a person was last active (`yizhan retention`), if set.
    public var retention: RetentionPolicy?

    public static let shape = ObjectShape([
        .required("name", .text, LocalizedText("工作区名称", en: "workspace name")),
        .required("county", .divisionCode, LocalizedText("所属县区划代码", en: "the county's division code")),
        .required("database", .text, LocalizedText("数据库:sqlite:路径 或 postgres://…", en: "sqlite:PATH or postgres://…")),
        .optional("demo", .boolean, LocalizedText("是否演示工作区", en: "whether it is the demo")),
        .optional(
            "dataKey",
            .text,
            LocalizedText("个人信息密钥:file:路径 或 env:变量名", en: "personal-data key: file:PATH or env:NAME")
        ),
        .optional(
            "asOf",
            .date,
            LocalizedText("工作区所处的日期(演示与归档用;省略为今天)", en: "the day the workspace stands at (demo, archive)")
        ),
        .optional(
            "approvals",
            .list(.identifier),
            LocalizedText(
                "本县使用的审核流程(模板 approvals: 的 id,如 haiyan-month)",
                en: "the approval workflows the county uses (ids from the templates' approvals:)"
            )
        ),
        .optional(
            "requests",
            .identifier,
            LocalizedText(
                "居民诉求的办理规则(config/requests/ 下的文件名,如 haiyan;省略为内置规则)",
                en:
                    "the residents' request rules (a file of config/requests/, e.g. haiyan; the shipped rules if absent)"
            )
        ),
        .optional("retention", retentionShape, retentionSummary),
    ])

    /// The shape of `retention:`, in `yizhan.yaml` and the demo's recipe alike.
    static let retentionShape = Shape.object(
        ObjectShape([
            .optional(
                "clients",
                .integer(1...100),
                LocalizedText(
                    "服务对象:个案全部结束且最后一次服务满几年后删除个人信息",
                    en: "years after a client's last service, once no case is open"
                )
            ),
            .optional(
                "volunteers",
                .integer(1...100),
                LocalizedText(
                    "志愿者:最后一次服务或积分变动满几年后删除个人信息",
                    en: "years after a volunteer's last hours or points"
                )
            ),
        ])
    )

    /// What `retention:` is for, as the schema says it.
    static let retentionSummary = LocalizedText(
        "个人信息保存期限(个人信息保护法第十九条、第四十七条;yizhan retention)",
        en: "how long personal data is kept (PIPL arts. 19, 47; yizhan retention)"
    )

    /// Creates a workspace file.
    public init(
        name: String,
        county: DivisionCode,
        database: String,
        demo: Bool? = nil,
        dataKey: String? = nil,
        asOf: CivilDate? = nil,
        approvals: [String]? = nil,
        requests: String? = nil,
        retention: RetentionPolicy? = nil
    ) {
        self.name = name
        self.county = county
        self.database = database
        self.demo = demo
        self.dataKey = dataKey
        self.asOf = asOf
        self.approvals = approvals
        self.requests = requests
        self.retention = retention
    }
}
