import Foundation

/// A write refused because the day it carries falls in a period its station has submitted: a
/// service, a gift or an expense dated in a locked period (issue 25.3). Every store raises it from
/// the one place each such row is written, so no path (command, import, server) can bypass it.
public struct PeriodLockedError: Error, Hashable, Sendable, UserFacingError {
    /// What was to be written.
    public var data: ApprovedData
    /// The day it carries.
    public var day: CivilDate
    /// The state that locks it.
    public var approval: Approval

    /// Creates the error.
    public init(data: ApprovedData, day: CivilDate, approval: Approval) {
        self.data = data
        self.day = day
        self.approval = approval
    }

    /// Names the period, its state, who holds it, and how to ask for a return.
    public func message(in language: Language) -> String {
        let period = approval.period
        let who = approval.lastActor?.rawValue ?? "—"
        let when = approval.lastStepAt.map { CivilDate(shanghaiDayOf: $0.timeIntervalSince1970).description } ?? "—"
        let holder =
            switch (approval.state, language) {
            case (.accepted, .zhHans): "市级重新开放"
            case (.approved, .zhHans): "县级撤销审核并退回(或市级退回)"
            case (_, .zhHans): "县级退回"
            case (.accepted, .en): "the city to reopen it"
            case (.approved, .en): "the county to unapprove and return it (or the city to return it)"
            case (_, .en): "the county to return it"
            }
        let command =
            "yizhan approval \(approval.state == .accepted ? "reopen" : "return") --workflow \(approval.workflow) "
            + "--period \(period) --station \(approval.station) --reason …"
        switch language {
        case .zhHans:
            return """
                \(approval.station) 的 \(period.label(in: .zhHans))\(data.label(in: .zhHans))已锁定(\(approval.workflow):\
                \(approval.state.label(in: .zhHans)),\(who) 于 \(when)),\(day) 的\(data.label(in: .zhHans))不能录入或更正,\
                未写入任何数据。如需更正,请\(holder)后再录入:\(command)
                """
        case .en:
            return """
                \(approval.station)'s \(data.label(in: .en)) of \(period) are locked (\(approval.workflow): \
                \(approval.state.label(in: .en)) by \(who) on \(when)); nothing dated \(day) can be recorded or \
                corrected, nothing was written. Ask \(holder) first: \(command)
                """
        }
    }
}
