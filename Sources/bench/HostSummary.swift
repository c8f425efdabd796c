import Gate

/// The machine and build the numbers come from, printed atop every report.
struct HostSummary: Codable, Sendable {
    /// OS, architecture, CPU, cores, Swift version and build configuration.
    var profile: HostProfile
    var cores: Int
    /// Names this host's baseline file, `baselines/<profileKey>.json`.
    var profileKey: String
    /// One line for people.
    var description: String

    init(profile: HostProfile) {
        self.profile = profile
        self.cores = profile.cores
        self.profileKey = profile.key
        self.description = "\(profile.os), \(profile.arch), \(profile.cpuModel), \(profile.cores) cores, "
            + "Swift \(profile.swiftVersion), \(profile.configuration) build"
    }

    /// The profile of this process.
    static var current: HostSummary { HostSummary(profile: .current) }

    /// A warning for debug builds, whose timings mislead; nil for release.
    var debugWarning: String? {
        guard profile.configuration == "debug" else { return nil }
        return "WARNING: this is a debug build; its timings are ~3.5x slower than release. "
            + "Run `swift run -c release bench` for numbers worth comparing."
    }
}
