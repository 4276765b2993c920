public import Foundation

/// What a plugin's computations read: the store, the station, the period and, for figures as they
/// stood on a past day, the last instant to count (`--as-of`).
public struct PluginQueryContext: Sendable {
    /// The store, for its typed queries; a plugin never writes through it here.
    public var store: any StationStore
    /// The station the figure or section is for.
    public var station: Station
    /// The period it covers.
    public var period: CivilPeriod
    /// Leave out what was recorded after this instant, if set.
    public var recordedBy: Date?
    /// The names of the plugin's brand elements by id (`PluginRegistry.elementNames`).
    public var names: [String: String]
    /// The station's totals over the period (to the `--as-of` instant) that the report read
    /// already, grouped by field set: `serviceTotals` sums what it can from them.
    public var prefetched: GroupedServiceTotals?
    /// What the context read from the store already, so that a question asked twice is read once.
    let memo = ServiceTotalsMemo()

    /// Creates a context.
    public init(
        store: any StationStore,
        station: Station,
        period: CivilPeriod,
        recordedBy: Date? = nil,
        names: [String: String] = [:],
        prefetched: GroupedServiceTotals? = nil
    ) {
        self.store = store
        self.station = station
        self.period = period
        self.recordedBy = recordedBy
        self.names = names
        self.prefetched = prefetched
    }

    /// The name of brand element `id` as the workspace gives it, or the id when it has none.
    public func name(of id: String) -> String { names[id] ?? id }

    /// A table with one row per brand element of `field`, in `elements`' order: the element's name,
    /// the records carrying it and their person-times (trainings apart), from one grouped query.
    public func elementTable(field: String, elements: [String], heading: PluginTable.Column) async throws -> PluginTable
    {
        let totals = try await serviceTotals(fields: [field])
        return PluginTable(
            columns: [
                heading,
                .init("records", LocalizedText("记录条数", en: "records"), isNumber: true),
                .init("personTimes", LocalizedText("服务人次", en: "person-times"), isNumber: true),
            ],
            rows: elements.map { element in
                let total = totals.first { $0.fieldValues == [element] }
                return [.text(name(of: element)), .number(total?.records ?? 0), .number(total?.personTimes ?? 0)]
            }
        )
    }

    /// The wishes of the station claimed within the period, leaving out claims entered after the
    /// `--as-of` instant: what a plugin counts micro-wish claims from.
    public func claimedWishes() async throws -> [MicroWish] {
        try await store.claimedWishes(in: .station(station.id), period: period, enteredBy: recordedBy)
    }

    /// The service totals of the station over the period (to the `--as-of` instant), grouped by
    /// `groupBy` and the extra `fields`: the query most plugin figures start from. Over the
    /// report's own period it is summed from the totals the report read (`prefetched`) when they
    /// hold the dimensions asked for, so that a report reads the records once for all its plugins
    /// (from a day before the period, only the days before it are read); any other question is
    /// read from the store once per context.
    public func serviceTotals(
        groupBy: [ServiceDimension] = [],
        fields: [String] = [],
        from start: CivilDate? = nil
    ) async throws -> [ServiceTotal] {
        if let prefetched, fields.allSatisfy(ServiceTotalsQuery.isFieldID),
            start.map({ $0 <= self.period.start }) ?? true,
            let totals = prefetched.totals(groupBy: groupBy, fields: fields)
        {
            guard let start, start < self.period.start else { return totals }
            // Since an earlier day: only the days before the period are read; the period's own
            // groups are those the report read.
            let before = try await memo.totals(
                ServiceTotalsQuery(
                    scope: .station(station.id),
                    period: try CivilPeriod(start: start, end: self.period.start.adding(days: -1)),
                    groupBy: groupBy,
                    recordedBy: recordedBy,
                    byFieldSet: true
                ),
                from: store
            )
            let inPeriod = groupBy.isEmpty ? prefetched.byFieldSetAlone : prefetched.totals
            return (before + inPeriod).projected(groupBy: groupBy, fields: fields)
        }
        let period = try start.map { try CivilPeriod(start: $0, end: self.period.end) } ?? self.period
        return try await memo.totals(
            ServiceTotalsQuery(
                scope: .station(station.id),
                period: period,
                groupBy: groupBy,
                recordedBy: recordedBy,
                fields: fields
            ),
            from: store
        )
    }
}

/// Which stations a plugin serves: one station, or every station within a division.
public enum PluginScope: Hashable, Sendable, Codable {
    /// One station ("一站一品").
    case station(StationID)
    /// Every station within a division (a county's or a province's brand).
    case region(DivisionCode)

    /// Whether `station` is served.
    public func serves(_ station: Station) -> Bool {
        switch self {
        case .station(let id): station.id == id
        case .region(let code): code.contains(station.orgUnit)
        }
    }
}

/// A figure a plugin computes from the store's queries, with its unit and period.
public struct PluginIndicator: Sendable {
    /// A stable id, unique in the registry, e.g. `baibu-159.bridgeMatters`.
    public var id: String
    /// What it measures.
    public var name: LocalizedText
    /// Its unit, e.g. 人次.
    public var unit: LocalizedText
    /// The period it is meant for (`year`, `halfYear`, `quarter`, `month`).
    public var period: String
    /// Computes it; it may only read.
    public var compute: @Sendable (PluginQueryContext) async throws -> Int

