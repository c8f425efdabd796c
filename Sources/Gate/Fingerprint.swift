/// The machine a timing was taken on, from real evidence: what `/proc/cpuinfo`
/// says of the CPU (vendor, family, model, stepping, MHz), the CPUs the process
/// may use and its quota, the compiler, and how fast the calibration kernel ran.
///
/// A stored timing is judged only on a machine with the same fingerprint. The
/// model name alone cannot tell machines apart: measured here, one name was two
/// microarchitectures whose calibration differed by 45 %.
public struct Fingerprint: Codable, Sendable, Hashable {
    /// `"AuthenticAMD family 25 model 1 stepping 1, 2445 MHz (AMD EPYC)"`.
    public var cpu: String
    /// `"2 cores (CPUs 0-1)"`, with the affinity mask and quota when they limit it.
    public var cores: String
    /// The compiler (major.minor).
    public var swift: String
    /// Median seconds of the one-thread calibration kernel; `nil` when not measured.
    public var calibration: Double?

    public init(cpu: String, cores: String, swift: String, calibration: Double? = nil) {
        self.cpu = cpu
        self.cores = cores
        self.swift = swift
        self.calibration = calibration
    }

    /// The calibration may differ by this much on one machine: one process's
    /// kernel ran 10.6-13.9 ms here, the next one's within that range (so 10 %
    /// sent the same machine down the other-machine path); another VM of the
    /// same model name ran it 45 % slower.
    public static let calibrationTolerance = 0.25

    /// Why `other` is another machine, or `nil` when it is this one.
    public func mismatch(_ other: Fingerprint) -> String? {
        if cpu != other.cpu { return "CPU \(other.cpu), here \(cpu)" }
        if cores != other.cores { return "\(other.cores), here \(cores)" }
        if swift != other.swift { return "Swift \(other.swift), here \(swift)" }
        if let mine = calibration, let theirs = other.calibration, theirs > 0,
           abs(mine / theirs - 1) > Self.calibrationTolerance {
            return "calibration \(format(theirs * 1000)) ms, here \(format(mine * 1000)) ms"
        }
        return nil
    }
}
