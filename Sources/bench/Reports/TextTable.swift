/// A plain-text table with aligned columns: numbers right, words left.
struct TextTable {
    var header: [String]
    var rows: [[String]]

    func rendered() -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return Self.isNumeric(cell) ? padding + cell : cell + padding
            }.joined(separator: "  ").trimmingSuffix(while: { $0 == " " })
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
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
