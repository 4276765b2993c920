public import YizhanKernel

/// Why an approval step, or a question about one, was refused; nothing was written.
public enum ApprovalError: Error, Hashable, Sendable, UserFacingError {
    /// No workflow has the id (or none was named and there are several).
    case unknownWorkflow(String?, known: [String])
    /// The step is not allowed from the period's state in this workflow.
    case notAllowed(ApprovalAction, state: ApprovalState, allowed: [ApprovalAction])
    /// The principal holds no grant of the level the step needs at the station.
    case wrongLevel(ApprovalAction, needs: ApprovalLevel)
    /// A return or a reopen without a reason.
    case reasonRequired(ApprovalAction)
    /// The period has not begun yet.
    case futurePeriod(ApprovalPeriod, today: CivilDate)
    /// Someone else took a step on the period first.
    case movedOn(ApprovalAction, now: ApprovalState, by: Actor?)

    /// The message in `language`, with what to do.
    public func message(in language: Language) -> String {
        let zh = language == .zhHans
        switch self {
        case .unknownWorkflow(let id, let known):
            guard !known.isEmpty else {
                return zh
                    ? "本工作区未启用审核流程:在 yizhan.yaml 中写明 approvals: [haiyan-month, haiyan-year](流程定义在模板的 approvals: 下)"
                    : "this workspace uses no approval workflow: add approvals: [haiyan-month, haiyan-year] to yizhan.yaml"
            }
            let list = known.joined(separator: "、")
            if let id {
                return zh
                    ? "未知的审核流程 \(id);可用的流程:\(list)(模板的 approvals:)"
                    : "unknown approval workflow \(id); workflows: \(list) (the template's approvals:)"
            }
            return zh ? "请用 --workflow 指明审核流程:\(list)" : "name the workflow with --workflow: \(list)"
        case .notAllowed(let action, let state, let allowed):
            let next = allowed.map { $0.label(in: language) }.joined(separator: "、")
            return zh
                ? "当前状态为\(state.label(in: .zhHans)),不能\(action.label(in: .zhHans)),未写入任何数据;此状态下可以:\(next.isEmpty ? "(无)" : next)"
                : "the period is \(state.label(in: .en)): it cannot be \(action.label(in: .en))ed, nothing was written; "
                    + "allowed now: \(next.isEmpty ? "(nothing)" : next)"
        case .wrongLevel(let action, let level):
            let role =
                level == .station
                ? (zh ? "本站站长(stationHead@站点)" : "the station's head (stationHead@STATION)")
                : level == .county
                    ? (zh ? "县级管理员(countyAdmin@6 位县代码)" : "a county admin (countyAdmin@COUNTY)")
                    : (zh ? "市级账号(countyAdmin@4 位市代码)" : "a city grant (countyAdmin@CITY)")
            return zh
                ? "\(action.label(in: .zhHans))须由\(level.label(in: .zhHans))进行:需要\(role)的授权,未写入任何数据"
                : "only the \(level.label(in: .en)) may \(action.label(in: .en)): it needs \(role); nothing was written"
        case .reasonRequired(let action):
            return zh
                ? "\(action.label(in: .zhHans))须写明原因(--reason),原因会退给社工站并留在历史中,未写入任何数据"
                : "\(action.label(in: .en)) needs a reason (--reason), which goes back to the station; nothing was written"
        case .futurePeriod(let period, let today):
            return zh
                ? "\(period.label(in: .zhHans))尚未开始(今天 \(today)),不能提交或审核"
                : "\(period) has not begun (today is \(today))"
        case .movedOn(let action, let state, let actor):
            return zh
                ? "\(action.label(in: .zhHans))未执行:该期间刚被 \(actor?.rawValue ?? "他人") 处理,现为\(state.label(in: .zhHans)),未写入任何数据;请查看 approval status 后重试"
                : "not \(action.label(in: .en))ed: \(actor?.rawValue ?? "someone") moved the period on first; it is "
                    + "\(state.label(in: .en)) now, nothing was written; check approval status and retry"
        }
    }
}
