/// One host profile's baseline file, `baselines/<profile.key>.json`.
public struct BaselineFile: Encodable, Sendable, Hashable {
    /// Bumped on any incompatible change; readers reject other versions.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var host: HostProfile
    /// `BenchmarkID.description` to its baseline.
    public var benchmarks: [String: BenchmarkBaseline]

    public init(host: HostProfile, benchmarks: [String: BenchmarkBaseline] = [:]) {
        self.schemaVersion = Self.currentSchemaVersion
        self.host = host
        self.benchmarks = benchmarks
    }
}
