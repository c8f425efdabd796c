/// The machine and build a baseline was measured on.
///
/// Absolute times only compare within one profile; its ``key`` names the
/// baseline file (`baselines/<key>.json`).
///
///     let key = HostProfile.current.key
///     // "linux-x86_64-intel-xeon-platinum-8370c-2cores-swift6.3-release"
public struct HostProfile: Codable, Sendable, Hashable {
    /// Kernel name and distribution, e.g. `"Linux Debian GNU/Linux 12 (bookworm)"`.
    public var os: String
    /// Machine architecture from `uname`, e.g. `"x86_64"`.
    public var arch: String
    /// The CPU's model name, e.g. `"Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz"`.
    public var cpuModel: String
    /// Active processors.
    public var cores: Int
    /// The compiler's language version, e.g. `"6.3"`.
    public var swiftVersion: String
    /// `"debug"` or `"release"`.
    public var configuration: String

    public init(os: String, arch: String, cpuModel: String, cores: Int, swiftVersion: String, configuration: String) {
        self.os = os
        self.arch = arch
        self.cpuModel = cpuModel
        self.cores = cores
        self.swiftVersion = swiftVersion
        self.configuration = configuration
    }

    /// A filesystem-safe slug naming this profile's baseline file.
    ///
    /// Only the kernel name of ``os`` goes in: the distribution rarely changes
    /// timings, and a short key keeps file names readable.
    public var key: String {
        let kernel = os.split(separator: " ").first.map(String.init) ?? os
        let cpu = cpuModel
            .replacingAll(["(R)", "(r)", "(TM)", "(tm)", " CPU ", "@"], with: " ")
        let parts = [kernel, arch, cpu, "\(cores)cores", "swift\(swiftVersion)", configuration]
        return parts.map(Self.slug).filter { !$0.isEmpty }.joined(separator: "-")
    }

    /// Lower-cased; letters, digits, `.` and `_` kept; every other run becomes one `-`.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            let keep = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
            if keep {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.last == "-" { result.removeLast() }
        return result
    }
}

extension String {
    fileprivate func replacingAll(_ needles: [String], with replacement: String) -> String {
        var text = " " + self + " "
        for needle in needles {
            text = text.split(separator: needle, omittingEmptySubsequences: false).joined(separator: replacement)
        }
        return text
    }
}
