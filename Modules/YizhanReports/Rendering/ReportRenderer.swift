public import Foundation

/// Renders a report document in any of the formats.
public enum ReportRenderer {
    /// `document` in `format`, as the bytes of the file to write.
    ///
    /// - Parameter table: for CSV, the id of the table to write (the first table when `nil`).
    /// - Throws: `ReportError.unknownTable` for a CSV table the report does not have.
    public static func render(_ document: ReportDocument, as format: ReportFormat, table: String? = nil) throws -> Data
    {
        switch format {
        case .markdown: return Data(MarkdownRenderer.render(document).utf8)
        case .html: return Data(try HTMLRenderer.render(document).utf8)
        case .json: return try JSONRenderer.render(document)
        case .xlsx: return try XLSXRenderer.render(document)
        case .csv:
            let ids = document.tables.map(\.id)
            let chosen = table.map { document.table($0) } ?? document.tables.first
            guard let chosen else { throw ReportError.unknownTable(table ?? "", available: ids) }
            return CSVRenderer.render(chosen)
        }
    }
}
