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

    /// Stored trials decide only while the calibration runs within this of the
    /// recorded one. Its speed moves from process to process (10.6-13.9 ms
    /// here), and a stored ratio to it moves with it: on this machine, debug
    /// `cpu.processes` and `shared.perJob` read wallPerCal +16 % and +29 % with
    /// the kernel 18-20 % faster than recorded and their wall within 7 %.
    /// Outside it, the machine is treated as another one (the reference is
    /// measured here, or counts and promises only), which is right on any machine.
    public static let calibrationTolerance = 0.05

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
