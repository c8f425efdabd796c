import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// The machine this process has: the CPUs it may run on and the CPU time its
/// cgroup allows, not the CPUs the kernel has online.
///
/// A CI container runs on a cpuset (`taskset`, `docker --cpuset-cpus`) or a
/// CPU quota (`docker --cpus=1`), and `sysconf(_SC_NPROCESSORS_ONLN)` and
/// `ProcessInfo.activeProcessorCount` see neither: measured on a 2-core VM
/// under `taskset -c 0`, both still said 2 and every parallel model read 50 %
/// efficient. Every model, ideal, promise and report uses ``cores``.
public struct Machine: Sendable, Hashable {
    /// CPU numbers in the process's affinity mask, ascending.
    public var allowedCPUs: [Int]
    /// CPUs the kernel has online.
    public var onlineCPUs: Int
    /// CPUs' worth of time the cgroup allows per period (`cpu.max`, or
    /// `cpu.cfs_quota_us / cpu.cfs_period_us`), `nil` when unlimited.
    public var quota: Double?
    /// The cgroup file the quota came from.
    public var quotaSource: String?

    /// Cores the process can keep busy at once: its allowed CPUs, capped by the quota, at least 1.
    public var cores: Int {
        let allowed = max(1, allowedCPUs.count)
        guard let quota else { return allowed }
        return max(1, min(allowed, Int(quota.rounded(.up))))
    }

    /// The machine as read now.
    public static var current: Machine {
        let online = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let (quota, source) = cgroupQuota()
        let allowed = affinity()
        return Machine(allowedCPUs: allowed.isEmpty ? Array(0..<online) : allowed, onlineCPUs: online,
                       quota: quota, quotaSource: source)
    }

    /// One line for reports: how many cores, and what limits them.
    ///
    ///     "2 cores (CPUs 0-1)"
    ///     "1 core (CPU 0 of 2 online, affinity mask)"
    ///     "1 core (CPUs 0-1, quota 1.0 CPU: /sys/fs/cgroup/cpu/kit/cpu.cfs_quota_us)"
    public var summary: String {
        let count = cores == 1 ? "1 core" : "\(cores) cores"
        var limits: [String] = []
        if allowedCPUs.count < onlineCPUs {
            limits.append("\(allowedCPUs.count == 1 ? "CPU" : "CPUs") \(Self.ranges(allowedCPUs)) of \(onlineCPUs) online, "
                          + "affinity mask")
        } else {
            limits.append("CPUs \(Self.ranges(allowedCPUs))")
        }
        if let quota, let quotaSource {
            let shown = (quota * 100).rounded() / 100
            limits.append("quota \(shown) CPU: \(quotaSource)")
        }
        return "\(count) (\(limits.joined(separator: ", ")))"
    }

    /// Pins the calling thread to the `index`-th allowed CPU (modulo their
    /// number), so K threads land on K different cores the process may use.
    /// Returns the mask it had, for ``restore(_:)``; `nil` if the call failed.
    @discardableResult
    public func pin(toAllowed index: Int) -> [UInt64]? {
        var old = [UInt64](repeating: 0, count: 16)  // a cpu_set_t: 1024 bits
        guard old.withUnsafeMutableBytes({ kit_get_affinity($0.count, $0.baseAddress) }) > 0,
              !allowedCPUs.isEmpty else { return nil }
        let cpu = allowedCPUs[index % allowedCPUs.count]
        var mask = [UInt64](repeating: 0, count: 16)
        mask[cpu / 64] = 1 << UInt64(cpu % 64)
        _ = mask.withUnsafeBytes { kit_set_affinity($0.count, $0.baseAddress) }
        return old
    }

