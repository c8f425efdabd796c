import Foundation
import Testing
@testable import Gate

@Suite("Host profile and configuration")
struct GateConfigurationTests {
    @Test func keyIsAFilesystemSafeSlug() {
        let profile = HostProfile(os: "Linux Debian GNU/Linux 12 (bookworm)", arch: "x86_64",
                                  cpuModel: "Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", cores: 2,
                                  swiftVersion: "6.3", configuration: "release")
        #expect(profile.key == "linux-x86_64-intel-xeon-platinum-8370c-2.80ghz-2cores-swift6.3-release")
    }

    @Test func currentProfileIsFilledIn() {
        let current = HostProfile.current
        #expect(!current.os.isEmpty && !current.arch.isEmpty && current.cores >= 1)
        #expect(current.swiftVersion == "6.3")
        #expect(!current.key.contains("/") && !current.key.contains(" "))
    }

    @Test func benchmarkIDDescriptionAndOrder() {
        let serial = BenchmarkID(job: "cpu", model: "serial"), threads = BenchmarkID(job: "cpu", model: "threads")
        #expect(threads.description == "cpu.threads")
        #expect(serial < threads)
    }

    @Test func configurationReadsEnvironment() throws {
        let configuration = try GateConfiguration.fromEnvironment(["PERF_RECORD": "missing", "PERF_RATCHET": "1", "PERF_ALPHA": "0.05"])
        #expect(configuration.record == .missing && configuration.ratchet && configuration.alpha == 0.05)
        #expect(try GateConfiguration.fromEnvironment([:]) == GateConfiguration.standard)
    }

    @Test(arguments: [("PERF_RECORD", "sometimes", "never, missing, all"), ("PERF_RATCHET", "yes", "0, 1"),
                      ("PERF_ALPHA", "2", "(0, 0.5]"), ("PERF_ALPHA", "abc", "(0, 0.5]")])
    func wrongEnvironmentValueNamesVariableAndChoices(variable: String, value: String, allowed: String) {
        #expect {
            try GateConfiguration.fromEnvironment([variable: value])
        } throws: { error in
            let text = String(describing: error)
            return text.contains(variable) && text.contains(value) && text.contains(allowed)
        }
    }
}
