/// A plain-text table with aligned columns: numbers right, words left.
///
/// At most `maximumWidth` columns wide: when the cells would run past it, the
/// last column's cells wrap at spaces onto lines of their own, indented to that
/// column (a report wrapping the whole line instead collapsed the padding to
/// single spaces: the --article tables, one column wider, lost their columns).
struct TextTable {
    var header: [String]
    var rows: [[String]]
    static let maximumWidth = 120
    /// The last column keeps at least this many characters before it may overflow.
    static let narrowestLastColumn = 12

    func rendered() -> String {
        var widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let lastStart = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        let room = Self.maximumWidth - lastStart
        if let last = widths.indices.last, widths[last] > room {
            widths[last] = max(room, Self.narrowestLastColumn, header[last].count)
        }
        func lines(_ cells: [String]) -> [String] {
            // Format.wrapped indents continuation lines by four: drop that, the column aligns them.
            var pieces = Format.wrapped(cells.last ?? "", width: widths[widths.count - 1])
                .split(separator: "\n").map { String($0.drop { $0 == " " }) }
            let first = cells.dropLast().enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return Self.isNumeric(cell) ? padding + cell : cell + padding
            } + [pieces.removeFirst()]
            let indent = String(repeating: " ", count: lastStart)
            return [first.joined(separator: "  ").trimmingSuffix(while: { $0 == " " })] + pieces.map { indent + $0 }
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([lines(header).joined(separator: "\n"), rule] + rows.map { lines($0).joined(separator: "\n") })
            .joined(separator: "\n")
    }

    private static func isNumeric(_ cell: String) -> Bool {
        guard let first = cell.first else { return false }
        return first.isNumber || ((first == "+" || first == "-" || first == "±") && cell.count > 1)
    }
}

extension String {
    /// This string without the trailing characters that match.
    func trimmingSuffix(while matches: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, matches(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
