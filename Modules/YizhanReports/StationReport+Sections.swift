import YizhanKernel

extension StationReport {
    /// The sections after the services: indicators, clients, cases, volunteers, gifts and funds.
    func resourceSections(in language: Language) -> [ReportSection] {
        let text = language.pick
        let total = text("合计", "Total")
        let indicatorTable = ReportTable(
            id: "indicators",
            title: text("指标目标与实际", "Indicators: target and actual"),
            columns: [
                ReportColumn("indicator", text("指标", "indicator"), .text),
                ReportColumn("unit", text("单位", "unit"), .text), ReportColumn("target", text("目标", "target"), .text),
                ReportColumn("actual", text("实际", "actual")), ReportColumn("outcome", text("结果", "result"), .text),
                ReportColumn("source", text("依据", "source"), .text),
            ],
            rows: indicators.map { row in
                [
                    .text(row.indicator.name), row.indicator.unit.map(ReportValue.text) ?? .empty, .text(row.target),
                    row.actual.map(ReportValue.integer) ?? .empty, .text(row.outcome.label(in: language)),
                    row.indicator.source.map(ReportValue.text) ?? .empty,
                ]
            }
        )
        let clientTable = ReportTable(
            id: "clients",
            title: text("服务对象类别", "Clients by category"),
            columns: [
                ReportColumn("category", text("类别", "category"), .text),
                ReportColumn("records", text("服务记录", "records")),
                ReportColumn("personTimes", text("服务人次", "person-times")),
                ReportColumn("clients", text("服务对象(人)", "clients")),
            ],
            rows: clientCategories.map { row in
                let name: String =
                    switch row.group {
                    case .category(let category):
                        station.clientCategoryNames[category.rawValue] ?? category.label(in: language)
                    case .uncategorised: text("具名,未分类", "named, no category")
                    case .unnamed: text("未具名(按到场人数)", "unnamed (head-counts)")
                    }
                return [.text(name), .integer(row.records), .integer(row.personTimes), .integer(row.clients)]
            }
        )
        let caseTable = ReportTable(
            id: "cases",
            title: text("个案阶段", "Cases by stage"),
            columns: [ReportColumn("stage", text("阶段", "stage"), .text), ReportColumn("cases", text("个案", "cases"))],
            rows: CaseStage.allCases.map { stage in
                [
                    .text(stage.label(in: language)),
                    .integer(cases.filter { $0.stage == stage }.reduce(0) { $0 + $1.cases }),
                ]
            },
            totals: [.text(total), .integer(cases.reduce(0) { $0 + $1.cases })]
        )
        let volunteers = volunteering
        let volunteerTable = ReportTable(
            id: "volunteering",
            title: text("志愿服务与积分", "Volunteering and points"),
            columns: [ReportColumn("figure", text("指标", "figure"), .text), ReportColumn("value", text("数值", "value"))],
            rows: [
                [.text(text("志愿者(人)", "volunteers")), .integer(volunteers?.volunteers ?? 0)],
                [.text(text("志愿服务队(支)", "teams")), .integer(volunteers?.teams ?? 0)],
                [.text(text("志愿活动(场)", "activities")), .integer(volunteers?.activities ?? 0)],
                [.text(text("参与(人次)", "attendances")), .integer(volunteers?.attendances ?? 0)],
                [.text(text("服务时长(分钟)", "minutes")), .integer(volunteers?.minutes ?? 0)],
                [.text(text("获得积分", "points earned")), .integer(volunteers?.pointsEarned ?? 0)],
                [.text(text("兑换积分", "points redeemed")), .integer(volunteers?.pointsRedeemed ?? 0)],
                [.text(text("过期积分", "points expired")), .integer(volunteers?.pointsExpired ?? 0)],
            ]
        )
        let giftTable = ReportTable(
            id: "donations",
            title: text("捐赠与资源", "Gifts and resources"),
            columns: [
                ReportColumn("donorKind", text("捐赠方", "donor"), .text),
                ReportColumn("kind", text("类型", "kind"), .text), ReportColumn("channel", text("渠道", "channel"), .text),
                ReportColumn("purpose", text("项目或用途", "purpose"), .text),
                ReportColumn("gifts", text("笔数", "gifts")), ReportColumn("amount", text("金额", "amount"), .money),
            ],
            rows: donations.map { row in
                [
                    .text(row.donorKind.label(in: language)),
                    .text(row.kind.label(in: language) + (row.isMatching ? text("(配捐)", " (matching)") : "")),
                    row.channel.map(ReportValue.text) ?? .empty, row.purpose.map(ReportValue.text) ?? .empty,
                    .integer(row.gifts), .money(row.amount),
                ]
            },
            totals: [
                .text(total), .empty, .empty, .empty, .integer(donations.reduce(0) { $0 + $1.gifts }),
                .money(Fen(donations.reduce(0) { $0 + $1.amount.value })),
            ]
        )
        let resourceTable = ReportTable(
            id: "resources",
            title: text("资源地图", "The resource map"),
            columns: [ReportColumn("kind", text("资源", "resource"), .text), ReportColumn("count", text("数量", "count"))],
            rows: resources.map { [.text($0.kind.label(in: language)), .integer($0.count)] }
        )
        let budgeted = budget.reduce(Int64(0)) { $0 + $1.line.amount.value }
        let spent = budget.reduce(Int64(0)) { $0 + $1.spent.value }
        let fundTable = ReportTable(
            id: "funds",
            title: text("经费预算与支出", "Funds: budget and spending"),
            columns: [
                ReportColumn("line", text("预算科目", "budget line"), .text),
                ReportColumn("category", text("用途", "category"), .text),
                ReportColumn("source", text("来源", "source"), .text),
                ReportColumn("budget", text("预算", "budget"), .money),
                ReportColumn("spent", text("支出", "spent"), .money),
                ReportColumn("balance", text("余额", "balance"), .money),
                ReportColumn("execution", text("执行率", "spent share"), .text),
            ],
            rows: budget.map { row in
                [
                    .text(row.line.name), .text(row.line.category.label(in: language)),
                    .text(row.line.source.label(in: language)), .money(row.line.amount), .money(row.spent),
                    .money(Fen(row.line.amount.value - row.spent.value)),
                    .text(Self.percent(row.spent.value, of: row.line.amount.value)),
                ]
            },
            totals: [
                .text(total), .empty, .empty, .money(Fen(budgeted)), .money(Fen(spent)), .money(Fen(budgeted - spent)),
                .text(Self.percent(spent, of: budgeted)),
            ]
        )
        return [
            ReportSection(
                id: "indicators",
                title: text("指标", "Indicators"),
                note: text(
                    "目标来自模板与本站的调整;年度目标只在整年的报告中判断是否达标。",
                    "Targets come from the template and the station's overrides; a yearly target is judged only on a whole-year report."
                ),
                blocks: [.table(indicatorTable)]
            ),
            ReportSection(
                id: "clients",
                title: text("服务对象", "Clients"),
                note: text(
                    "培训不计;同属两个类别的服务对象在两类中各计一次,故各类之和可大于服务人次。",
                    "Trainings are left out; a client in two categories counts in both, so the rows may add up to more than the person-times."
                ),
                blocks: [.table(clientTable), .table(caseTable)]
            ),
            ReportSection(
                id: "resources",
                title: text("志愿、捐赠与经费", "Volunteers, gifts and funds"),
                note: text(
                    "捐赠按收到日期计入,物资按价值计;资源地图为各村(社区)现有的场地、企业、商户、单位、社会组织、志愿者、慈善基金与待认领微心愿(种子 000 §三.三);经费按时间段所在年度的预算科目及其全部支出。",
                    "Gifts count by the day received, goods at their value; the resource map is what the villages hold now (seed 000 §3.3); funds are the budget lines of the period's years and all their spending."
                ),
                blocks: [.table(volunteerTable), .table(giftTable), .table(resourceTable), .table(fundTable)]
            ),
        ]
    }

    /// `spent` as a share of `budget` with one decimal, e.g. `91.8%`; `—` for no budget.
    static func percent(_ spent: Int64, of budget: Int64) -> String {
        guard budget > 0 else { return "—" }
        let tenths = (spent * 1_000 + budget / 2) / budget
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
