/// With `--article`: how to read Swift's numbers beside the seed's Python ones.
enum ArticleNote {
    /// The seed's Python benchmark, run on this kind of machine (platform facts):
    /// timeit totals over 3 rounds, N = 15000, 4 jobs.
    static let pythonCPU = "serial 0.100 s, threading 0.139 s, multiprocessing 0.093 s, asyncio 0.107 s"
    /// Per round, 4 GETs of /delay/1 against a loopback httpbin.
    static let pythonIO = "threading and asyncio 1.01 s, multiprocessing 1.03 s, serial 4.0 s"

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
        if cpu != nil {
            lines.append("The seed's Python on this machine, CPU, 3 rounds summed: \(pythonCPU).")
        }
        if result.workloads.contains(where: { $0.workload == "io" }) {
            lines.append("The seed's Python on this machine, I/O, per round: \(pythonIO).")
        }
        return lines
    }
}
