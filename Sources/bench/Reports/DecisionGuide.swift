import Gate

/// The decision guide, derived from this run's numbers: per job the winner
/// and the models that lost, with why; then what to use. A model that did
/// not run is never mentioned, and a cause is named only when the measured
/// figure matches what that cause predicts.
struct DecisionGuide {
    /// Facts per job: winner, losers and their numbers.
    var findings: [String] = []
    /// "What to use", each line citing a measured figure.
    var advice: [String] = []

    init(_ result: ExperimentResult) {
        let figures = result.workloads.map { workload in
            WorkloadFigures(workload: workload, jobs: result.parameters.jobs(workload.workload),
                            cores: result.host.cores, delay: result.parameters.delay(workload.workload))
        }
        for job in figures {
            switch job.workload.workload {
            case "cpu": (findings, advice) = (findings + Self.cpuFindings(job), advice + Self.cpuAdvice(job))
            case "io": (findings, advice) = (findings + Self.ioFindings(job), advice + Self.ioAdvice(job))
            default: (findings, advice) = (findings + Self.mixedFindings(job), advice + Self.mixedAdvice(job))
            }
        }
    }

    /// The winner of a job, "dispatch: 0.270 s, 1.99x serial (0.538 s)".
    static func winnerLine(_ job: WorkloadFigures, label: String) -> [String] {
        guard let winner = job.winner else { return ["\(label): no model passed its result check."] }
        var line = "\(label): fastest correct model is \(winner.model), \(Format.seconds(winner.medianWall)) s"
        if let speedup = job.speedupText(winner), winner.model != "serial" {
            line += ", \(speedup) (\(Format.seconds(job.serial!.medianWall)) s)"
        }
        let close = job.workload.models.filter {
            $0.ok && !$0.antiPattern && $0.model != "gil" && $0.model != winner.model
                && $0.medianWall <= winner.medianWall * 1.1
        }
        if !close.isEmpty {
            line += "; within 10%: " + close.map { "\($0.model) \(Format.seconds($0.medianWall)) s" }.joined(separator: ", ")
        }
        return [line + "."]
    }

    private static func failures(_ job: WorkloadFigures) -> [String] {
        job.workload.models.filter { !$0.ok }.map { "\($0.model) failed (see the footnote under the table); its time is not compared." }
    }

    private static func cpuFindings(_ job: WorkloadFigures) -> [String] {
        var lines = winnerLine(job, label: "CPU-bound")
        for name in ["gil", "eventLoop"] {
            guard let result = job.correct(name), let speedup = job.speedup(result) else { continue }
            let why = name == "gil"
                ? "threads that take turns holding one lock (the CPython GIL emulation)"
                : "every job runs on the loop's one thread"
            let verdict = speedup < 1.15 ? "no faster than serial: \(why)" : "faster than serial despite \(why)"
            lines.append("\(name): \(Format.seconds(result.medianWall)) s, \(Format.ratio(speedup)) serial, \(verdict).")
        }
        if let processes = job.correct("processes"), let overhead = job.overheadPerJob(processes), let ideal = job.workload.ideal {
            lines.append("processes: \(Format.seconds(processes.medianWall)) s against an ideal of \(Format.seconds(ideal)) s: "
                + "about \(Format.fixed(overhead, digits: 1)) ms per child ((time - ideal) / \(job.jobs) jobs) "
                + "for starting a process and collecting its answer.")
        }
        return lines + failures(job)
    }

    /// The fastest correct model took under 90 % of one delay: the server answered
    /// without waiting, so the times say nothing about how requests overlap.
    static func serverIgnoresDelay(_ job: WorkloadFigures) -> Bool {
        guard let winner = job.winner, job.delay > 0 else { return false }
        return winner.medianWall < 0.9 * job.delay
    }

    private static func ioFindings(_ job: WorkloadFigures) -> [String] {
        var lines = winnerLine(job, label: "I/O-bound")
        if serverIgnoresDelay(job), let winner = job.winner {
            return lines + ["I/O-bound: \(winner.model) took \(Format.seconds(winner.medianWall)) s, less than one delay "
                + "(\(Format.seconds(job.delay)) s): the server does not wait before answering /delay, so these times "
                + "say nothing about overlap; point --url at a server that honours /delay/{seconds}."] + failures(job)
        }
        let perCore = Double(job.jobs) / Double(max(job.cores, 1))
        // processes gets its own line below: its cost is start-up, not width.
        for result in job.workload.models where result.ok && result.model != "processes" && result.medianWall > 2 * job.delay {
            let time = Format.seconds(result.medianWall)
            let delays = result.medianWall / job.delay
            let width = Format.fixed(job.effectiveWidth(result), digits: 1)
            var line = "\(result.model): \(time) s = \(Format.fixed(delays, digits: 1)) delays, "
                + "so about \(width) requests were in flight (K x delay / time)"
            switch result.model {
            case "serial" where WorkloadFigures.near(delays, Double(job.jobs)):
                line += ": one request after another (\(job.jobs) delays)"
            case "blockingTasks" where WorkloadFigures.near(delays, perCore):
                line += ": ~K/cores = \(Format.fixed(perCore, digits: 0)) delays, as each blocking GET holds "
                    + "one of the cooperative pool's \(job.cores) threads"
            case "dispatch" where WorkloadFigures.near(delays, perCore):
                line += ": ~K/cores = \(Format.fixed(perCore, digits: 0)) delays, as concurrentPerform is only as wide as the cores"
            case "operationQueue":
                line += ", though it was given one slot per job: its thread pool, not the delay, set the time"
            default:
                break
            }
            lines.append(line + ".")
        }
        if let processes = job.correct("processes"), let overhead = job.overheadPerJob(processes) {
            lines.append("processes: \(Format.seconds(processes.medianWall)) s against one delay of "
                + "\(Format.seconds(job.delay)) s: about \(Format.fixed(overhead, digits: 1)) ms per child "
                + "((time - delay) / \(job.jobs) requests), CPU \(Format.fixed(processes.medianCPU / Double(job.jobs) * 1000, digits: 2)) ms per request.")
        }
        return lines + failures(job)
    }
}
