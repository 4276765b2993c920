public import YizhanKernel

/// A report that cannot be made from what the store holds or from the options given.
public struct ReportError: Error, Hashable, Sendable, UserFacingError {
    /// The message in both languages.
    public var detail: LocalizedText

    /// The county is not registered in the workspace.
    public static func unknownCounty(_ code: DivisionCode) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "工作区中没有区划代码为 \(code) 的县;请检查 yizhan.yaml 的 county,或先运行 yizhan demo",
                en: "the workspace has no county \(code); check county in yizhan.yaml, or run yizhan demo first"
            )
        )
    }

    /// The station is not registered in the workspace.
    public static func unknownStation(_ id: String) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "工作区中没有社工站 \(id);可用 yizhan station list 查看社工站标识",
                en: "the workspace has no station \(id); yizhan station list shows the stations' ids"
            )
        )
    }

    /// `--approved-only` or `--workflow` with a period that is not one of the workflows'.
    public static func notAnApprovalPeriod(_ choices: [ApprovalWorkflow]) -> ReportError {
        let zh = choices.map { "\($0.id)(\($0.periodType.label(in: .zhHans)))" }.joined(separator: "、")
        let en = choices.map { "\($0.id) (\($0.periodType.label(in: .en)))" }.joined(separator: ", ")
        return ReportError(
            detail: LocalizedText(
                "--approved-only 与 --workflow 须按审核期间出表:--period 写成流程的一期(如月度 2021-11、年度 2021);可用流程:\(zh.isEmpty ? "(无,见 yizhan.yaml 的 approvals:)" : zh)",
                en:
                    "--approved-only and --workflow need --period to be one period of the workflow (2021-11 monthly, 2021 yearly); workflows: \(en.isEmpty ? "(none, see approvals: in yizhan.yaml)" : en)"
            )
        )
    }

    /// The scope holds no station.
    public static func noStations(_ scope: String) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "\(scope) 范围内没有社工站;可用 yizhan station list 查看社工站与区划",
                en: "there are no stations in \(scope); yizhan station list shows the stations"
            )
        )
    }

    /// The volunteer is not registered in the workspace.
    public static func unknownVolunteer(_ id: String) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "工作区中没有志愿者 \(id);可用 yizhan volunteer list 查看志愿者编号",
                en: "the workspace has no volunteer \(id); yizhan volunteer list shows their ids"
            )
        )
    }

    /// A `--period` that is not one of the accepted spellings.
    public static func badPeriod(_ text: String) -> ReportError {
        ReportError(
            detail: LocalizedText(
                "无法识别的时间段 “\(text)”;应为 2021、2021-H1、2021-Q3、2021-11 或 2021-03-01..2021-09-30",
                en:
                    "cannot read the period “\(text)”; expected 2021, 2021-H1, 2021-Q3, 2021-11 or 2021-03-01..2021-09-30"
            )
        )
    }

    /// A CSV `--table` the report does not have.
    public static func unknownTable(_ id: String, available: [String]) -> ReportError {
        let list = available.joined(separator: ", ")
        return ReportError(
            detail: LocalizedText(
                "报表中没有表格 “\(id)”;可选:\(list)",
                en: "the report has no table “\(id)”; choose one of: \(list)"
            )
        )
    }

    /// The message in the reader's language.
    public func message(in language: Language) -> String { detail.text(in: language) }
}