    /// Creates an indicator.
    public init(
        id: String,
        name: LocalizedText,
        unit: LocalizedText,
        period: String = "year",
        compute: @escaping @Sendable (PluginQueryContext) async throws -> Int
    ) {
        self.id = id
        self.name = name
        self.unit = unit
        self.period = period
        self.compute = compute
    }
}

/// A titled table a plugin adds to a station's report.
public struct PluginReportSection: Sendable {
    /// A stable id, unique in the registry; also the table's id in CSV, XLSX and JSON.
    public var id: String
    /// The heading.
    public var title: LocalizedText
    /// How the figures are counted, if it needs saying.
    public var note: LocalizedText?
    /// Builds the table; it may only read.
    public var build: @Sendable (PluginQueryContext) async throws -> PluginTable

    /// Creates a section.
    public init(
        id: String,
        title: LocalizedText,
        note: LocalizedText? = nil,
        build: @escaping @Sendable (PluginQueryContext) async throws -> PluginTable
    ) {
        self.id = id
        self.title = title
        self.note = note
        self.build = build
    }
}

/// A table as a plugin computes it; the report generator renders it in every format.
public struct PluginTable: Hashable, Sendable, Codable {
    /// A column: its id (the JSON key), heading and whether it holds numbers.
    public struct Column: Hashable, Sendable, Codable {
        /// The key of the column in JSON rows.
        public var id: String
        /// The heading.
        public var title: LocalizedText
        /// Whether the column holds whole numbers (right-aligned, summed in the totals row).
        public var isNumber: Bool

        /// Creates a column.
        public init(_ id: String, _ title: LocalizedText, isNumber: Bool = false) {
            self.id = id
            self.title = title
            self.isNumber = isNumber
        }
    }

    /// One cell.
    public enum Cell: Hashable, Sendable, Codable {
        /// Text, shown as it is (a name the station gave).
        case text(String)
        /// Text with a wording in each language (a kind, a status), shown in the report's language.
        case label(LocalizedText)
        /// A whole number.
        case number(Int)
    }

    /// The columns, in order.
    public var columns: [Column]
    /// The rows; each has one cell per column.
    public var rows: [[Cell]]

    /// Creates a table.
    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// An extra field service records of the plugin's stations may carry, with its check.
public struct PluginRecordField: Sendable {
    /// A stable id, unique in the registry, e.g. `bridge`.
    public var id: String
    /// Its name as people read it.
    public var name: LocalizedText
    /// The values it may take, if it is a choice.
    public var options: [String]?
    /// What is wrong with `value`, or `nil` when it is acceptable.
    public var check: @Sendable (String) -> LocalizedText?

    /// A field whose value must be one of `options`.
    public init(id: String, name: LocalizedText, options: [String]) {
        self.id = id
        self.name = name
        self.options = options
        self.check = { value in
            options.contains(value)
                ? nil
                : LocalizedText(
                    "以下之一:\(options.joined(separator: "、"))",
                    en: "one of: \(options.joined(separator: ", "))"
                )
        }
    }

    /// A field checked by `check`.
    public init(id: String, name: LocalizedText, check: @escaping @Sendable (String) -> LocalizedText?) {
        self.id = id
        self.name = name
        self.options = nil
        self.check = check
    }
}

/// Program definitions a plugin bundles: YAML in the brand file's shape
/// (`config/schema/brand.schema.json`), validated by the plugin conformance suite.
public struct PluginProgramDefinition: Hashable, Sendable {
    /// A stable id, unique in the registry.
    public var id: String
    /// The YAML text.
    public var yaml: String

    /// Creates a definition.
    public init(id: String, yaml: String) {
        self.id = id
        self.yaml = yaml
    }
}

/// A handler of committed events of one type: it may add events to the same transaction, and it
/// never does I/O (no network, no files, no clock beyond the event's own instant).
public struct PluginEventHandler: Sendable {
    /// The event type it handles.
    public var type: EventType
    /// The events to add for `event`; none to add nothing.
    public var handle: @Sendable (DomainEvent) throws -> [DomainEvent]

    /// Creates a handler.
    public init(type: EventType, handle: @escaping @Sendable (DomainEvent) throws -> [DomainEvent]) {
        self.type = type
        self.handle = handle
    }
}

extension LocalizedText {
    /// The text with each `{id}` whose id is in `names` replaced by that name: how a plugin's
    /// indicator names and headings follow the brand elements' names (`{bridge1}` → 第一色桥).
    public func filling(_ names: [String: String]) -> LocalizedText {
        guard zhHans.contains("{") || en.contains("{") else { return self }
        func fill(_ text: String) -> String {
            var result = ""
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let key = String(rest[rest.index(after: open)..<close])
                result += rest[..<open]
                result += names[key] ?? "{\(key)}"
                rest = rest[rest.index(after: close)...]
            }
            return result + rest
        }
        return LocalizedText(fill(zhHans), en: fill(en))
    }
}
