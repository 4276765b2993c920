import YizhanKernel

extension CountySummary {
    /// The stations' approval states as a section: a row per station with its state, whether it is
    /// counted, and the digests that prove which figures were approved; none when not asked for.
    func approvalSection(in language: Language) -> [ReportSection] {
        guard let approval else { return [] }
        let text = language.pick
        let names = Dictionary(stations.map { ($0.station, $0.name) }, uniquingKeysWith: { first, _ in first })
        let table = ReportTable(
            id: "approvals",
            title: text("审核状态", "Approval states"),
            columns: [
                ReportColumn("station", text("社工站", "station"), .text),
                ReportColumn("stationId", text("标识", "id"), .text),
                ReportColumn("state", text("状态", "state"), .text),
                ReportColumn("counted", text("计入本表", "counted"), .text),
                ReportColumn("digest", text("数据摘要", "figures digest"), .text),
                ReportColumn("approvedDigest", text("审核时摘要", "digest when approved"), .text),
                ReportColumn("matches", text("与审核一致", "matches approval"), .text),
            ],
            rows: approval.rows.map { row in
                let matches: String =
                    switch row.matchesApproval {
                    case true?: text("一致", "yes")
                    case false?: text("不一致", "no")
                    case nil: "—"
                    }
                return [
                    .text(language == .zhHans ? names[row.station] ?? row.station.rawValue : row.station.rawValue),
                    .text(row.station.rawValue), .text(row.state.label(in: language)),
                    .text(row.counted ? text("计入", "yes") : text("未计入(未审核)", "no (not approved)")),
                    .text(row.digest), .text(row.approvedDigest ?? "—"), .text(matches),
                ]
            }
        )
        let missing = approval.rows.filter { !$0.counted }.count
        let note =
            approval.approvedOnly
            ? text(
                "\(approval.workflowName)(\(approval.workflow))\(approval.period):仅计入已审核或已接收的社工站的服务记录、捐赠与支出;\(missing) 站未计入。摘要为各站该期间数据的 SHA-256,与审核事件中的摘要一致即证明所计为审核时的数据。",
                "\(approval.workflowName) (\(approval.workflow)) \(approval.period): only approved or accepted stations' records, gifts and expenses are counted; \(missing) stations are missing. Each digest is the SHA-256 of the station's figures; one equal to the approval event's proves these are the approved figures."
            )
            : text(
                "\(approval.workflowName)(\(approval.workflow))\(approval.period)各站的审核状态;摘要为各站该期间数据的 SHA-256。",
                "Each station's state in \(approval.workflowName) (\(approval.workflow)) \(approval.period); digests are SHA-256 of the station's figures."
            )
        return [ReportSection(id: "approvals", title: text("逐级审核", "Approval"), note: note, blocks: [.table(table)])]
    }

    /// The approval states as terminal lines; none when not asked for.
    func approvalText(in language: Language) -> [String] {
        guard let approval else { return [] }
        let zh = language == .zhHans
        var table = TextTable(
            columns: [
                .init(zh ? "社工站" : "station"), .init(zh ? "状态" : "state"), .init(zh ? "计入" : "counted"),
                .init(zh ? "数据摘要" : "digest"), .init(zh ? "与审核一致" : "matches"),
            ]
        )
        let names = Dictionary(stations.map { ($0.station, $0.name) }, uniquingKeysWith: { first, _ in first })
        for row in approval.rows {
            let matches: String =
                switch row.matchesApproval {
                case true?: zh ? "一致" : "yes"
                case false?: zh ? "不一致" : "no"
                case nil: "—"
                }
            table.append([
                zh ? names[row.station] ?? row.station.rawValue : row.station.rawValue, row.state.label(in: language),
                row.counted ? (zh ? "计入" : "yes") : (zh ? "未计入" : "no"), String(row.digest.prefix(16)), matches,
            ])
        }
        let title =
            zh
            ? "审核状态:\(approval.workflowName) \(approval.period)\(approval.approvedOnly ? "(仅计入已审核)" : "")"
            : "Approval: \(approval.workflowName) \(approval.period)\(approval.approvedOnly ? " (approved only)" : "")"
        return ["", title, table.render()]
    }
}
