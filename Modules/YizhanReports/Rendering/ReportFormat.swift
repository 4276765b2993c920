/// The formats a report is written in.
public enum ReportFormat: String, CaseIterable, Hashable, Sendable {
    /// Markdown (GitHub tables), for reading in a terminal or pasting into a document.
    case markdown = "md"
    /// One self-contained HTML file with inline CSS and SVG charts; prints on A4.
    case html
    /// One table as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese).
    case csv
    /// The whole report as JSON in the `yizhan.report/1` shape (docs/reports.md).
    case json
    /// An Excel workbook: a sheet per table, Chinese headings.
    case xlsx

    /// The file extension.
    public var fileExtension: String { rawValue }
}
