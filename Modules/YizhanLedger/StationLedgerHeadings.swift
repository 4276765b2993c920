public import Foundation
public import YizhanConfig
public import YizhanKernel

/// A station's own header dictionary (`config/ledgers/<station>.yaml`, beside `headers.yaml`): the
/// headings `yizhan import --column … --save-columns` named, so that next month's sheet goes in
/// without options. The same schema as the shipped dictionary, each ledger's columns only.
public enum StationLedgerHeadings {
    /// Where `station`'s file is, beside the dictionary at `dictionary`.
    public static func file(for station: StationID, beside dictionary: URL) -> URL {
        dictionary.deletingLastPathComponent().appendingPathComponent("\(station.rawValue).yaml")
    }

    /// The file's text with `assignments` of `ledger` added to what `existing` holds.
    public static func text(
        adding assignments: [(heading: String, field: String)],
        to ledger: String,
        existing: LedgerHeadersFile?,
        station: Station
    ) -> String {
        var ledgers: [String: [String: [String]]] = [
            "services": existing?.services.columns ?? [:], "clients": existing?.clients.columns ?? [:],
            "volunteers": existing?.volunteers.columns ?? [:], "donations": existing?.donations.columns ?? [:],
        ]
        for (heading, field) in assignments {
            var columns = ledgers[ledger] ?? [:]
            // A heading means one field: moved when it meant another before.
            for key in columns.keys { columns[key]?.removeAll { $0 == heading } }
            columns = columns.filter { !$0.value.isEmpty }
            columns[field, default: []].append(heading)
            ledgers[ledger] = columns
        }
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = [
            "# yaml-language-server: $schema=../schema/ledger-headers.schema.json",
            "#",
            "# \(station.name)(\(station.id.rawValue))自己的表头写法,由 yizhan import --column … --save-columns 写入;",
            "# 在 headers.yaml 之后读取,同一表头以这里为准。 / The station's own headings, read after headers.yaml.",
        ]
        for name in ["services", "clients", "volunteers", "donations"] {
            let columns = ledgers[name] ?? [:]
            lines.append("\(name):")
            if columns.isEmpty {
                lines.append("  columns: {}")
                continue
            }
            lines.append("  columns:")
            for (field, headings) in columns.sorted(by: { $0.key < $1.key }) {
                lines.append("    \(field): [\(headings.map(quoted).joined(separator: ", "))]")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
