/// The machine a timing was taken on, from real evidence: what `/proc/cpuinfo`
/// says of the CPU (vendor, family, model, stepping, MHz), the CPUs the process
/// may use and its quota, the compiler, and how fast the calibration kernel ran.
///
/// Baselines record it and reports show it; no verdict rests on it. Stored
/// timings are shown beside a run only on a machine with the same fingerprint
/// (bench's vs-baseline column), and the gate judges timings against a
/// reference measured here. The model name alone cannot tell machines apart:
/// measured here, one name was two microarchitectures whose calibration
/// differed by 45 %.
public struct Fingerprint: Codable, Sendable, Hashable {
    /// `"AuthenticAMD family 25 model 1 stepping 1, 2445 MHz (AMD EPYC)"`.
    public var cpu: String
    /// `"2 cores (CPUs 0-1)"`, with the affinity mask and quota when they limit it.
    public var cores: String
    /// The compiler (major.minor).
    public var swift: String
    /// Median seconds of the benchmark's calibration kernel (as wide as its model) while recording, for
    /// a reader comparing machines; `nil` when not measured. It moves ~10 %
    /// from process to process and session to session, so no match reads it.
    public var calibration: Double?

    public init(cpu: String, cores: String, swift: String, calibration: Double? = nil) {
        self.cpu = cpu
        self.cores = cores
        self.swift = swift
        self.calibration = calibration
    }

    /// The CPU and the cores, for a report's `machine:` line.
    public var summary: String { "\(cpu); \(cores)" }

    /// Why `other` is another machine, or `nil` when it is this one.
    public func mismatch(_ other: Fingerprint) -> String? {
        if cpu != other.cpu { return "CPU \(other.cpu), here \(cpu)" }
        if cores != other.cores { return "\(other.cores), here \(cores)" }
        if swift != other.swift { return "Swift \(other.swift), here \(swift)" }
        return nil
    }
}
