public import Foundation
import YizhanConfig
public import YizhanKernel

/// Keeps a check's results and reports what changed: `compliance.breached` when a rule starts
/// failing, `compliance.restored` when a failing rule passes again, and one `compliance.checked` per
/// county whenever anything changed.
public enum ComplianceRecord {
    /// The change set that stores `results` as the new states, given the `previous` ones (empty
    /// when nothing changed since the last check).
    public static func changes(
        results: [RuleResult],
        previous: [ComplianceState],
        year: Int,
        on day: CivilDate,
        actor: Actor,
        at instant: Date
    ) -> ChangeSet {
        let before = Dictionary(
            previous.map { ("\($0.subject)|\($0.rule)", $0) },
            uniquingKeysWith: { _, last in last }
        )
        var change = ChangeSet()
        var changedCounties: Set<DivisionCode> = []
        for result in results {
            let state = result.state(on: day)
            let old = before["\(state.subject)|\(state.rule)"]
            guard old?.outcome != state.outcome || old?.measured != state.measured else { continue }
            change.writes.append(.complianceState(state))
            guard let unit = result.station?.orgUnit ?? result.county else { continue }
            if let county = unit.ancestor(at: .county) ?? result.county { changedCounties.insert(county) }
            let changed = ComplianceChanged(
                standard: result.standard,
                rule: result.rule.id,
                station: result.station?.id,
                measured: result.measured.zhHans,
                required: result.required.zhHans,
                evidence: result.evidence.map(\.item)
            )
            if state.outcome == .fail && old?.outcome != .fail {
                change.events.append(
                    DomainEvent(
                        ComplianceBreached(change: changed),
                        orgUnit: unit,
                        station: result.station?.id,
                        actor: actor,
                        at: instant
                    )
                )
            } else if state.outcome == .pass && old?.outcome == .fail {
                change.events.append(
                    DomainEvent(
                        ComplianceRestored(change: changed),
                        orgUnit: unit,
                        station: result.station?.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
        }
        for county in changedCounties.sorted(by: { $0.rawValue < $1.rawValue }) {
            let mine = results.filter { ($0.station?.orgUnit.ancestor(at: .county) ?? $0.county) == county }
            let summary = ComplianceChecked(
                standard: mine.first?.standard ?? "",
                year: year,
                passed: mine.filter { $0.outcome == .pass }.count,
                failed: mine.filter { $0.outcome == .fail }.count,
                notApplicable: mine.filter { $0.outcome == .notApplicable }.count
            )
            change.events.append(DomainEvent(summary, orgUnit: county, station: nil, actor: actor, at: instant))
        }
        return change
    }
}
