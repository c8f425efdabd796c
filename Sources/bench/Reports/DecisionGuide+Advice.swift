import Gate

/// "What to use": the article's guide redone for Swift, each line citing the
/// figure measured in this run.
extension DecisionGuide {
    /// "threads 1.84x, tasks 1.84x", for the models of `names` that ran correctly.
    private static func cite(_ job: WorkloadFigures, _ names: [String], figure: (ModelResult) -> String) -> String {
        names.compactMap { job.correct($0) }.map { "\($0.model) \(figure($0))" }.joined(separator: ", ")
    }

    /// Models within `factor` of the winner, and the rest, among `names`.
    private static func split(_ job: WorkloadFigures, _ names: [String], factor: Double) -> (good: [String], slow: [String]) {
        guard let winner = job.winner else { return ([], []) }
        let ran = names.filter { job.correct($0) != nil }
        let good = ran.filter { job.correct($0)!.medianWall <= winner.medianWall * factor }
        return (good, ran.filter { !good.contains($0) })
    }

    static func cpuAdvice(_ job: WorkloadFigures) -> [String] {
        guard let winner = job.winner else { return [] }
        // "1.84x" when serial ran, else the time.
        let speedup = { (result: ModelResult) -> String in
            job.speedup(result).map(Format.ratio) ?? Format.seconds(result.medianWall) + " s"
        }
        var lines: [String] = []
        // Claims about scaling need serial as the yardstick.
        guard job.correct("serial") != nil else { return [] }
        let good = split(job, ["threads", "tasks", "dispatch", "operationQueue", "processes"], factor: 1.15).good
        let threadModels = good.filter { $0 != "processes" }
        if let winnerSpeedup = job.speedup(winner), winnerSpeedup < 1.15 {
            lines.append("CPU-bound: nothing beat serial by 15% on this host (\(job.cores) core(s)); keep it simple.")
        } else if !threadModels.isEmpty {
            let ideal = Double(max(1, min(job.cores, job.jobs)))
            lines.append("CPU-bound: \(cite(job, threadModels, figure: speedup)) over serial "
                + "(ideal \(Format.ratio(ideal)) with \(job.cores) cores); pick what fits the code "
                + "(tasks in async code, concurrentPerform for a loop).")
        }
        if let processes = job.correct("processes") {
            let cost = job.overheadPerJob(processes).map { ", ~\(Format.fixed($0, digits: 1)) ms per child" } ?? ""
            lines.append(good.contains("processes")
                ? "CPU-bound, isolated: processes also scale (\(speedup(processes))\(cost)); worth it for crash isolation, not for speed."
                : "CPU-bound: processes were slower here (\(speedup(processes))\(cost)); start-up outweighed jobs this size.")
        }
        let serialLike = cite(job, ["eventLoop", "gil"], figure: speedup)
        if !serialLike.isEmpty {
            lines.append("Not for CPU work: \(serialLike); one thread (or one lock) runs one job at a time.")
        }
        return lines
    }

    static func ioAdvice(_ job: WorkloadFigures) -> [String] {
        guard job.winner != nil, !serverIgnoresDelay(job) else { return [] }
        let timeAndCPU = { (result: ModelResult) -> String in
            "\(Format.seconds(result.medianWall)) s, \(Format.fixed(result.medianCPU / Double(job.jobs) * 1000, digits: 2)) CPU ms/req"
        }
        var lines: [String] = []
        let (good, slow) = split(job, ["tasks", "eventLoop", "threads", "processes", "dispatch", "operationQueue"], factor: 1.5)
        let asyncModels = good.filter { $0 == "tasks" || $0 == "eventLoop" }
        if !asyncModels.isEmpty {
            lines.append("I/O-bound: async I/O, \(cite(job, asyncModels, figure: timeAndCPU)): "
                + "\(job.jobs) requests overlapped in about one delay (\(Format.seconds(job.delay)) s).")
        }
        if good.contains("threads") {
            lines.append("I/O-bound, blocking code: threads are fine at K = \(job.jobs) (\(cite(job, ["threads"], figure: timeAndCPU))); "
                + "one thread per request grows with K.")
        }
        if let processes = job.correct("processes"), !good.contains("processes"), let cost = job.overheadPerJob(processes) {
            lines.append("I/O-bound: processes cost ~\(Format.fixed(cost, digits: 1)) ms per child "
                + "(\(timeAndCPU(processes))); use them only when each request is long.")
        }
        let avoid = slow.filter { $0 != "processes" } + (job.correct("blockingTasks").map { _ in ["blockingTasks"] } ?? [])
        if !avoid.isEmpty {
            lines.append("Avoid for blocking I/O: " + cite(job, avoid) { result in
                "\(Format.seconds(result.medianWall)) s (\(Format.ratio(result.medianWall / job.winner!.medianWall)) the fastest)"
            } + "; a fixed-width pool, not the delay, sets their time."
                + (avoid.contains("blockingTasks") ? " Blocking pool threads on work that needs the pool deadlocks "
                    + "outright: `bench deadlock`." : ""))
        }
        return lines
    }
}
