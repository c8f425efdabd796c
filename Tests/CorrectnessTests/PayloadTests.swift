import Glibc
import Testing
import Runners
import Workloads

@Suite("Process communication: payloads over the pipe", .serialized)
struct PayloadTests {
    @Test("K children each send a payload; every byte arrives as sent", arguments: [0, 1, 65_536, 1_048_576 + 17])
    func everyByteArrives(bytes: Int) throws {
        try PayloadTransfer.run(jobs: 3, bytes: bytes)
    }

    @Test("16 MiB x 4 children: every byte arrives and no child is left")
    func sixteenMebibytes() throws {
        try PayloadTransfer.run(jobs: 4, bytes: 16_777_216)
        let ours = ChildProcessScan.children(of: getpid()).filter { ChildProcessScan.arguments(of: $0).contains("payload") }
        #expect(ours.isEmpty, "payload children still there (running or unreaped): \(ours)")
    }

    /// Other suites open and close fds meanwhile, so one run's count proves
    /// little; a leak of even one pipe per child shows as 400 over 50 runs.
    @Test("50 transfers of 4 children leave no fd behind")
    func noFDLeft() throws {
        let before = (0..<3).map { _ in ResourceLeakTests.openFDCount() }.min()!
        for _ in 0..<50 { try PayloadTransfer.run(jobs: 4, bytes: 65_536) }
        let after = (0..<3).map { _ in ResourceLeakTests.openFDCount() }.min()!
        #expect(after - before < 50, "fds before \(before), after 50 runs \(after)")
    }

    @Test("a flipped byte or a short payload is named, not accepted")
    func corruptionIsCaught() {
        var payload = (0..<1_000).map { Payload.byte(at: $0, seed: 2) }
        #expect(Payload.mismatch(payload, count: 1_000, seed: 2) == nil)
        #expect(Payload.mismatch(payload, count: 1_000, seed: 3) != nil)
        payload[500] ^= 0x01
        #expect(Payload.mismatch(payload, count: 1_000, seed: 2)?.contains("byte 500") == true)
        #expect(Payload.mismatch(Array(payload.prefix(999)), count: 1_000, seed: 2)?.contains("999 bytes") == true)
    }
}
