/// Reading a baseline file strictly: every key checked, nothing assumed.
///
/// Not `Decodable`: its errors cannot say `benchmarks."cpu.threads".metrics.wallPerCal.samples`
/// in words a reviewer can act on, and Foundation's parser hides duplicate keys.
extension BaselineFile {
    /// Parses and validates the bytes of a baseline file.
    ///
    /// - Parameter file: The path shown in errors.
    /// - Throws: ``BaselineError`` naming `file` and, where there is one, the key path.
    static func decode(_ bytes: [UInt8], file: String) throws(BaselineError) -> BaselineFile {
        guard !bytes.isEmpty else {
            throw BaselineError(.malformed, file: file, problem: "the file is empty")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            switch error {
            case .syntax(let message, let line, let column):
                throw BaselineError(.malformed, file: file,
                                    problem: "invalid JSON at line \(line), column \(column): \(message)")
            case .duplicateKey(let key, let path):
                throw BaselineError(.malformed, file: file, keyPath: path.appending(key).description,
                                    problem: "duplicate key \"\(key)\"; keep one")
            }
        }
        let top = JSONCursor(value: root, path: .root, file: file)
        let members = try top.object(allowing: ["format", "configuration", "benchmarks"])
        let formatCursor = try top.require("format", in: members)
        let format = try formatCursor.integer()
        guard format == currentFormat else {
            throw BaselineError(.otherFormat, file: file, keyPath: formatCursor.path.description,
                                problem: "format \(format) is not supported (this gate reads \(currentFormat))",
                                remedy: "Re-record it with `make rebaseline`, or use the gate version that wrote it.")
        }
        var result = BaselineFile(configuration: try top.require("configuration", in: members).string())
        for (name, cursor) in try top.require("benchmarks", in: members).object() {
            result.benchmarks[name] = try BenchmarkBaseline(cursor)
        }
        return result
    }
}

extension BenchmarkBaseline {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let members = try cursor.object(allowing: ["parameters", "recorded", "metrics", "context"])
        var parameters: [String: String] = [:]
        for (key, value) in try cursor.require("parameters", in: members).object() {
            parameters[key] = try value.string()
        }
        var metrics: [String: MetricBaseline] = [:]
        for (name, metric) in try cursor.require("metrics", in: members).object() {
            guard let known = Metric.named(name), known.isJudged else {
                throw BaselineError(.invalid, file: metric.file, keyPath: metric.path.description,
                                    problem: "not a judged metric (judged: "
                                        + Metric.all.filter(\.isJudged).map(\.name).joined(separator: ", ") + ")")
            }
            metrics[name] = try MetricBaseline(metric)
        }
        guard !metrics.isEmpty else {
            throw BaselineError(.invalid, file: cursor.file, keyPath: cursor.path.appending("metrics").description,
                                problem: "no metrics: the gate would check nothing",
                                remedy: "Re-record it with `make rebaseline`.")
        }
        var context: [String: Double] = [:]
        for (name, value) in try cursor.require("context", in: members).object() {
            context[name] = try value.nonNegativeNumber()
        }
        self.init(parameters: parameters, recorded: try Provenance(try cursor.require("recorded", in: members)),
                  metrics: metrics, context: context)
    }
}

extension Provenance {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let members = try cursor.object(allowing: ["commit", "date", "cpu", "cores", "swift", "calibration"])
        func text(_ key: String) throws(BaselineError) -> String { try cursor.require(key, in: members).string() }
        self.init(commit: try text("commit"), date: try text("date"), cpu: try text("cpu"),
                  cores: try cursor.require("cores", in: members).integer(), swift: try text("swift"),
                  calibration: try cursor.require("calibration", in: members).nonNegativeNumber())
    }
}

extension MetricBaseline {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let members = try cursor.object(allowing: ["centre", "tolerance", "limit", "noise", "samples"])
        func fraction(_ key: String) throws(BaselineError) -> Double {
            try cursor.require(key, in: members).nonNegativeNumber(limit: 10)
        }
        let samplesCursor = try cursor.require("samples", in: members)
        var samples: [Double] = []
        for sample in try samplesCursor.array() {
            samples.append(try sample.nonNegativeNumber())
        }
        guard !samples.isEmpty else {
            throw BaselineError(.invalid, file: cursor.file, keyPath: samplesCursor.path.description,
                                problem: "no samples: the gate would check nothing against it",
                                remedy: "Re-record it with `make rebaseline`.")
        }
        _ = try cursor.require("centre", in: members).nonNegativeNumber()  // shown for reviewers; derived from the samples
        self.init(samples: samples, tolerance: try fraction("tolerance"), noise: try fraction("noise"),
                  limit: try fraction("limit"))
    }
}
