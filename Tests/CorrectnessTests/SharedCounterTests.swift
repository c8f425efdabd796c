import Foundation
import Testing
import Runners

@Suite("Shared state: one total, four ways")
struct SharedCounterTests {
    @Test("K jobs x M increments give exactly K x M", arguments: SharedCounter.allCases, [1, 2, 8])
    func exactTotal(variant: SharedCounter, jobs: Int) async throws {
        #expect(try await variant.run(jobs: jobs, increments: 20_000) == jobs * 20_000)
    }

    /// Run under ThreadSanitizer by CI: a race in any variant is a report, and a lost update a wrong total.
    @Test("100 runs of 4 jobs x 1000 increments are all exact", arguments: SharedCounter.allCases)
    func hundredRuns(variant: SharedCounter) async throws {
        for run in 1...100 {
            let total = try await variant.run(jobs: 4, increments: 1_000)
            try #require(total == 4_000, "run \(run): \(total)")
        }
    }
}

@Suite("Swift 6 refuses the unsynchronised counter")
struct UnsynchronisedCounterTests {
    /// The README's claim, checked against the compiler that builds this package.
    @Test("a captured var mutated by concurrent jobs is a compile error",
          .enabled(if: ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
              .contains { FileManager.default.isExecutableFile(atPath: "\($0)/swiftc") } == true))
    func unsynchronisedDoesNotCompile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("race.swift")
        try """
        import Dispatch
        func count() -> Int {
            var total = 0
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                for _ in 0..<1_000 { total += 1 }
            }
            return total
        }
        """.write(to: source, atomically: true, encoding: .utf8)
        let compiler = Process()
        compiler.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        compiler.arguments = ["swiftc", "-swift-version", "6", "-typecheck", source.path]
        let errors = Pipe()
        compiler.standardError = errors
        compiler.standardOutput = FileHandle.nullDevice
        try compiler.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try? errors.fileHandleForReading.close()  // `Process` would keep it open
        compiler.waitUntilExit()
        #expect(compiler.terminationStatus != 0)
        #expect(message.contains("mutation of captured var 'total' in concurrently-executing code"), "\(message)")
    }
}
