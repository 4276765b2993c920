import Foundation
public import YizhanKernel

/// The record the benchmarks write over and over: a home visit at 百步 in the demo workspace.
public enum SampleRecord {
    /// A new home visit at `station` (the demo's 百步) with its `service.recorded` event.
    public static func homeVisit(at station: Station) throws -> (ServiceRecord, DomainEvent) {
        let record = ServiceRecord(
            id: .generate(),
            station: station.id,
            kind: .homeVisit,
            date: try CivilDate(parsing: "2021-11-05"),
            durationMinutes: 45,
            village: try DivisionCode("330424102201"),
            workers: [try WorkerID("baibu-w3")],
            participants: .headCount(2),
            program: try ProgramID("baibu-2021"),
            programVersion: 1,
            subProject: try SubProjectID("baibu-basic1")
        )
        return (record, DomainEvent.serviceRecorded(record, at: station, actor: .cli, at: Date()))
    }
}
