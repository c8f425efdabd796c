import Workloads
#if canImport(Glibc)
import Glibc
#endif

/// Progress lines on stderr, so stdout stays a clean report.
/// On a terminal a step rewrites its line; elsewhere each step is a line.
struct Progress: Sendable {
    var quiet: Bool
    private let terminal = isatty(2) != 0

    init(quiet: Bool) {
        self.quiet = quiet
    }

    /// A step in progress (replaced by the next one on a terminal).
    func step(_ text: String) {
        guard !quiet, terminal else { return }
        write("\r\u{1B}[2K" + text)
    }

    /// A finished step: always its own line.
    func done(_ text: String) {
        guard !quiet else { return }
        write((terminal ? "\r\u{1B}[2K" : "") + text + "\n")
    }

    /// A line that is shown even with --quiet (errors, warnings).
    static func warn(_ text: String) {
        let line = text + "\n"
        _ = line.withCString { Glibc.write(2, $0, strlen($0)) }
    }

    private func write(_ text: String) {
        _ = text.withCString { Glibc.write(2, $0, strlen($0)) }
    }
}

/// Facts about this machine that reports need.
enum HostFacts {
    /// The cores this process may use (affinity mask and CPU quota), not the CPUs online.
    static let cores = Machine.current.cores
}
