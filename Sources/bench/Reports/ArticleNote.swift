import Gate

/// With `--article`: how to read Swift's numbers beside the seed's Python ones.
enum ArticleNote {
    /// The note's lines; empty unless the run used the article's parameters.
    static func lines(_ result: ExperimentResult) -> [String] {
        guard result.parameters.article else { return [] }
        var lines = ["Article parameters (N = \(result.parameters.limit), \(result.parameters.cpuJobs) jobs, "
            + "\(result.parameters.rounds) rounds). The \"total (s)\" column sums the rounds, like the article's timeit."]
        let cpu = result.workloads.first { $0.workload == "cpu" }
        if let serial = cpu?.models.first(where: { $0.model == "serial" && $0.ok }) {
            let perJob = serial.medianWall / Double(max(result.parameters.cpuJobs, 1)) * 1000
            lines.append("One job took \(Format.fixed(perJob, digits: 2)) ms in Swift (serial median / jobs): "
                + "well under a millisecond, so thread and process start-up dominate the CPU table.")
        }
        return lines
    }
}
