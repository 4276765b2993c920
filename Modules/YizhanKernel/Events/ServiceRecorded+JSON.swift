extension ServiceRecorded {
    /// The payload's JSON, written by hand: the same text `JSONEncoder` writes with sorted keys
    /// (a test holds the two equal), at a tenth of the cost — a ledger import writes one per row,
    /// where the encoder took a fifth of the import's time (docs/benchmarks.md, LedgerImport).
    var handWrittenJSON: String {
        var json = "{"
        func add(_ key: String, _ value: String?, quoted: Bool = true) {
            guard let value else { return }
            if json.count > 1 { json += "," }
            json += "\"\(key)\":" + (quoted ? Self.quoted(value) : value)
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

    /// `text` as a JSON string, escaped as `JSONEncoder` escapes it (without escaping slashes).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
