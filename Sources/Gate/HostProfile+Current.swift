import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HostProfile {
    /// The profile of the machine and build running now.
    public static var current: HostProfile {
        let names = unameFields()
        return HostProfile(
            os: [names.sysname, distributionName()].compactMap { $0 }.joined(separator: " "),
            arch: names.machine,
            cpuModel: cpuModelName() ?? "unknown-cpu",
            cores: ProcessInfo.processInfo.activeProcessorCount,
            swiftVersion: compilerVersion,
            configuration: buildConfiguration
        )
    }

    /// The compiler that built this module: the gate compares like with like.
    public static var compilerVersion: String {
        #if compiler(>=7.0)
        return "7.0+"
        #elseif compiler(>=6.4)
        return "6.4"
        #elseif compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    /// Debug builds run several times slower, so they get their own baselines.
    public static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    private static func unameFields() -> (sysname: String, machine: String) {
        var info = utsname()
        guard uname(&info) == 0 else { return ("unknown-os", "unknown-arch") }
        func text<T>(_ field: inout T) -> String {
            withUnsafeBytes(of: &field) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return (text(&info.sysname), text(&info.machine))
    }

    /// `PRETTY_NAME` from `/etc/os-release` (Linux), or the OS version string elsewhere.
    private static func distributionName() -> String? {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            return line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
        }
        return nil
        #else
        return ProcessInfo.processInfo.operatingSystemVersionString
        #endif
    }

    private static func cpuModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
