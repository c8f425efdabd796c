import Foundation

/// Another host's baseline used for ratio checks when this host has none.
struct ReferenceBaseline {
    var file: String
    var profileKey: String
    var benchmark: BenchmarkBaseline
    /// Other profiles that would also have qualified, named in the report.
    var alternatives: [String]
}

extension Gate {
    /// The best other profile to check host-independent metrics against.
    ///
    /// Only profiles with the same configuration and core count qualify: a
    /// speedup on 2 cores says nothing about 8, and debug ratios differ from
    /// release ones. Among those, the same architecture, then the same Swift
    /// version, then the key's order (stable, so runs agree).
    func referenceBaseline(for id: BenchmarkID) throws -> ReferenceBaseline? {
        let ownName = baselineFile.lastPathComponent
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != ownName && !$0.hasPrefix(".") }
            .sorted()
        var candidates: [(rank: Int, key: String, file: String, benchmark: BenchmarkBaseline)] = []
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard let file = try BaselineStore.read(path),
                  file.host.configuration == profile.configuration, file.host.cores == profile.cores,
                  let benchmark = file.benchmarks[id.description],
                  benchmark.metrics.values.contains(where: \.hostIndependent)
            else { continue }
            let rank = (file.host.arch == profile.arch ? 0 : 2) + (file.host.swiftVersion == profile.swiftVersion ? 0 : 1)
            candidates.append((rank, file.host.key, path, benchmark))
        }
        candidates.sort { ($0.rank, $0.key) < ($1.rank, $1.key) }
        guard let best = candidates.first else { return nil }
        return ReferenceBaseline(file: best.file, profileKey: best.key, benchmark: best.benchmark,
                                 alternatives: candidates.dropFirst().map(\.key))
    }
}
