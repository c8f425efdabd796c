/// One model's figures as shown in every report, computed once.
struct ModelRow {
    var model: String
    var antiPattern: Bool
    var time: Double
    var spread: Double
    var rounds: Int
    /// Serial median / this median (nil when serial was not measured).
    var speedup: Double?
    /// Against the ideal: speedup / cores for CPU, delay / time for I/O.
    var efficiency: Double?
    var cpu: Double
    var check: String
    var ok: Bool
    var baselineChange: Double?

    /// The rows of one workload, in the order the models ran.
    static func rows(of workload: WorkloadResult, cores: Int) -> [ModelRow] {
        let serial = workload.models.first { $0.model == "serial" }?.medianWall
        return workload.models.map { result in
            let time = result.medianWall
            let speedup = serial.flatMap { time > 0 ? $0 / time : nil }
            let efficiency: Double? = workload.workload == "cpu"
                ? speedup.map { $0 / Double(cores) }
                : workload.ideal.flatMap { time > 0 ? $0 / time : nil }
            return ModelRow(
                model: result.model + (result.antiPattern ? " (anti-pattern)" : ""),
                antiPattern: result.antiPattern, time: time, spread: result.spread,
                rounds: result.samples.count, speedup: speedup, efficiency: efficiency,
                cpu: result.medianCPU, check: result.check, ok: result.ok,
                baselineChange: result.baselineChange)
        }
    }

    /// The cells shared by the text, Markdown and CSV reports.
    var cells: [String] {
        [
            model,
            Format.seconds(time),
            "±" + Format.percent(spread),
            String(rounds),
            speedup.map { Format.ratio($0) } ?? "-",
            efficiency.map { Format.percent($0) } ?? "-",
            Format.seconds(cpu),
            baselineChange.map { Format.signedPercent($0) } ?? "-",
            check,
        ]
    }

    static let header = ["model", "time (s)", "spread", "rounds", "speedup", "vs ideal", "CPU (s)", "vs baseline", "result check"]
}

/// Number formatting shared by the reports.
enum Format {
    static func seconds(_ value: Double) -> String { fixed(value, digits: value < 10 ? 3 : 2) }
    static func ratio(_ value: Double) -> String { fixed(value, digits: 2) + "x" }
    static func percent(_ value: Double) -> String { fixed(value * 100, digits: 0) + "%" }
    static func signedPercent(_ value: Double) -> String { (value >= 0 ? "+" : "") + fixed(value * 100, digits: 1) + "%" }

    /// `value` with exactly `digits` decimals, without Foundation's formatters.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
