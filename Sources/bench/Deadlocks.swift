import Foundation
import Gate
import Runners
import Workloads

/// `bench deadlock [--format table|json|markdown] [-o FILE] [-q]`: the article's
/// last pitfall. Each hazard runs in a child process (`bench deadlock-hazard
/// NAME`) that watches its own bookkeeping and says what is stuck; the child
/// is killed after ``bound`` whatever it does. Each fix runs here, timed, its
/// result checked. Exit status 1 when a hazard went undetected or a fix was wrong.
enum Deadlocks {
    struct Options: Sendable, Equatable {
        enum Format: String, CaseIterable, Sendable {
            case table, json, markdown
        }

        var format = Format.table
        var output: String?
        var quiet = false
    }

    /// A hazard's child is killed after this long.
    static let bound: Duration = .seconds(6)

    /// What a hazard did in its child process.
    struct Hazard: Codable, Sendable, Equatable {
        var pitfall: String
        var hazard: String
        /// deadlock, trapped, completed, hung, killed (no answer within the bound) or failed (did not start).
        var ending: String
        /// Seconds from starting the child to its answer.
        var seconds: Double
        /// What was stuck, from the hazard's own bookkeeping; or what happened instead.
        var what: String

        var detected: Bool { ending == "deadlock" || ending == "trapped" }
    }

    /// What a fix did here.
    struct Fix: Codable, Sendable, Equatable {
        var fix: String
        var summary: String
        var seconds: Double
        var exact: Bool
        var result: String
    }

    struct Pitfall: Codable, Sendable, Equatable {
        var hazard: Hazard
        var fixes: [Fix]
        var advice: String
    }

    struct Report: Codable, Sendable, Equatable {
        var cores: String
        var pitfalls: [Pitfall]

        var ok: Bool { pitfalls.allSatisfy { $0.hazard.detected && $0.fixes.allSatisfy(\.exact) } }
    }

    static func run(_ options: Options) -> Int32 {
        if let path = options.output, let problem = ReportOutput.problem(writing: path) {
            Progress.warn(wrapped("bench: cannot write -o \(path): \(problem). Nothing was run."))
            return 2
        }
        InterruptHandling.install()
        let progress = Progress(quiet: options.quiet)
        var pitfalls: [Pitfall] = []
        for pitfall in DeadlockPitfall.allCases {
            progress.step("deadlock \(pitfall): hazard in a child process")
            let hazard = probe(pitfall, executable: selfPath())
            progress.done("deadlock \(pitfall): \(hazard.ending) after \(milliseconds(hazard.seconds))")
            let fixes = pitfall.fixes.map { fix in
                progress.step("deadlock \(pitfall): fix \(fix)")
                return check(fix)
            }
            pitfalls.append(Pitfall(hazard: hazard, fixes: fixes, advice: pitfall.advice))
            InterruptHandling.exitIfInterrupted()
        }
        let report = Report(cores: Machine.current.summary, pitfalls: pitfalls)
        do {
            try ReportOutput.write(try render(report, as: options.format), to: options.output)
        } catch {
            Progress.warn("bench: cannot write the report: \(error)")
            return 1
        }
        return report.ok ? 0 : 1
    }

