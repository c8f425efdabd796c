import Foundation
import Testing
@testable import Gate

@Suite("Quiet machine")
struct QuietMachineTests {
    @Test func seesAnotherProcessBurningACore() throws {
        try #require(QuietMachine.machineBusySeconds() != nil, "needs /proc/stat")
        let spinner = Process()
        spinner.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Bounded by `timeout`, so nothing has to wait for it (waitUntilExit
        // can stall on Swift Testing's threads).
        spinner.arguments = ["-c", "timeout 2 sh -c 'while :; do :; done'"]
        try spinner.run()
        Thread.sleep(forTimeInterval: 0.1)
        let busy = try #require(QuietMachine.othersBusy(over: 0.5))
        #expect(busy > 0.5, "a spinning shell is most of a core, measured \(busy)")
        let outcome = QuietMachine.wait(limit: 0.6)
        #expect(!outcome.isQuiet && outcome.description.contains("still busy"))
    }
}
