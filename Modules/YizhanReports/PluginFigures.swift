public import Foundation
public import YizhanKernel

/// What the plugins serving a station computed for a report: their indicators' values and their
/// sections' tables, grouped by plugin.
public struct PluginFigures: Hashable, Sendable, Codable {
    /// One plugin's figures.
    public struct Entry: Hashable, Sendable, Codable {
        /// The plugin.
        public var manifest: PluginManifest
        /// Each indicator with its value.
        public var indicators: [Value]
        /// Each section with its table.
        public var sections: [Section]
    }

    /// An indicator's value.
    public struct Value: Hashable, Sendable, Codable {
        /// The indicator's id.
        public var id: String
        /// Its name.
        public var name: LocalizedText
        /// Its unit.
        public var unit: LocalizedText
        /// The value over the report's period.
        public var value: Int
    }

    /// A section's table.
    public struct Section: Hashable, Sendable, Codable {
        /// The section's id (also its table's).
        public var id: String
        /// Its heading.
        public var title: LocalizedText
        /// Its note.
        public var note: LocalizedText?
        /// The table the plugin built.
        public var table: PluginTable
    }

    /// The station.
    public var station: Station
    /// One entry per plugin serving the station, in registration order.
    public var entries: [Entry]

    /// Computes every indicator and section of the plugins in `registry` that serve `station`;
    /// `prefetched`, the station's totals the report read grouped by field set, answers the
    /// plugins' queries over the period without reading the records again.
    public static func compute(
        _ registry: PluginRegistry,
        store: some StationStore,
        station: Station,
        period: CivilPeriod,
        recordedBy: Date? = nil,
        prefetched: GroupedServiceTotals? = nil
    ) async throws -> PluginFigures {
        var entries: [Entry] = []
        for manifest in registry.plugins(serving: station) {
            let context = PluginQueryContext(
                store: store,
                station: station,
                period: period,
                recordedBy: recordedBy,
                names: registry.elementNames[manifest.id] ?? [:],
                prefetched: prefetched
            )
            let own = registry.contributions[manifest.id]
            var values: [Value] = []
            for indicator in own?.indicators ?? [] {
                values.append(
                    Value(
                        id: indicator.id,
                        name: indicator.name.filling(context.names),
                        unit: indicator.unit,
                        value: try await indicator.compute(context)
                    )
                )
            }
            var sections: [Section] = []
            for section in own?.sections ?? [] {
                var table = try await section.build(context)
                for index in table.columns.indices {
                    table.columns[index].title = table.columns[index].title.filling(context.names)
                }
                sections.append(
                    Section(
                        id: section.id,
                        title: section.title.filling(context.names),
                        note: section.note?.filling(context.names),
                        table: table
                    )
                )
            }
            entries.append(Entry(manifest: manifest, indicators: values, sections: sections))
        }
        return PluginFigures(station: station, entries: entries)
    }

    /// One report section per plugin: its indicators, then its tables.
    func reportSections(in language: Language) -> [ReportSection] {
        let zh = language == .zhHans
        return entries.map { entry in
            var blocks: [ReportBlock] = []
            if !entry.indicators.isEmpty {
                blocks.append(
                    .table(
                        ReportTable(
                            id: "\(entry.manifest.id).indicators",
                            title: zh ? "\(entry.manifest.name)指标" : "\(entry.manifest.name): indicators",
                            columns: [
                                ReportColumn("indicator", zh ? "指标" : "indicator", .text),
                                ReportColumn("unit", zh ? "单位" : "unit", .text),
                                ReportColumn("value", zh ? "数值" : "value"),
                            ],
                            rows: entry.indicators.map { value in
                                [
                                    .text(value.name.text(in: language)), .text(value.unit.text(in: language)),
                                    .integer(value.value),
                                ]
                            }
                        )
                    )
                )
            }
            for section in entry.sections {
                blocks.append(.table(Self.table(section, in: language)))
            }
            return ReportSection(
                id: "plugin-\(entry.manifest.id)",
                title: entry.manifest.name,
                note: entry.sections.compactMap { $0.note?.text(in: language) }.first,
                blocks: blocks
            )
        }
    }

    /// A plugin's table as a report table, with totals of its number columns.
    static func table(_ section: Section, in language: Language) -> ReportTable {
        let columns = section.table.columns.map { column in
            ReportColumn(column.id, column.title.text(in: language), column.isNumber ? .integer : .text)
        }
        func value(_ cell: PluginTable.Cell) -> ReportValue {
            switch cell {
            case .text(let text): .text(text)
            case .label(let text): .text(text.text(in: language))
            case .number(let number): .integer(number)
            }
        }
        let numbers = section.table.columns.contains(where: \.isNumber)
        let totals: [ReportValue]? =
            numbers
            ? section.table.columns.indices.map { index in
                if index == 0 { return .text(language == .zhHans ? "合计" : "Total") }
                guard section.table.columns[index].isNumber else { return .empty }
                return .integer(
                    section.table.rows.reduce(0) { sum, row in
                        if index < row.count, case .number(let number) = row[index] { return sum + number }
                        return sum
                    }
                )
            }
            : nil
        return ReportTable(
            id: section.id,
            title: section.title.text(in: language),
            columns: columns,
            rows: section.table.rows.map { $0.map(value) },
            totals: totals
        )
    }
}
