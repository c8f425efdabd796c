import Gate

/// A hand-written SVG chart: one panel per job, a horizontal bar per model
/// (median time), the ideal as a dashed line, anti-patterns in a warning colour.
enum SVGChart {
    static let width = 920.0
    static let labelWidth = 200.0
    static let barArea = 560.0
    static let barHeight = 20.0
    static let rowHeight = 28.0

    enum Colour {
        static let bar = "#4c78a8"
        static let warning = "#e4572e"
        static let failed = "#9e9e9e"
        static let ideal = "#2a9d3f"
        static let grid = "#dddddd"
        static let text = "#222222"
    }

    static func render(_ result: ExperimentResult) -> String {
        var body: [String] = []
        var y = 30.0
        body.append(text("Time per concurrency model (median of rounds; shorter is better)",
                         x: width / 2, y: y, size: 18, anchor: "middle", weight: "bold"))
        y += 22
        body.append(text(result.host.description, x: width / 2, y: y, size: 12, anchor: "middle"))
        y += 20
        for workload in result.workloads {
            let (panel, height) = SVGPanel(workload: workload, top: y).render()
            body += panel
            y += height
        }
        body += legend(y: y + 10)
        return document(width: width, height: y + 40, body: body)
    }

    /// A whole SVG file: white background, `body` inside.
    static func document(width: Double, height: Double, body: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="#ffffff"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }

    private static func legend(y: Double) -> [String] {
        var x = labelWidth
        var items: [String] = []
        for (colour, label, dashed) in [(Colour.bar, "model", false), (Colour.warning, "anti-pattern", false),
                                        (Colour.failed, "failed check", false), (Colour.ideal, "ideal", true)] {
            items.append(dashed
                ? "<line x1=\"\(x)\" y1=\"\(y + 6)\" x2=\"\(x + 24)\" y2=\"\(y + 6)\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>"
                : "<rect x=\"\(x)\" y=\"\(y)\" width=\"24\" height=\"12\" fill=\"\(colour)\"/>")
            items.append(text(label, x: x + 30, y: y + 11, size: 12))
            x += 150
        }
        return items
    }

    /// A `<text>` element; the content is escaped.
    static func text(_ content: String, x: Double, y: Double, size: Int, anchor: String = "start",
                     weight: String = "normal", colour: String = Colour.text) -> String {
        "<text x=\"\(fixed(x))\" y=\"\(fixed(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" "
            + "font-weight=\"\(weight)\" fill=\"\(colour)\">\(escape(content))</text>"
    }

    /// Coordinates with one decimal: shorter files, no visible difference.
    static func fixed(_ value: Double) -> String { Format.fixed(value, digits: 1) }

    /// XML-escapes text content and attribute values.
    static func escape(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
    }
}
