public import Foundation
import YizhanKernel

/// Writes a report as JSON in the `yizhan.report/1` shape (docs/reports.md): keys sorted, rows as
/// objects keyed by column id, integers as numbers, money as whole fen, an empty cell as `null`.
public enum JSONRenderer {
    /// The report as pretty-printed JSON bytes, ending with a newline.
    public static func render(_ document: ReportDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(Shape(document))
        data.append(0x0A)
        return data
    }

    private struct Shape: Encodable {
        var schema = ReportDocument.schema
        var kind: String
        var language: String
        var title: String
        var subtitle: String
        var period: Period
        var asOf: String?
        var generatedAt: Date?
        var sections: [Section]

        init(_ document: ReportDocument) {
            kind = document.kind.rawValue
            language = document.language.rawValue
            title = document.title
            subtitle = document.subtitle
            period = Period(start: document.period.start.description, end: document.period.end.description)
            asOf = document.asOf?.description
            generatedAt = document.generatedAt
            sections = document.sections.map(Section.init)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(schema, forKey: DynamicKey("schema"))
            try container.encode(kind, forKey: DynamicKey("kind"))
            try container.encode(language, forKey: DynamicKey("language"))
            try container.encode(title, forKey: DynamicKey("title"))
            try container.encode(subtitle, forKey: DynamicKey("subtitle"))
            try container.encode(period, forKey: DynamicKey("period"))
            // Present and null when not set, so that readers find every key of the shape.
            try container.encode(asOf, forKey: DynamicKey("asOf"))
            try container.encode(generatedAt, forKey: DynamicKey("generatedAt"))
            try container.encode(sections, forKey: DynamicKey("sections"))
        }
    }

    private struct Period: Encodable {
        var start: String
        var end: String
    }

    private struct Section: Encodable {
        var id: String
        var title: String
        var note: String?
        var blocks: [Block]

        init(_ section: ReportSection) {
            id = section.id
            title = section.title
            note = section.note
            blocks = section.blocks.map(Block.init)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(id, forKey: DynamicKey("id"))
            try container.encode(title, forKey: DynamicKey("title"))
            try container.encode(note, forKey: DynamicKey("note"))
            try container.encode(blocks, forKey: DynamicKey("blocks"))
        }
    }

    private struct Block: Encodable {
        var block: ReportBlock

        init(_ block: ReportBlock) { self.block = block }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            switch block {
            case .table(let table):
                try container.encode("table", forKey: DynamicKey("type"))
                try container.encode(table.id, forKey: DynamicKey("id"))
                try container.encode(table.title, forKey: DynamicKey("title"))
                try container.encode(
                    table.columns.map { ["id": $0.id, "title": $0.title, "kind": $0.kind.rawValue] },
                    forKey: DynamicKey("columns")
                )
                try container.encode(
                    table.rows.map { Row(columns: table.columns, values: $0) },
                    forKey: DynamicKey("rows")
                )
                try container.encode(
                    table.totals.map { Row(columns: table.columns, values: $0) },
                    forKey: DynamicKey("totals")
                )
            case .chart(let chart):
                try container.encode("chart", forKey: DynamicKey("type"))
                try container.encode(chart.id, forKey: DynamicKey("id"))
                try container.encode(chart.title, forKey: DynamicKey("title"))
                try container.encode(chart.style.rawValue, forKey: DynamicKey("style"))
                try container.encode(chart.table, forKey: DynamicKey("table"))
                try container.encode(chart.labelColumn, forKey: DynamicKey("labelColumn"))
                try container.encode(chart.valueColumn, forKey: DynamicKey("valueColumn"))
            }
        }
    }

    private struct Row: Encodable {
        var columns: [ReportColumn]
        var values: [ReportValue]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: DynamicKey.self)
            for (column, value) in zip(columns, values) {
                let key = DynamicKey(column.id)
                switch value {
                case .text(let text): try container.encode(text, forKey: key)
                case .integer(let number): try container.encode(number, forKey: key)
                case .money(let fen): try container.encode(fen.value, forKey: key)
                case .tenths(let tenths):
                    try container.encode(Decimal(tenths) / 10, forKey: key)
                case .empty: try container.encodeNil(forKey: key)
                }
            }
        }
    }

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
