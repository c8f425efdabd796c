import Gate

/// The third case of the article's guide: jobs that wait, then compute.
/// Each claim is made only when the measured time matches what its cause predicts.
extension DecisionGuide {
    /// One job's computing alone, from serial: serial time / K - delay.
    private static func compute(_ job: WorkloadFigures) -> Double? {
        job.serial.map { max(0, $0.medianWall / Double(max(job.jobs, 1)) - job.delay) }
    }

    static func mixedFindings(_ job: WorkloadFigures) -> [String] {
        var lines = winnerLine(job, label: "Mixed (I/O, then CPU)")
        guard let compute = compute(job) else { return lines }
        let k = Double(job.jobs)
        let computing = "K x compute = \(Format.seconds(k * compute)) s"
        for name in ["eventLoop", "gil"] {
            guard let result = job.correct(name),
                  WorkloadFigures.near(result.medianWall, job.delay + k * compute) else { continue }
            let thread = name == "gil" ? "one lock" : "the loop's one thread"
            lines.append("\(name): \(Format.seconds(result.medianWall)) s, about one delay + \(computing): the GETs "
                + "overlapped, but every job's computing took turns on \(thread).")
        }
        let waves = (Double(job.jobs) / Double(max(job.cores, 1))).rounded(.up)
        for name in ["dispatch", "blockingTasks"] {
            guard let result = job.correct(name),
                  WorkloadFigures.near(result.medianWall, waves * (job.delay + compute)) else { continue }
            lines.append("\(name): \(Format.seconds(result.medianWall)) s = \(Format.fixed(waves, digits: 0)) x "
                + "(delay + compute): \(job.cores) threads each waited, then computed, one job at a time.")
        }
        if let hybrid = job.correct("hybrid"), let ideal = job.workload.ideal {
            lines.append("hybrid: \(Format.seconds(hybrid.medianWall)) s against an ideal of \(Format.seconds(ideal)) s "
                + "(one delay + \(computing) / \(min(job.cores, job.jobs)) cores): GETs on the loop, computing on the pool.")
        }
        return lines
    }

    static func mixedAdvice(_ job: WorkloadFigures) -> [String] {
        guard let winner = job.winner else { return [] }
        let times = { (names: [String]) in
            names.compactMap { job.correct($0) }.map { "\($0.model) \(Format.seconds($0.medianWall)) s" }
                .joined(separator: ", ")
        }
        let good = ["hybrid", "tasks", "threads", "processes"].filter {
            job.correct($0).map { $0.medianWall <= winner.medianWall * 1.15 } ?? false
        }
        var lines: [String] = []
        if !good.isEmpty {
            lines.append("Mixed: overlap the waits and spread the computing over the cores: \(times(good))"
                + (good.contains("hybrid") ? "; hybrid is the article's advice (asyncio plus a process pool) in Swift." : "."))
        }
        let oneThread = ["eventLoop", "gil"].filter {
            job.correct($0).map { $0.medianWall > winner.medianWall * 1.5 } ?? false
        }
        if !oneThread.isEmpty {
            lines.append("Not for mixed work alone: \(times(oneThread)); an event loop that also computes runs every "
                + "job's CPU part on its one thread. Hand the computing to a pool (hybrid).")
        }
        return lines
    }
}
