import Gate

/// One model's figures as shown in every report, computed once.
struct ModelRow {
    var model: String
    var antiPattern: Bool
    var time: Double
    var spread: Double
    var rounds: Int
    /// Sum of the rounds, like the article's `timeit`.
    var total: Double
    /// Serial median / this median (nil when serial was not measured).
    var speedup: Double?
    /// The ideal time / this time: 100% is as fast as the cores (CPU) or one delay (I/O) allow.
    var efficiency: Double?
    var cpu: Double
    /// CPU seconds per job (per request on the I/O job).
    var cpuPerJob: Double
    /// Heap allocations per job, the least of the rounds; nil where not counted.
    var allocationsPerJob: Double?
    var check: String
    var ok: Bool
    var baselineChange: Double?

    /// The rows of one workload, in the order the models ran.
    /// The rows, and the errors of failed models as numbered footnotes: a
    /// failed row says "failed [n]" and shows no ratios (a failed run's time
    /// measures how fast it failed, not the model).
    static func rows(of workload: WorkloadResult, jobs: Int) -> (rows: [ModelRow], footnotes: [String]) {
        let serial = workload.models.first { $0.model == "serial" && $0.ok }?.medianWall
        var footnotes: [String] = []
        let rows = workload.models.map { result in
            let time = result.medianWall
            var check = result.check
            if !result.ok {
                footnotes.append("[\(footnotes.count + 1)] \(result.model): \(result.check)")
                check = "failed [\(footnotes.count)]"
            }
            return ModelRow(
                model: result.model + (result.antiPattern ? " (anti-pattern)" : ""),
                antiPattern: result.antiPattern, time: time, spread: result.spread,
                rounds: result.samples.count, total: result.totalWall,
                speedup: result.ok ? serial.flatMap { time > 0 ? $0 / time : nil } : nil,
                efficiency: result.ok ? workload.ideal.flatMap { time > 0 ? $0 / time : nil } : nil,
                cpu: result.medianCPU, cpuPerJob: result.medianCPU / Double(max(jobs, 1)),
                allocationsPerJob: result.ok ? result.allocationsPerJob : nil,
                check: check, ok: result.ok, baselineChange: result.ok ? result.baselineChange : nil)
        }
        return (rows, footnotes)
    }
}

/// A column of the text and Markdown tables.
struct ModelColumn {
    var header: String
    var cell: (ModelRow) -> String

    /// The columns for one workload: CPU per request for I/O, per run for CPU, the
    /// timeit-style total only for `--article`, allocations only for `--allocations`.
    static func columns(io: Bool, article: Bool, allocations: Bool = false) -> [ModelColumn] {
        var columns = [
            ModelColumn(header: "model") { $0.model },
            ModelColumn(header: "time (s)") { Format.seconds($0.time) },
            ModelColumn(header: "spread") { "±" + Format.percent($0.spread, digits: 0) },
        ]
        if article {
            columns.append(ModelColumn(header: "total (s)") { Format.seconds($0.total) })
        }
        columns += [
            ModelColumn(header: "speedup") { $0.speedup.map(Format.ratio) ?? "-" },
            ModelColumn(header: "vs ideal") { $0.efficiency.map { Format.percent($0, digits: 0) } ?? "-" },
        ]
        // I/O: CPU per request (the whole run's CPU is K times it); CPU jobs: the run's CPU.
        columns.append(io ? ModelColumn(header: "CPU ms/req") { Format.fixed($0.cpuPerJob * 1000, digits: 2) }
                          : ModelColumn(header: "CPU (s)") { Format.seconds($0.cpu) })
        if allocations {
            columns.append(ModelColumn(header: "allocs/job") { $0.allocationsPerJob.map { Format.fixed($0, digits: 2) } ?? "-" })
        }
        columns += [
            ModelColumn(header: "vs baseline") { $0.baselineChange.map { Format.signedPercent($0, digits: 1) } ?? "-" },
            ModelColumn(header: "result check") { $0.check },
        ]
        return columns
    }
}
