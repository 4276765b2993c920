public import Foundation
public import YizhanConfig
public import YizhanKernel

/// The day's reminders: `deadline.approaching` a scheme's `noticeDays` before each deadline, and
/// `rectification.due` for each item whose due day has come undone. Each reminder goes out once:
/// its key is recorded with its event, and a key recorded already is skipped.
public enum Reminders {
    /// Raises the reminders due on `day` for the stations of `county`, and returns their events.
    public static func raise(
        store: any StationStore,
        scheme: EvaluationFile,
        county: DivisionCode,
        on day: CivilDate,
        actor: Actor,
        at instant: Date
    ) async throws -> [DomainEvent] {
        var candidates: [(key: String, event: DomainEvent)] = []
        let stations = try await store.stations(in: .within(county))
        let evaluations = try await store.evaluations(in: .within(county), year: day.year)
        for deadline in scheme.deadlines {
            guard let due = deadline.dueDay(in: day.year) else { continue }
            let left = due.daysSinceEpoch - day.daysSinceEpoch
            // The nearest notice whose window has opened: a missed day is not raised late twice.
            guard left >= 0, let notice = scheme.noticeDays.filter({ left <= $0 }).min() else { continue }
            let subjects: [Station?]
            if let period = deadline.period {
                subjects = stations.filter { station in
                    !evaluations.contains {
                        $0.station == station.id && $0.period == period && $0.scheme == scheme.id && $0.isSubmitted
                    }
                }
            } else {
                subjects = [nil]
            }
            for station in subjects {
                let payload = DeadlineApproaching(
                    deadline: deadline.id,
                    name: deadline.name,
                    dueOn: due,
                    daysLeft: left,
                    station: station?.id
                )
                let key =
                    "deadline|\(scheme.id)|\(deadline.id)|\(day.year)|\(station?.id.rawValue ?? county.rawValue)|\(notice)"
                let event = DomainEvent(
                    payload,
                    orgUnit: station?.orgUnit ?? county,
                    station: station?.id,
                    actor: actor,
                    at: instant
                )
                candidates.append((key, event))
            }
        }
        let byID = Dictionary(stations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in try await store.rectifications(in: .within(county), openOnly: true) where item.isDue(on: day) {
            let event = DomainEvent(
                RectificationDue(item: item.noted),
                orgUnit: byID[item.station]?.orgUnit ?? county,
                station: item.station,
                actor: actor,
                at: instant
            )
            candidates.append(("rectification.due|\(item.id)", event))
        }
        return try await store.raiseOnce(candidates, on: day)
    }
}
