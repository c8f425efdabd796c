/// A plain-text table with aligned columns, at most `maximumWidth` wide:
/// numbers right, words left (or the columns in `rightAligned`), an optional
/// rule under the header. When the cells would run past the width, the last
/// column's cells wrap at spaces onto lines of their own, indented to that
/// column (a report wrapping the whole line instead collapsed the padding to
/// single spaces: the --article tables, one column wider, lost their columns).
public struct TextTable {
    public var header: [String]
    public var rows: [[String]]
    /// Right-aligned columns; `nil`: the cells that read as numbers.
    public var rightAligned: Set<Int>?
    /// Every line starts with it.
    public var indent: String
    /// A line of dashes under the header.
    public var rule: Bool
    public static let maximumWidth = 120
    /// The last column keeps at least this many characters before it may overflow.
    static let narrowestLastColumn = 12

    public init(header: [String], rows: [[String]] = [], rightAligned: Set<Int>? = nil, indent: String = "",
                rule: Bool = true) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
        self.indent = indent
        self.rule = rule
    }

    public func rendered() -> String {
        var widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        let lastStart = indent.count + widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let room = Self.maximumWidth - lastStart
        if let last = widths.indices.last, widths[last] > room {
            widths[last] = max(room, Self.narrowestLastColumn, header[last].count)
        }
        func lines(_ row: [String]) -> [String] {
            let cells = header.indices.map { row.indices.contains($0) ? row[$0] : "" }
            // `wrapped` indents continuation lines by four: drop that, the column aligns them.
            var pieces = wrapped(cells.last ?? "", width: widths[widths.count - 1])
                .split(separator: "\n").map { String($0.drop { $0 == " " }) }
            let first = cells.dropLast().enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                let right = rightAligned.map { $0.contains(column) } ?? Self.isNumeric(cell)
                return right ? padding + cell : cell + padding
            } + [pieces.isEmpty ? "" : pieces.removeFirst()]
            let continuation = String(repeating: " ", count: lastStart)
            return [indent + first.joined(separator: "  ").trimmingSuffix(while: { $0 == " " })]
                + pieces.map { continuation + $0 }
        }
        let dashes = indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([lines(header).joined(separator: "\n")] + (rule ? [dashes] : [])
            + rows.map { lines($0).joined(separator: "\n") }).joined(separator: "\n")
    }

    private static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || ((first == "+" || first == "-" || first == "±") && cell.count > 1)
    }
}

extension String {
    /// This string without the trailing characters that match.
    public func trimmingSuffix(while matches: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, matches(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
