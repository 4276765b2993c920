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
        for unit in divisions.orgUnits { change.register(unit, by: actor, at: instant) }
        for file in stations {
            let station = file.station
            if let agency = file.agency { change.register(agency, operating: station, by: actor, at: instant) }
            change.configure(station, by: actor, at: instant)
            for worker in file.stationWorkers { change.register(worker, at: station, by: actor, at: instant) }
            for program in file.stationPrograms { change.configure(program, at: station, by: actor, at: instant) }
        }
        return change
    }
}
