public import Foundation
public import YizhanKernel

/// The day's approval reminders (issue 25.5): `approval.overdue` for a period still open after its
/// deadline, `approval.pending` for a submission the county has not approved within the
/// workflow's days. Each goes out once per key, recorded with its event as evaluations' do; the
/// notifier delivers them to the station's and the county's chat groups.
public enum ApprovalReminders {
    /// How many periods back the latest passed deadline is looked for (a year's falls before
    /// its period ends; a month's in the next month).
    static let periodsBack = 3

    /// Raises the reminders due on `day` for the stations of `county` and returns their events.
    public static func raise(
        store: any StationStore,
        workflows: [ApprovalWorkflow],
        county: DivisionCode,
        on day: CivilDate,
        actor: Actor,
        at instant: Date
    ) async throws -> [DomainEvent] {
        let stations = try await store.stations(in: .within(county))
        var candidates: [(key: String, event: DomainEvent)] = []
        for workflow in workflows {
            // The current period back to the latest one whose deadline has passed: earlier ones
            // were reminded on their own days (the command runs daily), so a first run is no flood.
            var periods: [ApprovalPeriod] = []
            var candidate = ApprovalPeriod(containing: day, type: workflow.periodType)
            for _ in 0..<periodsBack {
                periods.append(candidate)
                if workflow.dueDay(of: candidate) < day { break }
                candidate = candidate.previous
            }
            for period in periods {
                let due = workflow.dueDay(of: period)
                let stored = Dictionary(
                    try await store.approvals(workflow: workflow.id, period: period, in: .within(county)).map {
                        ($0.station, $0)
                    },
                    uniquingKeysWith: { first, _ in first }
                )
                for station in stations {
                    let approval = stored[station.id] ?? .untouched(workflow, period: period, station: station.id)
                    if approval.state == .open, day > due {
                        // A returned period that is open again is reminded anew for each return.
                        let key = "approval.overdue|\(workflow.id)|\(period)|\(station.id)|\(approval.version)"
                        let reminder = ApprovalReminder(workflow: workflow, period: period, state: .open, dueOn: due)
                        candidates.append(
                            (
                                key,
                                .approvalReminder(
                                    .approvalOverdue,
                                    reminder,
                                    station: station,
                                    actor: actor,
                                    at: instant
                                )
                            )
                        )
                    }
                    if approval.state == .submitted, let days = workflow.approveWithinDays,
                        let since = approval.lastStepAt
                    {
                        let waitingSince = CivilDate(shanghaiDayOf: since.timeIntervalSince1970)
                        let approveBy = waitingSince.adding(days: days)
                        guard day > approveBy else { continue }
                        let key = "approval.pending|\(workflow.id)|\(period)|\(station.id)|\(approval.version)"
                        let reminder = ApprovalReminder(
                            workflow: workflow,
                            period: period,
                            state: .submitted,
                            dueOn: approveBy
                        )
                        candidates.append(
                            (
                                key,
                                .approvalReminder(
                                    .approvalPending,
                                    reminder,
                                    station: station,
                                    actor: actor,
                                    at: instant
                                )
                            )
                        )
                    }
                }
            }
        }
        return try await store.raiseOnce(candidates, on: day)
    }
}
