/// A chart drawn from one of a section's tables: the labels from one column, the values from another.
///
/// Only the HTML rendering draws charts (as inline SVG); the other formats carry the table itself.
public struct ReportChart: Hashable, Sendable {
    /// How the values are drawn.
    public enum Style: String, Hashable, Sendable, Codable {
        /// Horizontal bars, one per row — for stations, whose names are long.
        case bars
        /// Vertical columns, one per row — for months.
        case columns
        /// One bar split into each row's share of the whole, with a legend — for kinds of service.
        case share
    }

    /// A stable id.
    public var id: String
    /// The caption.
    public var title: String
    /// How it is drawn.
    public var style: Style
    /// The id of the table it draws.
    public var table: String
    /// The column whose values label the bars.
    public var labelColumn: String
    /// The column whose numbers the bars show.
    public var valueColumn: String

    /// Creates a chart.
    public init(id: String, title: String, style: Style, table: String, labelColumn: String, valueColumn: String) {
        self.id = id
        self.title = title
        self.style = style
        self.table = table
        self.labelColumn = labelColumn
        self.valueColumn = valueColumn
    }
}

extension ReportChart {
    /// The chart drawn over `table` as inline SVG — the HTML report's drawing, which the server's
    /// pages show too — or `nil` when the table has nothing positive to draw.
    public func svg(over table: ReportTable) -> String? { SVGChart.render(self, table: table) }
}
