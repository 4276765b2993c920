public import Foundation
public import YizhanConfig
public import YizhanKernel

/// Turns loaded configuration into the change set that registers it: every unit, agency,
/// station, worker and program, each with its event.
public enum DirectoryChange {
    /// The change set for `divisions` and `stations`, with events stamped `instant` and `actor`.
    public static func make(
        divisions: DivisionsFile,
        stations: [StationFile],
        actor: Actor,
        at instant: Date
    ) -> ChangeSet {
        var change = ChangeSet()
        for unit in divisions.orgUnits {
            change.writes.append(.orgUnit(unit))
            change.events.append(
                DomainEvent(OrgUnitRegistered(unit), orgUnit: unit.code, station: nil, actor: actor, at: instant)
            )
        }
        for file in stations {
            let station = file.station
            if let agency = file.agency {
                change.writes.append(.agency(agency))
                change.events.append(
                    DomainEvent(
                        AgencyRegistered(agency),
                        orgUnit: station.orgUnit,
                        station: station.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
            change.writes.append(.station(station))
            change.events.append(
                DomainEvent(
                    StationConfigured(station),
                    orgUnit: station.orgUnit,
                    station: station.id,
                    actor: actor,
                    at: instant
                )
            )
            for worker in file.stationWorkers {
                change.writes.append(.worker(worker))
                change.events.append(
                    DomainEvent(
                        WorkerRegistered(worker),
                        orgUnit: station.orgUnit,
                        station: station.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
            for entry in file.stationPrograms {
                change.writes.append(.program(entry.program))
                change.writes += entry.subProjects.map(Write.subProject)
                change.events.append(
                    DomainEvent(
                        ProgramConfigured(entry.program, subProjects: entry.subProjects),
                        orgUnit: station.orgUnit,
                        station: station.id,
                        actor: actor,
                        at: instant
                    )
                )
            }
        }
        return change
    }
}
