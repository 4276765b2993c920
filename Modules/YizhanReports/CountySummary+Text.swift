public import YizhanKernel

extension CountySummary {
    /// The summary as terminal text: a headline, a table by station, a table by kind of service.
    public func renderText(in language: Language) -> String {
        let zh = language == .zhHans
        let total = totals
        var lines: [String] = []
        lines.append(
            zh
                ? "\(countyName)(\(county.significantPrefix))社会工作站汇总 \(period.start) 至 \(period.end)"
                : "\(countyName) (\(county.significantPrefix)) social work stations, \(period.start) to \(period.end)"
        )
        lines.append("")
        let figures: [(String, String, String)] = [
            ("社工站", "stations", "\(stations.count)"),
            ("镇(街道)覆盖", "township coverage", "\(coveredTownships)/\(townships)"),
            ("站点面积(㎡)", "area (m²)", groupedDigits(total.areaSquareMeters)),
            ("社工", "workers", "\(total.workers)"),
            ("持证社工", "certified", "\(total.certifiedWorkers)"),
            ("党员", "party members", "\(total.partyMembers)"),
            ("服务项目", "programs", "\(total.programs)"),
            ("子项目", "sub-projects", "\(total.subProjects)"),
            ("服务记录", "service records", groupedDigits(total.records)),
            ("服务人次", "person-times", groupedDigits(total.personTimes)),
            ("培训人次", "training person-times", groupedDigits(total.trainingPersonTimes)),
            ("志愿者", "volunteers", groupedDigits(total.volunteers)),
            ("志愿服务队", "volunteer teams", groupedDigits(total.volunteerTeams)),
            ("捐赠(笔)", "gifts", groupedDigits(total.gifts)),
            ("捐赠金额", "gifts, amount", total.giftAmount.description),
            ("公众捐款(笔)", "gifts from the public", groupedDigits(total.publicGifts)),
            ("公众捐款金额", "from the public, amount", total.publicGiftAmount.description),
            ("经费预算", "budget", total.budget.description),
            ("经费支出", "spent", total.spent.description),
        ]
        var headline = TextTable(columns: [.init(zh ? "指标" : "figure"), .init(zh ? "数值" : "value", alignment: .right)])
        for (zhLabel, enLabel, value) in figures { headline.append([zh ? zhLabel : enLabel, value]) }
        lines.append(headline.render())
        lines.append("")

        lines.append(zh ? "按社工站" : "By station")
        var byStation = TextTable(
            columns: [
                .init(zh ? "社工站" : "station"), .init(zh ? "镇(街道)" : "township"),
                .init(zh ? "面积" : "m²", alignment: .right), .init(zh ? "社工" : "workers", alignment: .right),
                .init(zh ? "持证" : "certified", alignment: .right), .init(zh ? "党员" : "party", alignment: .right),
                .init(zh ? "项目" : "programs", alignment: .right), .init(zh ? "子项目" : "sub-projects", alignment: .right),
                .init(zh ? "服务人次" : "person-times", alignment: .right),
                .init(zh ? "培训人次" : "training", alignment: .right),
            ]
        )
        func cells(_ figures: Figures) -> [String] {
            [
                groupedDigits(figures.areaSquareMeters), "\(figures.workers)", "\(figures.certifiedWorkers)",
                "\(figures.partyMembers)", "\(figures.programs)", "\(figures.subProjects)",
                groupedDigits(figures.personTimes), groupedDigits(figures.trainingPersonTimes),
            ]
        }
        for row in stations {
            byStation.append([zh ? row.name : row.station.rawValue, row.township] + cells(row.figures))
        }
        byStation.appendSeparator()
        byStation.append([zh ? "合计" : "total", ""] + cells(total))
        lines.append(byStation.render())
        lines.append("")

        lines.append(zh ? "按服务类型" : "By kind of service")
        var byKind = TextTable(
            columns: [
                .init(zh ? "类型" : "kind"), .init(zh ? "记录" : "records", alignment: .right),
                .init(zh ? "服务人次" : "person-times", alignment: .right),
                .init(zh ? "培训人次" : "training", alignment: .right), .init(zh ? "时长(小时)" : "hours", alignment: .right),
            ]
        )
        for row in kinds {
            byKind.append([
                row.kind.label(in: language), groupedDigits(row.records), groupedDigits(row.personTimes),
                groupedDigits(row.trainingPersonTimes), groupedDigits(row.durationMinutes / 60),
            ])
        }
        lines.append(byKind.render())
        if !fundSources.isEmpty {
            lines.append("")
            lines.append(zh ? "经费来源" : "Funds by source")
            var bySource = TextTable(
                columns: [
                    .init(zh ? "来源" : "source"), .init(zh ? "类别" : "category"),
                    .init(zh ? "预算" : "budget", alignment: .right), .init(zh ? "支出" : "spent", alignment: .right),
                ]
            )
            for row in fundSources {
                bySource.append([
                    row.source.label(in: language), row.category.label(in: language), row.budget.description,
                    row.spent.description,
                ])
            }
            lines.append(bySource.render())
        }
        let branded = plugins.filter { !$0.entries.isEmpty }
        if !branded.isEmpty {
            lines.append("")
            lines.append(zh ? "品牌工作法指标(品牌插件按记录计算)" : "Brand indicators (computed by the brand plugins)")
            var byBrand = TextTable(
                columns: [
                    .init(zh ? "社工站" : "station"), .init(zh ? "指标" : "indicator"),
                    .init(zh ? "数值" : "value", alignment: .right), .init(zh ? "单位" : "unit"),
                ]
            )
            for figures in branded {
                for entry in figures.entries {
                    for value in entry.indicators {
                        byBrand.append([
                            zh ? figures.station.name : figures.station.id.rawValue, value.name.text(in: language),
                            groupedDigits(value.value), value.unit.text(in: language),
                        ])
                    }
                }
            }
            lines.append(byBrand.render())
        }
        lines += approvalText(in: language)
        return lines.joined(separator: "\n")
    }
}
