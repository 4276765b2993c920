public import Foundation

/// Each helper appends a row together with the event that describes it, so that a use case cannot
/// write one without the other.
extension ChangeSet {
    /// Upserts `unit`, with `orgunit.registered`.
    public mutating func register(_ unit: OrgUnit, by actor: Actor, at instant: Date) {
        writes.append(.orgUnit(unit))
        events.append(DomainEvent(OrgUnitRegistered(unit), orgUnit: unit.code, station: nil, actor: actor, at: instant))
    }

    /// Upserts `agency`, the operator of `station`, with `agency.registered`.
    public mutating func register(_ agency: Agency, operating station: Station, by actor: Actor, at instant: Date) {
        writes.append(.agency(agency))
        events.append(
            DomainEvent(
                AgencyRegistered(agency),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts `station`, with `station.configured`.
    public mutating func configure(_ station: Station, by actor: Actor, at instant: Date) {
        writes.append(.station(station))
        events.append(
            DomainEvent(
                StationConfigured(station),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts `worker` of `station`, with `worker.registered`.
    public mutating func register(_ worker: Worker, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.worker(worker))
        events.append(
            DomainEvent(
                WorkerRegistered(worker),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts a program and its sub-projects at `station`, with one `program.configured` that says
    /// what changed since `previous` (the version stored before, if any).
    public mutating func configure(
        _ entry: ProgramWithSubProjects,
        at station: Station,
        previous: ProgramWithSubProjects? = nil,
        by actor: Actor,
        at instant: Date
    ) {
        writes.append(.program(entry.program))
        writes += entry.subProjects.map(Write.subProject)
        events.append(
            DomainEvent(
                ProgramConfigured(entry.program, subProjects: entry.subProjects, previous: previous),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts `client` of `station`, with `client.registered`.
    public mutating func register(_ client: Client, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.client(client))
        events.append(
            DomainEvent(
                ClientRegistered(client),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts `client` of `station` with the consent it now holds, with `client.consentrecorded`.
    public mutating func recordConsent(of client: Client, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.client(client))
        guard let payload = ClientConsentRecorded(client) else { return }
        events.append(DomainEvent(payload, orgUnit: station.orgUnit, station: station.id, actor: actor, at: instant))
    }

    /// Upserts `volunteer` of `station`, with `volunteer.registered`.
    public mutating func register(_ volunteer: Volunteer, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.volunteer(volunteer))
        events.append(
            DomainEvent(
                VolunteerRegistered(volunteer),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Upserts `household` of `station`, with `household.registered`.
    public mutating func register(_ household: Household, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.household(household))
        events.append(
            DomainEvent(
                HouseholdRegistered(household),
                orgUnit: station.orgUnit,
                station: station.id,
                actor: actor,
                at: instant
            )
        )
    }

    /// Inserts `record`, made at `station`, with `service.recorded`.
    public mutating func record(_ record: ServiceRecord, at station: Station, by actor: Actor, at instant: Date) {
        writes.append(.serviceRecord(record))
        events.append(DomainEvent.serviceRecorded(record, at: station, actor: actor, at: instant))
    }
}
