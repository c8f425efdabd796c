import Foundation

/// Processes as /proc shows them, to prove `bench` leaves no child behind.
enum ChildProcessScan {
    /// Pids whose parent is `parent`.
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { stat($0)?.parent == parent }
    }

    /// Whether `pid` still runs: it exists and is not a zombie (a zombie is
    /// dead, only waiting for a parent to collect its status).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = stat(pid) else { return false }
        return stat.state != "Z"
    }

    /// Children of `parent` that exited and were never reaped.
    static func zombies(of parent: Int32) -> [Int32] {
        children(of: parent).filter { stat($0)?.state == "Z" }
    }

    /// The arguments `pid` was started with, from `/proc/<pid>/cmdline`.
    static func arguments(of pid: Int32) -> [String] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline")) else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// State and parent from `/proc/<pid>/stat`; the name in parentheses may
    /// hold spaces, so fields are counted after the last `)`.
    private static func stat(_ pid: Int32) -> (state: Character, parent: Int32)? {
        guard let text = readProcFile("/proc/\(pid)/stat"),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let parent = Int32(fields[1]) else { return nil }
        return (state, parent)
    }
}

/// The whole text of a /proc file. /proc files report size 0, and
/// Foundation's `String(contentsOfFile:)` can stop short on them (seen with a
/// long /proc/net/tcp), so read with stdio until end of file.
func readProcFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