    /// Runs `pitfall`'s hazard in a child process of `executable` (a bench) and reads its answer.
    static func probe(_ pitfall: DeadlockPitfall, executable: String) -> Hazard {
        var hazard = Hazard(pitfall: pitfall.rawValue, hazard: pitfall.hazard, ending: "failed", seconds: 0, what: "")
        let start = ContinuousClock.now
        let finished: ChildProcess.Finished
        do {
            finished = try ChildProcess.run(executable, arguments: ["deadlock-hazard", pitfall.rawValue],
                                            until: start + bound, cancellation: CancellationFlag())
        } catch {
            hazard.what = "could not start the child: \(error)"
            return hazard
        }
        hazard.seconds = (ContinuousClock.now - start).seconds
        let answer = String(decoding: finished.output, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let ending = String(answer.prefix { $0 != " " })
        if finished.killed {
            hazard.ending = "killed"
            hazard.what = "no answer within \(Int(bound.seconds)) s; the child was killed"
        } else if let known = DeadlockWatch.Ending(rawValue: ending), finished.termination == .exited(known.status) {
            hazard.ending = ending
            hazard.what = String(answer.dropFirst(ending.count + 1))
        } else {
            let errors = String(decoding: finished.errors.prefix(300), as: UTF8.self)
            hazard.what = "the child ended (\(finished.termination)) without an answer: \(errors)"
        }
        return hazard
    }

    /// Runs `fix` here and checks its result.
    static func check(_ fix: DeadlockFix) -> Fix {
        do {
            let outcome = try fix.run()
            return Fix(fix: fix.rawValue, summary: fix.summary, seconds: outcome.seconds, exact: outcome.exact,
                       result: outcome.result)
        } catch {
            return Fix(fix: fix.rawValue, summary: fix.summary, seconds: 0, exact: false, result: "failed: \(error)")
        }
    }

    static func render(_ report: Report, as format: Options.Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        case .table:
            var table = TextTable(header: ["pitfall", "run", "outcome", "after", "result"], rightAligned: [3])
            for pitfall in report.pitfalls {
                let hazard = pitfall.hazard
                table.rows.append([hazard.pitfall, hazard.hazard, hazard.ending.uppercased(),
                                   milliseconds(hazard.seconds), hazard.detected ? "detected" : "NOT DETECTED"])
                for fix in pitfall.fixes {
                    table.rows.append(["", "fix: " + fix.summary, fix.exact ? "completed" : "WRONG",
                                       milliseconds(fix.seconds), fix.exact ? "exact" : "WRONG RESULT"])
                }
            }
            let bullets = { (lines: [String]) in lines.map { wrapped("  - " + $0) } }
            return ([
                "Deadlocks, \(report.cores): each hazard runs in a child process that watches its own bookkeeping",
                "(killed after \(Int(bound.seconds)) s); each fix runs here, its result checked",
                table.rendered(), "What was stuck (each hazard's own bookkeeping)",
            ] + bullets(report.pitfalls.map { "\($0.hazard.pitfall): \($0.hazard.what)" })
                + ["What the fixes did"] + bullets(report.pitfalls.flatMap { $0.fixes.map { "\($0.fix): \($0.result)" } })
                + ["What to do"] + bullets(report.pitfalls.map { "\($0.hazard.pitfall): \($0.advice)" }))
                .joined(separator: "\n") + "\n"
        case .markdown:
            var lines = ["## Deadlocks", "", "Each hazard runs in a child process that watches its own bookkeeping; "
                + "each fix runs in bench, its result checked. \(report.cores).", "",
                "| pitfall | run | outcome | after | result |", "|---|---|---|---:|---|"]
            for pitfall in report.pitfalls {
                let hazard = pitfall.hazard
                lines.append("| \(hazard.pitfall) | \(hazard.hazard) | \(hazard.ending) | \(milliseconds(hazard.seconds)) "
                    + "| \(hazard.detected ? "detected" : "**not detected**"): \(hazard.what) |")
                for fix in pitfall.fixes {
                    lines.append("| | fix: \(fix.summary) | \(fix.exact ? "completed" : "**wrong**") "
                        + "| \(milliseconds(fix.seconds)) | \(fix.result) |")
                }
            }
            lines += ["", "What to do:", ""] + report.pitfalls.map { "- **\($0.hazard.pitfall)**: \($0.advice)" }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private static func milliseconds(_ seconds: Double) -> String {
        Format.fixed(seconds * 1000, digits: seconds < 0.1 ? 1 : 0) + " ms"
    }

    /// This executable, which the children run again.
    private static func selfPath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
