#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Workloads

/// Where the `processes` model finds its child executable, `bench-worker`.
public struct WorkerExecutable: Sendable, Hashable, CustomStringConvertible {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// `$KIT_WORKER_PATH`, else `bench-worker` next to the running executable
    /// (SwiftPM puts every product of a build in one directory).
    public static var `default`: WorkerExecutable {
        if let path = environmentValue("KIT_WORKER_PATH"), !path.isEmpty {
            return WorkerExecutable(path: path)
        }
        return WorkerExecutable(path: executableDirectory() + "/bench-worker")
    }

    public var description: String { path }

    /// Why the worker cannot be started, or nil when it can.
    var problem: String? {
        if access(path, X_OK) == 0 { return nil }
        return "worker executable not found at \(path): build it with "
            + "`swift build --product bench-worker` (add `-c release` for release runs) "
            + "or point KIT_WORKER_PATH at it"
    }

    private static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return "." }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
