public import YizhanKernel

extension CountySummary {
    /// The summary as a report document: the headline figures seed 000 publishes, a row per station
    /// with totals, the months and the kinds of service, with a chart for each.
    ///
    /// - Parameters:
    ///   - period: the period as asked for, for its name in words.
    ///   - asOf: the day `recordedBy` is the end of, if the figures are as of a past day.
    public func document(in language: Language, period: ReportPeriod, asOf: CivilDate? = nil) -> ReportDocument {
        func resourceFigures(_ figures: Figures) -> [ReportValue] {
            [
                .integer(figures.volunteers), .integer(figures.volunteerTeams), .integer(figures.gifts),
                .money(figures.giftAmount), .integer(figures.publicGifts), .money(figures.publicGiftAmount),
                .money(figures.budget), .money(figures.spent),
            ]
        }
        let zh = language == .zhHans
        let text = language.pick
        let total = totals
        let headline = ReportTable(
            id: "headline",
            title: text("主要指标", "Headline figures"),
            columns: [ReportColumn("figure", text("指标", "figure"), .text), ReportColumn("value", text("数值", "value"))],
            rows: [
                [.text(text("社工站(个)", "stations")), .integer(stations.count)],
                [.text(text("镇(街道)覆盖", "townships covered")), .text("\(coveredTownships)/\(townships)")],
                [.text(text("站点面积(㎡)", "area (m²)")), .integer(total.areaSquareMeters)],
                [.text(text("社工(人)", "workers")), .integer(total.workers)],
                [.text(text("持证社工(人)", "certified workers")), .integer(total.certifiedWorkers)],
                [.text(text("党员(人)", "party members")), .integer(total.partyMembers)],
                [.text(text("服务项目(个)", "programs")), .integer(total.programs)],
                [.text(text("子项目(个)", "sub-projects")), .integer(total.subProjects)],
                [.text(text("服务记录(条)", "service records")), .integer(total.records)],
                [.text(text("服务人次", "service person-times")), .integer(total.personTimes)],
                [.text(text("培训人次", "training person-times")), .integer(total.trainingPersonTimes)],
                [.text(text("志愿者(人)", "volunteers")), .integer(total.volunteers)],
                [.text(text("志愿服务队(支)", "volunteer teams")), .integer(total.volunteerTeams)],
                [.text(text("捐赠(笔)", "gifts")), .integer(total.gifts)],
                [.text(text("捐赠金额", "gifts, amount")), .money(total.giftAmount)],
                [.text(text("公众捐款(笔)", "gifts from the public")), .integer(total.publicGifts)],
                [.text(text("公众捐款金额", "gifts from the public, amount")), .money(total.publicGiftAmount)],
                [.text(text("经费预算", "budget")), .money(total.budget)],
                [.text(text("经费支出", "spent")), .money(total.spent)],
            ]
        )
        func figures(_ figures: Figures) -> [ReportValue] {
            [
                .integer(figures.areaSquareMeters), .integer(figures.workers), .integer(figures.certifiedWorkers),
                .integer(figures.partyMembers), .integer(figures.programs), .integer(figures.subProjects),
                .integer(figures.records), .integer(figures.personTimes), .integer(figures.trainingPersonTimes),
            ]
        }
        let byStation = ReportTable(
            id: "stations",
            title: text("各社工站情况", "Stations"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("township", text("镇(街道)", "township"), .text),
                ReportColumn("areaSquareMeters", text("面积(㎡)", "area (m²)")),
                ReportColumn("workers", text("社工", "workers")),
                ReportColumn("certifiedWorkers", text("持证社工", "certified")),
                ReportColumn("partyMembers", text("党员", "party members")),
                ReportColumn("programs", text("服务项目", "programs")),
                ReportColumn("subProjects", text("子项目", "sub-projects")),
                ReportColumn("records", text("服务记录", "records")),
                ReportColumn("personTimes", text("服务人次", "person-times")),
                ReportColumn("trainingPersonTimes", text("培训人次", "training person-times")),
            ],
            rows: stations.map { row in
                [.text(zh ? row.name : row.station.rawValue), .text(row.township)] + figures(row.figures)
            },
            totals: [.text(text("合计", "Total")), .empty] + figures(total)
        )
        let resources = ReportTable(
            id: "resources",
            title: text("各社工站志愿、捐赠与经费", "Volunteers, gifts and funds by station"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("volunteers", text("志愿者", "volunteers")),
                ReportColumn("volunteerTeams", text("志愿服务队", "teams")),
                ReportColumn("gifts", text("捐赠笔数", "gifts")),
                ReportColumn("giftAmount", text("捐赠金额", "amount"), .money),
                ReportColumn("publicGifts", text("公众捐款笔数", "public gifts")),
                ReportColumn("publicGiftAmount", text("公众捐款金额", "public amount"), .money),
                ReportColumn("budget", text("经费预算", "budget"), .money),
                ReportColumn("spent", text("经费支出", "spent"), .money),
            ],
            rows: stations.map { row in [.text(zh ? row.name : row.station.rawValue)] + resourceFigures(row.figures) },
            totals: [.text(text("合计", "Total"))] + resourceFigures(total)
        )
        let code = county.significantPrefix
        return ReportDocument(
            kind: .countySummary,
            language: language,
            title: text("\(countyName)社会工作站建设情况汇总", "\(countyName): social work stations, summary for the city"),
            subtitle: text(
                "\(period.label(in: language)) · 区划代码 \(code) · \(stations.count) 个社工站",
                "\(period.label(in: language)) · division \(code) · \(stations.count) stations"
            ),
            period: self.period,
            asOf: asOf,
            sections: [
                ReportSection(id: "headline", title: text("概况", "Overview"), blocks: [.table(headline)]),
                ReportSection(
                    id: "stations",
                    title: text("各社工站", "By station"),
                    note: text(
                        "服务人次:每条记录的具名服务对象数,无名单时按到场人数;培训人次另计(种子 000 §二.一)。",
                        "Person-times: each record counts its named clients, or its head-count when unnamed; trainings are counted apart (seed 000 §2.1)."
                    ),
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "person-times-by-station",
                                title: text("各社工站服务人次", "Person-times by station"),
                                style: .bars,
                                table: "stations",
                                labelColumn: "station",
                                valueColumn: "personTimes"
                            )
                        ),
                        .table(byStation),
                    ]
                ),
                ServiceMonthRow.section(months, in: language),
                ServiceKindRow.section(kinds, in: language),
                ReportSection(
                    id: "resources",
                    title: text("志愿、捐赠与经费", "Volunteers, gifts and funds"),
                    note: text(
                        "捐赠按收到日期计入时间段,物资按价值计;公众捐款即个人捐款(种子 000 §三.三)。志愿者按期末已登记人数,经费按时间段所在年度的预算科目及其支出。",
                        "Gifts count by the day received, goods at their value; public gifts are individuals' (seed 000 §3.3). Volunteers are those registered by the period's end; funds are the budget lines of the period's years and their spending."
                    ),
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "gifts-by-station",
                                title: text("各社工站捐赠金额", "Gifts by station"),
                                style: .bars,
                                table: "resources",
                                labelColumn: "station",
                                valueColumn: "giftAmount"
                            )
                        ),
                        .table(resources), .table(DonorRow.table(donors, in: language)),
                        .table(FundSourceRow.table(fundSources, in: language)),
                    ]
                ),
            ] + pluginSection(in: language) + approvalSection(in: language)
                + (requestRates.map { [$0.section(in: language)] } ?? [])
        )
    }

    /// The brand plugins' indicators, a row per station and indicator; none when no plugin serves a station.
    private func pluginSection(in language: Language) -> [ReportSection] {
        let rows = plugins.flatMap { figures in
            figures.entries.flatMap { entry in
                entry.indicators.map { value -> [ReportValue] in
                    [
                        .text(language == .zhHans ? figures.station.name : figures.station.id.rawValue),
                        .text(entry.manifest.name), .text(value.name.text(in: language)),
                        .text(value.unit.text(in: language)), .integer(value.value),
                    ]
                }
            }
        }
        guard !rows.isEmpty else { return [] }
        let zh = language == .zhHans
        let table = ReportTable(
            id: "plugin-indicators",
            title: zh ? "品牌工作法指标" : "Brand methods' indicators",
            columns: [
                ReportColumn("station", zh ? "社工站" : "station", .text),
                ReportColumn("plugin", zh ? "品牌" : "brand", .text),
                ReportColumn("indicator", zh ? "指标" : "indicator", .text),
                ReportColumn("unit", zh ? "单位" : "unit", .text), ReportColumn("value", zh ? "数值" : "value"),
            ],
            rows: rows
        )
        return [
            ReportSection(
                id: "plugins",
                title: zh ? "一站一品" : "One station, one brand",
                note: zh ? "由各社工站的品牌插件按记录计算。" : "Computed from the records by each station's brand plugin.",
                blocks: [.table(table)]
            )
        ]
    }
}
