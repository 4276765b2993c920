extension ServiceRecorded {
    /// The payload's JSON, written by hand: the same text `JSONEncoder` writes with sorted keys
    /// (a test holds the two equal), at a tenth of the cost — a ledger import writes one per row,
    /// where the encoder took a fifth of the import's time (docs/benchmarks.md, LedgerImport).
    var handWrittenJSON: String {
        var json = "{"
        json.reserveCapacity(320)
        var first = true
        func add(_ key: String, _ value: String?, quoted: Bool = true) {
            guard let value else { return }
            if !first { json += "," }
            first = false
            json += "\""
            json += key
            json += "\":"
            json += quoted ? JSONText.quoted(value) : value
        }
        add("date", date.description)
        add("durationMinutes", String(durationMinutes), quoted: false)
        add("group", group?.rawValue)
        add("kind", kind.rawValue)
        add("personTimes", String(personTimes), quoted: false)
        add("program", program?.rawValue)
        add("programVersion", programVersion.map(String.init), quoted: false)
        add("record", record.rawValue)
        add("station", station.rawValue)
        add("subProject", subProject?.rawValue)
        add("village", village?.rawValue)
        add("workerCount", String(workerCount), quoted: false)
        return json + "}"
    }
}
