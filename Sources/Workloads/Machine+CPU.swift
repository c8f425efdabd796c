/// What `/proc/cpuinfo` says of the first CPU: enough to tell two machines apart
/// that share a model name (measured: "Intel(R) Xeon(R) Processor" was two
/// microarchitectures, family 6 model 207 at 2.3 GHz among them, 45 % apart in speed).
public struct CPUIdentity: Sendable, Hashable, Codable {
    public var vendor: String
    public var family: String
    public var model: String
    public var stepping: String
    public var name: String
    /// Nominal MHz, rounded: `cpu MHz` of the first CPU.
    public var megahertz: Int

    public init(vendor: String, family: String, model: String, stepping: String, name: String, megahertz: Int) {
        self.vendor = vendor
        self.family = family
        self.model = model
        self.stepping = stepping
        self.name = name
        self.megahertz = megahertz
    }

    /// One line: `"AuthenticAMD family 25 model 1 stepping 1, 2445 MHz (AMD EPYC)"`.
    public var summary: String {
        "\(vendor) family \(family) model \(model) stepping \(stepping), \(megahertz) MHz (\(name))"
    }
}

extension Machine {
    /// The first CPU's identity, `"unknown"` fields where `/proc/cpuinfo` has none.
    public static var cpu: CPUIdentity {
        var fields: [String: String] = [:]
        for line in (TextFile.read("/proc/cpuinfo") ?? "").split(separator: "\n") {
            if line.isEmpty { break }  // the first processor's block ends at a blank line
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingWhitespace
            if fields[key] == nil { fields[key] = parts[1].trimmingWhitespace }
        }
        func field(_ key: String) -> String { fields[key] ?? "unknown" }
        return CPUIdentity(vendor: field("vendor_id"), family: field("cpu family"), model: field("model"),
                           stepping: field("stepping"), name: field("model name"),
                           megahertz: Int((Double(field("cpu MHz")) ?? 0).rounded()))
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
