public import YizhanKernel

extension StationReport {
    /// The report as a document: overview, sub-projects, months and kinds of service, indicators,
    /// clients and cases, volunteers, gifts and funds.
    public func document(in language: Language, period: ReportPeriod, asOf: CivilDate? = nil) -> ReportDocument {
        let text = language.pick
        let headline = ReportTable(
            id: "headline",
            title: text("主要指标", "Headline figures"),
            columns: [ReportColumn("figure", text("指标", "figure"), .text), ReportColumn("value", text("数值", "value"))],
            rows: [
                [.text(text("镇(街道)", "township")), .text(township)],
                [.text(text("品牌", "brand")), station.brandName.map(ReportValue.text) ?? .empty],
                [.text(text("站点面积(㎡)", "area (m²)")), .integer(station.areaSquareMeters)],
                [.text(text("社工(人)", "workers")), .integer(tally.workers)],
                [.text(text("持证社工(人)", "certified workers")), .integer(tally.certifiedWorkers)],
                [.text(text("党员(人)", "party members")), .integer(tally.partyMembers)],
                [.text(text("服务项目(个)", "programs")), .integer(tally.programs)],
                [.text(text("子项目(个)", "sub-projects")), .integer(tally.subProjects)],
                [.text(text("服务记录(条)", "service records")), .integer(total.records)],
                [.text(text("服务人次", "service person-times")), .integer(total.personTimes)],
                [.text(text("培训人次", "training person-times")), .integer(total.trainingPersonTimes)],
                [.text(text("服务时长(分钟)", "minutes of service")), .integer(total.durationMinutes)],
            ]
        )
        let unassigned = text("未归入子项目", "under no sub-project")
        let portfolio = ReportTable(
            id: "subprojects",
            title: text("服务项目与子项目", "Programs and sub-projects"),
            columns: [
                ReportColumn("program", text("服务项目", "program"), .text),
                ReportColumn("subProject", text("子项目", "sub-project"), .text),
                ReportColumn("slot", text("类别", "slot"), .text),
                ReportColumn("records", text("服务记录", "records")),
                ReportColumn("personTimes", text("服务人次", "person-times")),
                ReportColumn("trainingPersonTimes", text("培训人次", "training person-times")),
            ],
            rows: subProjects.map { row in
                let name = row.subProject.map { $0 + (row.isRetired ? text("(已停用)", " (retired)") : "") } ?? unassigned
                return [
                    row.program.map(ReportValue.text) ?? .empty, .text(name),
                    row.slot.map { .text($0.label(in: language)) } ?? .empty, .integer(row.records),
                    .integer(row.personTimes), .integer(row.trainingPersonTimes),
                ]
            },
            totals: [
                .text(text("合计", "Total")), .empty, .empty, .integer(subProjects.reduce(0) { $0 + $1.records }),
                .integer(subProjects.reduce(0) { $0 + $1.personTimes }),
                .integer(subProjects.reduce(0) { $0 + $1.trainingPersonTimes }),
            ]
        )
        return ReportDocument(
            kind: .stationAnnual,
            language: language,
            title: text(
                "\(station.name)\(period.label(in: language))工作报告",
                "\(station.name): work report, \(period.label(in: language))"
            ),
            subtitle: text(
                "\(township) · \(self.period.start) 至 \(self.period.end)",
                "\(township) · \(self.period.start) to \(self.period.end)"
            ),
            period: self.period,
            asOf: asOf,
            sections: [
                ReportSection(id: "headline", title: text("概况", "Overview"), blocks: [.table(headline)]),
                ReportSection(
                    id: "subprojects",
                    title: text("服务项目", "Programs"),
                    note: text(
                        "按“123N”类别排列;服务人次按具名服务对象数或到场人数计,培训人次另计。",
                        "In the template's slot order; person-times count named clients or the head-count, trainings apart."
                    ),
                    blocks: [
                        .chart(
                            ReportChart(
                                id: "person-times-by-subproject",
                                title: text("各子项目服务人次", "Person-times by sub-project"),
                                style: .bars,
                                table: "subprojects",
                                labelColumn: "subProject",
                                valueColumn: "personTimes"
                            )
                        ),
                        .table(portfolio),
                    ]
                ),
                ServiceMonthRow.section(months, in: language),
                ServiceKindRow.section(kinds, in: language),
            ] + resourceSections(in: language) + plugins.reportSections(in: language)
        )
    }
}