    /// Confines the calling thread, and the threads and children it starts
    /// afterwards, to its first ``cores`` allowed CPUs when a quota allows
    /// fewer cores than it may run on; returns the machine it then has.
    ///
    /// Under a 1-CPU quota (`docker --cpus=1`) on 2 CPUs, a model's threads
    /// ran on both until the period's quota was spent, then stopped until the
    /// next period: a run's wall time depended on where in the 100 ms period
    /// it fell (release `cpu.operationQueue` wall 99 % CI ±11-38 % over 3 runs,
    /// one false REGRESSION; its CPU time within ±1.4 %). On as many CPUs as a
    /// whole-CPU quota allows, it is never stopped: the machine it is judged as.
    @discardableResult
    public func confinedToQuota() -> Machine {
        guard cores < allowedCPUs.count else { return self }
        let kept = Array(allowedCPUs.prefix(cores))
        var mask = [UInt64](repeating: 0, count: 16)
        for cpu in kept { mask[cpu / 64] |= 1 << UInt64(cpu % 64) }
        guard mask.withUnsafeBytes({ kit_set_affinity($0.count, $0.baseAddress) }) == 0 else { return self }
        var confined = self
        confined.allowedCPUs = kept
        return confined
    }

    /// Gives the calling thread back a mask ``pin(toAllowed:)`` returned.
    public func restore(_ mask: [UInt64]) {
        _ = mask.withUnsafeBytes { kit_set_affinity($0.count, $0.baseAddress) }
    }

    // MARK: Reading the kernel

    static func affinity() -> [Int] {
        var mask = [UInt64](repeating: 0, count: 16)
        guard mask.withUnsafeMutableBytes({ kit_get_affinity($0.count, $0.baseAddress) }) > 0 else { return [] }
        return (0..<(mask.count * 64)).filter { mask[$0 / 64] & (1 << UInt64($0 % 64)) != 0 }
    }

    /// The tightest CPU quota on the process's cgroup path, v2 (`cpu.max`) or v1 (`cpu.cfs_*`).
    static func cgroupQuota() -> (Double?, String?) {
        guard let membership = TextFile.read("/proc/self/cgroup") else { return (nil, nil) }
        var best: (Double, String)?
        func consider(_ quota: Double?, _ file: String) {
            guard let quota, quota > 0 else { return }
            if best == nil || quota < best!.0 { best = (quota, file) }
        }
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: ",")
            if fields[0] == "0", fields[1].isEmpty {  // v2: "0::/path"
                for directory in ancestors("/sys/fs/cgroup", String(fields[2])) {
                    consider(v2Quota(TextFile.read(directory + "/cpu.max")), directory + "/cpu.max")
                }
            } else if controllers.contains("cpu") {  // v1: "4:cpu,cpuacct:/path"
                for mount in ["/sys/fs/cgroup/" + fields[1], "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct"] {
                    for directory in ancestors(mount, String(fields[2])) {
                        let quota = TextFile.read(directory + "/cpu.cfs_quota_us").flatMap(number)
                        let period = TextFile.read(directory + "/cpu.cfs_period_us").flatMap(number)
                        if let quota, let period, quota > 0, period > 0 {
                            consider(quota / period, directory + "/cpu.cfs_quota_us")
                        }
                    }
                }
            }
        }
        return (best?.0, best?.1)
    }

    /// `root/path`, then each parent up to `root`: a parent's limit binds its children.
    private static func ancestors(_ root: String, _ path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var result: [String] = []
        while true {
            result.append(([root] + parts).joined(separator: "/"))
            if parts.isEmpty { return result }
            parts.removeLast()
        }
    }

    /// `"max 100000"` is unlimited; `"50000 100000"` is half a CPU.
    static func v2Quota(_ text: String?) -> Double? {
        guard let fields = text?.split(separator: " "), fields.count == 2,
              let quota = number(fields[0]), let period = number(fields[1]), period > 0 else { return nil }
        return quota / period
    }

    private static func number<S: StringProtocol>(_ text: S) -> Double? {
        Double(String(text.filter { !$0.isWhitespace }))
    }

    /// `[0, 1, 2, 5]` as `"0-2,5"`.
    static func ranges(_ cpus: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < cpus.count {
            var end = index
            while end + 1 < cpus.count, cpus[end + 1] == cpus[end] + 1 { end += 1 }
            parts.append(end == index ? "\(cpus[index])" : "\(cpus[index])-\(cpus[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}

/// Small text files from /proc and /sys, without Foundation.
enum TextFile {
    /// The file's text (its first ~1 MiB), or `nil` when it cannot be opened.
    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
