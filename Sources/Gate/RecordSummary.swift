/// What a recording changed, metric by metric, for the log and the reviewer.
public struct RecordSummary: Sendable, CustomStringConvertible {
    /// One metric's old and new median.
    public struct Change: Sendable, Hashable {
        public var metric: String
        public var unit: String
        /// `nil` for a metric recorded for the first time.
        public var oldMedian: Double?
        public var newMedian: Double
        /// `new / old - 1`, when there was an old value.
        public var change: Double? {
            guard let oldMedian, oldMedian > 0 else { return nil }
            return newMedian / oldMedian - 1
        }
    }

    public var id: BenchmarkID
    public var file: String
    /// Whether the benchmark had no baseline before.
    public var isNew: Bool
    public var changes: [Change]
    /// Warnings, e.g. a noise floor estimated from too few batches.
    public var notes: [String]

    public var description: String {
        var lines = ["recorded \(id) in \(file)\(isNew ? " (new)" : "")"]
        var table = TextTable(header: ["metric", "old", "new", "change"], rightAligned: [1, 2, 3])
        for change in changes {
            table.rows.append([
                change.metric,
                change.oldMedian.map { format($0, unit: change.unit) } ?? "-",
                format(change.newMedian, unit: change.unit),
                change.change.map(signedPercent) ?? "new",
            ])
        }
        lines.append(table.rendered())
        lines += notes.map { "  note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
