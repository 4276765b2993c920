/// Draws a report chart as inline SVG: plain shapes and text, sized in CSS pixels to fit an A4
/// page's width, with whole-number coordinates so that the same figures give the same bytes.
enum SVGChart {
    /// The width every chart is drawn at.
    static let width = 640
    /// Fills for the bars, then for the shares in turn.
    static let palette = ["#2f6f9f", "#e07b39", "#5a9e5a", "#c44e52", "#8172b2", "#937860", "#d684bd", "#8c8c8c"]

    /// The SVG for `chart` over `table`, or `nil` when the table has no positive value to draw.
    static func render(_ chart: ReportChart, table: ReportTable) -> String? {
        let labels = table.values(of: chart.labelColumn).map(\.display)
        let values = table.values(of: chart.valueColumn).map { max(0, $0.number ?? 0) }
        // The figure beside a bar as the table shows it: ¥134,883.00 for money, not its fen.
        let captions = table.values(of: chart.valueColumn).map { value in value.number == nil ? "0" : value.display }
        guard labels.count == values.count, let largest = values.max(), largest > 0 else { return nil }
        let title = escaped(chart.title)
        switch chart.style {
        case .bars: return bars(labels, values, captions, largest: largest, title: title)
        case .columns: return columns(labels, values, captions, largest: largest, title: title)
        case .share: return share(labels, values, title: title)
        }
    }

    private static func bars(
        _ labels: [String],
        _ values: [Int],
        _ captions: [String],
        largest: Int,
        title: String
    ) -> String {
        let rowHeight = 24
        let labelWidth = 170
        let valueWidth = 70
        let room = width - labelWidth - valueWidth
        let height = labels.count * rowHeight + 8
        var parts = [open(height: height, title: title)]
        for (index, (label, value)) in zip(labels, values).enumerated() {
            let caption = escaped(captions[index])
            let y = 4 + index * rowHeight
            let length = value * room / largest
            parts.append(
                "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(escaped(label))</text>"
                    + "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"\(palette[0])\"/>"
                    + "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 16)\">\(caption)</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func columns(
        _ labels: [String],
        _ values: [Int],
        _ captions: [String],
        largest: Int,
        title: String
    ) -> String {
        let height = 240
        let top = 24
        let bottom = 28
        let room = height - top - bottom
        let slot = (width - 20) / max(1, labels.count)
        var parts = [open(height: height, title: title)]
        parts.append(
            "<line x1=\"10\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>"
        )
        for (index, (label, value)) in zip(labels, values).enumerated() {
            let caption = escaped(captions[index])
            let x = 10 + index * slot
            let length = value * room / largest
            let centre = x + slot / 2
            parts.append(
                "<rect x=\"\(x + slot / 6)\" y=\"\(height - bottom - length)\" width=\"\(slot - slot / 3)\" height=\"\(length)\" fill=\"\(palette[0])\"/>"
                    + "<text x=\"\(centre)\" y=\"\(height - bottom - length - 4)\" text-anchor=\"middle\" class=\"small\">\(caption)</text>"
                    + "<text x=\"\(centre)\" y=\"\(height - 10)\" text-anchor=\"middle\">\(escaped(label))</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func share(_ labels: [String], _ values: [Int], title: String) -> String {
        let total = values.reduce(0, +)
        let barHeight = 32
        let legendRow = 22
        let perRow = 3
        let legendRows = (labels.count + perRow - 1) / perRow
        let height = barHeight + 16 + legendRows * legendRow
        var parts = [open(height: height, title: title)]
        var x = 0
        for (index, value) in values.enumerated() {
            // The last share takes what rounding left, so the bar always fills the width.
            let length = index == values.count - 1 ? width - x : value * width / total
            parts.append(
                "<rect x=\"\(x)\" y=\"0\" width=\"\(length)\" height=\"\(barHeight)\" fill=\"\(palette[index % palette.count])\"/>"
            )
            x += length
        }
        for (index, (label, value)) in zip(labels, values).enumerated() {
            let column = index % perRow
            let row = index / perRow
            let left = column * (width / perRow)
            let y = barHeight + 16 + row * legendRow
            let tenths = (value * 1_000 + total / 2) / total
            parts.append(
                "<rect x=\"\(left)\" y=\"\(y - 11)\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
                    + "<text x=\"\(left + 18)\" y=\"\(y)\">\(escaped(label)) \(tenths / 10).\(tenths % 10)%</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private static func open(height: Int, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(title)\">"
    }

    /// Text safe inside SVG markup and attributes.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
