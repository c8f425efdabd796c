import Gate
import Workloads

/// The machine and build the numbers come from, printed atop every report.
struct HostSummary: Codable, Sendable {
    var cpu: CPUIdentity
    /// Cores this process may use (affinity mask and CPU quota).
    var cores: Int
    /// How the cores were found: `"2 cores (CPUs 0-1)"`.
    var coresFound: String
    var swift: String
    var configuration: String
    /// One line for people.
    var description: String

    /// This process's machine and build.
    static var current: HostSummary {
        let machine = Machine.current
        let cpu = Machine.cpu
        return HostSummary(cpu: cpu, cores: machine.cores, coresFound: machine.summary, swift: Toolchain.swiftVersion,
                           configuration: Toolchain.configuration,
                           description: "\(cpu.name), \(machine.summary), Swift \(Toolchain.swiftVersion), "
                               + "\(Toolchain.configuration) build")
    }

    /// A warning for debug builds, whose timings mislead; nil for release.
    var debugWarning: String? {
        guard configuration == "debug" else { return nil }
        return "WARNING: this is a debug build; its timings are ~3.5x slower than release. "
            + "Run `swift run -c release bench` for numbers worth comparing."
    }
}
