import Testing
import Gate
@testable import bench

/// Tables keep their columns in every mode (issue 20, item 11): a line too wide
/// wraps its last column's cell, never the padding between cells.
@Suite("Text tables")
struct TextTableTests {
    @Test("a table wider than 120 columns wraps its last column, aligned under it")
    func wideTableWrapsLastColumn() {
        let check = "ok (HTTP 200, 63951 primes, and a long explanation of what was checked)"
        let table = TextTable(
            header: ["model", "time (s)", "spread", "total (s)", "speedup", "vs ideal", "CPU (s)", "vs baseline", "result check"],
            rows: [["blockingTasks (anti-pattern)", "1.312", "±0%", "1.312", "2.01x", "77%", "1.713", "-", check],
                   ["serial", "2.633", "±0%", "2.633", "1.00x", "39%", "1.829", "-", "ok"]])
        let lines = table.rendered().split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(lines.map(\.count))")
        let start = lines[0].distance(from: lines[0].startIndex, to: lines[0].range(of: "result check")!.lowerBound)
        // The first row's cell starts under the header, its continuation too; words are all there.
        #expect(lines[2].dropFirst(start).hasPrefix("ok (HTTP 200"))
        #expect(lines[3].prefix(start).allSatisfy { $0 == " " } && lines[3].count > start)
        let wrappedCell = lines.dropFirst(2).dropLast().map { $0.dropFirst(start) }.joined(separator: " ")
        #expect(wrappedCell == check)
        // Numbers stay right-aligned under their headers.
        let timeEnd = lines[0].distance(from: lines[0].startIndex, to: lines[0].range(of: "time (s)")!.upperBound)
        for row in [lines[2], lines.last!] {
            #expect(row.dropFirst(timeEnd - 5).hasPrefix(row.hasPrefix("serial") ? "2.633 " : "1.312 "), "\(row)")
        }
    }

    @Test("bench --article: the mixed table with its total column stays aligned")
    func articleTables() async throws {
        let run = try await BenchExecutable.run(
            ["--article", "--workload", "mixed", "--models", "serial,blockingTasks", "--rounds", "1",
             "--mixed-jobs", "2", "--mixed-limit", "3000", "--mixed-delay", "0.01", "-q"], timeout: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        let header = try #require(lines.first { $0.hasPrefix("model ") && $0.contains("total (s)") }, "\(run.stdout)")
        let totalEnd = header.distance(from: header.startIndex, to: header.range(of: "total (s)")!.upperBound)
        let rows = lines.filter { $0.hasPrefix("serial ") || $0.hasPrefix("blockingTasks ") }
        #expect(rows.count == 2, "\(run.stdout)")
        for row in rows {
            // Right-aligned: the total's last digit sits under the header's last character.
            let cell = row.prefix(totalEnd).split(separator: " ").last ?? ""
            #expect(row.count > totalEnd && Double(cell) != nil && row.dropFirst(totalEnd).first == " ", "\(row)")
        }
        #expect(lines.allSatisfy { $0.count <= 120 })
    }
}
