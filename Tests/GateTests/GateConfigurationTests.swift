import Foundation
import Testing
@testable import Gate

@Suite("Host profile and configuration")
struct GateConfigurationTests {
    @Test("a fingerprint tells machines apart by CPU (family, model, stepping, MHz), cores and compiler")
    func fingerprintMismatch() {
        let here = Fingerprint(cpu: "GenuineIntel family 6 model 207 stepping 2, 2300 MHz (Intel(R) Xeon(R) Processor)",
                               cores: "2 cores (CPUs 0-1)", swift: "6.3", calibration: 0.0119)
        var slower = here
        slower.calibration = 0.0082  // recorded for readers; a calibration moves ~10 % run to run, so it matches nothing
        #expect(here.mismatch(slower) == nil)
        var pinned = here
        pinned.cores = "1 core (CPU 0 of 2 online, affinity mask)"
        #expect(here.mismatch(pinned)?.contains("1 core") == true)
        var other = here
        other.cpu = "GenuineIntel family 6 model 106 stepping 6, 2800 MHz (Intel(R) Xeon(R) Processor)"
        #expect(here.mismatch(other)?.contains("model 106") == true)
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
        #expect(try GateConfiguration.fromEnvironment(["PERF_BASE": "origin/main"]).base == "origin/main")
    }

    @Test(arguments: [("PERF_RECORD", "sometimes", "never, missing, all"), ("PERF_RATCHET", "yes", "0, 1"),
                      ("PERF_ALPHA", "2", "[1e-6, 0.5]"), ("PERF_ALPHA", "abc", "[1e-6, 0.5]"),
                      ("PERF_ALPHA", "1e-300", "[1e-6, 0.5]")])
    func wrongEnvironmentValueNamesVariableAndChoices(variable: String, value: String, allowed: String) {
        #expect {
            try GateConfiguration.fromEnvironment([variable: value])
        } throws: { error in
            let text = String(describing: error)
            return text.contains(variable) && text.contains(value) && text.contains(allowed)
        }
    }
}
