import Foundation
import YizhanKernel

/// What the record-a-service form holds, as typed: read from a post, turned into the kernel's
/// request, and given back to the form with each refused field's message beside it.
struct RecordForm: Sendable {
    var kind = "homeVisit"
    var date = ""
    var duration = "60"
    var village = ""
    var workers: [String] = []
    var clients: [String] = []
    var headCount = ""
    var subProject = ""
    var fields: [String: String] = [:]
    var photos = ""
    var clientSearch = ""

    /// An empty form dated `today`.
    init(today: CivilDate) { date = today.description }

    /// The form as `body` posted it; `fields` are the plugins' field ids the station takes.
    init(_ body: FormBody, fields ids: [String]) {
        kind = body.value("kind") ?? ""
        date = body.value("date") ?? ""
        duration = body.value("duration") ?? ""
        village = body.value("village") ?? ""
        workers = body.values("workers")
        clients = body.values("clients")
        headCount = body.value("headCount") ?? ""
        subProject = body.value("subProject") ?? ""
        photos = body.value("photos") ?? ""
        clientSearch = body.value("clientSearch") ?? ""
        for id in ids { if let value = body.value("field." + id) { fields[id] = value } }
    }

    /// The kernel's request at `station`, and the issues of numbers that are not numbers (the
    /// kernel takes integers; everything else it checks itself).
    func request(station: StationID, programs: [ProgramWithSubProjects]) -> (ServiceRecordRequest, [InputIssue]) {
        var issues: [InputIssue] = []
        func number(_ text: String, field: String, expected: LocalizedText) -> Int? {
            guard !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                issues.append(InputIssue(code: .invalidFormat, field: field, found: text, expected: expected))
                return nil
            }
            return value
        }
        let minutes = number(duration, field: "duration", expected: LocalizedText("整数分钟", en: "whole minutes"))
        if duration.isEmpty {
            issues.append(
                InputIssue(
                    code: .missing,
                    field: "duration",
                    found: "",
                    expected: LocalizedText("服务时长(分钟)", en: "the minutes spent")
                )
            )
        }
        let count = number(
            headCount,
            field: "head-count",
            expected: LocalizedText("整数人数", en: "a whole number of people")
        )
        let photoCount = number(photos, field: "photos", expected: LocalizedText("整数张数", en: "a whole number"))
        let program = programs.first { entry in entry.subProjects.contains { $0.id.rawValue == subProject } }
        let request = ServiceRecordRequest(
            station: station.rawValue,
            kind: kind,
            date: date,
            durationMinutes: minutes ?? 0,
            village: village.isEmpty ? nil : village,
            workers: workers,
            clients: clients,
            headCount: clients.isEmpty ? count : nil,
            program: program?.program.id.rawValue,
            subProject: subProject.isEmpty ? nil : subProject,
            fields: fields,
            photos: photoCount ?? 0
        )
        return (request, issues)
    }

    /// The form's input a kernel field names (`head-count` → `headCount`).
    static func input(for field: String) -> String {
        switch field {
        case "worker": "workers"
        case "client": "clients"
        case "head-count": "headCount"
        case "program", "sub-project": "subProject"
        case let field where field.hasPrefix("fields."): "field." + field.dropFirst("fields.".count)
        default: field
        }
    }
}
