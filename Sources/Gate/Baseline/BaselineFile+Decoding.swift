/// Reading a baseline file strictly: every key checked, nothing assumed.
///
/// Not `Decodable`: its errors cannot say `benchmarks."cpu.threads".metrics.wall.median`
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
        let members = try top.object(allowing: ["schemaVersion", "host", "benchmarks"])
        let versionCursor = try top.require("schemaVersion", in: members)
        let version = try versionCursor.integer()
        guard version == currentSchemaVersion else {
            throw BaselineError(.invalid, file: file, keyPath: versionCursor.path.description,
                                problem: "schema version \(version) is not supported (this gate reads \(currentSchemaVersion))",
                                remedy: "Re-record it with `make rebaseline`, or use the gate version that wrote it.")
        }
        var result = BaselineFile(host: try HostProfile(try top.require("host", in: members)))
        let benchmarksCursor = try top.require("benchmarks", in: members)
        for (name, cursor) in try benchmarksCursor.object() {
            result.benchmarks[name] = try BenchmarkBaseline(cursor)
        }
        return result
    }
}

extension HostProfile {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let members = try cursor.object(allowing: ["os", "arch", "cpuModel", "cores", "swiftVersion", "configuration"])
        func text(_ key: String) throws(BaselineError) -> String { try cursor.require(key, in: members).string() }
        self.init(os: try text("os"), arch: try text("arch"), cpuModel: try text("cpuModel"),
                  cores: try cursor.require("cores", in: members).integer(),
                  swiftVersion: try text("swiftVersion"), configuration: try text("configuration"))
    }
}

extension BenchmarkBaseline {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let members = try cursor.object(allowing: ["parameters", "metrics"])
        var parameters: [String: String] = [:]
        for (key, value) in try cursor.require("parameters", in: members).object() {
            parameters[key] = try value.string()
        }
        var metrics: [String: MetricBaseline] = [:]
        for (name, metric) in try cursor.require("metrics", in: members).object() {
            metrics[name] = try MetricBaseline(metric)
        }
        self.init(parameters: parameters, metrics: metrics)
    }
}

extension MetricBaseline {
    fileprivate init(_ cursor: JSONCursor) throws(BaselineError) {
        let keys: Set = ["unit", "direction", "hostIndependent", "median", "mad", "noiseFloor", "samples", "tolerance"]
        let members = try cursor.object(allowing: keys)
        func number(_ key: String) throws(BaselineError) -> Double {
            try cursor.require(key, in: members).nonNegativeNumber()
        }
        let directionCursor = try cursor.require("direction", in: members)
        guard let direction = Metric.Direction(rawValue: try directionCursor.string()) else {
            throw directionCursor.mismatch(Metric.Direction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or "))
        }
        var samples: [Double] = []
        for sample in try cursor.require("samples", in: members).array() {
            samples.append(try sample.nonNegativeNumber())
        }
        let toleranceCursor = try cursor.require("tolerance", in: members)
        let toleranceMembers = try toleranceCursor.object(allowing: ["relative", "absolute"])
        let tolerance = Tolerance(
            relative: try toleranceCursor.require("relative", in: toleranceMembers).nonNegativeNumber(),
            absolute: try toleranceCursor.require("absolute", in: toleranceMembers).nonNegativeNumber())
        self.init(unit: try cursor.require("unit", in: members).string(), direction: direction,
                  hostIndependent: try cursor.require("hostIndependent", in: members).bool(),
                  median: try number("median"), mad: try number("mad"), noiseFloor: try number("noiseFloor"),
                  samples: samples, tolerance: tolerance)
    }
}
