import Foundation

/// A build whose `bench` the gate runs trials of: the work tree under test,
/// or the reference commit built beside it.
public struct Build: Sendable, Hashable {
    /// `"current"` or `"reference <commit>"`, for reports.
    public var name: String
    /// Its `bench` executable.
    public var bench: String

    public init(name: String, bench: String) {
        self.name = name
        self.bench = bench
    }
}

/// What one `bench sample` child process prints: one JSON object on stdout.
///
///     {"protocol": 3, "id": "cpu.serial", "parameters": {...}, "samples": {"wallPerCal": [10.1, 10.2], ...}}
public struct TrialOutput: Codable, Sendable {
    /// Bumped whenever the output changes meaning or the trial its way of
    /// measuring (2: the warm-up is a tenth of a sample; 3: one job alone is CPU time averaged over the
    /// CPUs); the gate refuses other versions.
    public static let currentProtocol = 3
    /// The exit status of a trial whose model made no progress (deadlocked or hung); stderr says what it did.
    public static let stalledStatus: Int32 = 3

    public var `protocol`: Int
    public var id: String
    public var parameters: [String: String]
    /// Metric name to this trial's samples, in order (`othersBusy` included).
    public var samples: [String: [Double]]

    public init(id: String, parameters: [String: String], samples: SampleSet) {
        self.protocol = Self.currentProtocol
        self.id = id
        self.parameters = parameters
        self.samples = samples.values
    }
}

/// A trial could not be taken: which build, and what to do.
public struct TrialError: Error, CustomStringConvertible, Sendable {
    public var build: String
    public var problem: String
    public var description: String { "\(build): \(problem)" }
}

/// One trial: a fresh `bench sample ID --samples N` process of one build.
///
/// A fresh process per trial, because a process's layout and its thread
/// pools' first decisions move a whole process's times together (measured on
/// one VM: medians of 16 runs of one binary spread 111.5-126.6 ms), so only
/// many processes per side average that out.
enum Trial {
    /// Runs the trial and returns its samples.
    static func run(_ benchmark: Benchmark, on build: Build, samples: Int, timeout: Double) throws(TrialError) -> SampleSet {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: build.bench)
        process.arguments = ["sample", benchmark.id.description, "--samples", String(samples)]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw TrialError(build: build.name, problem: "cannot start \(build.bench): \(error.localizedDescription)")
        }
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let errors = Drain(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        exited.wait()
        watchdog.cancel()
        let message = errors.text.split(separator: "\n").suffix(3).joined(separator: " / ")
        // Explicitly: Foundation's `Process` keeps its pipes' read ends open after the run
        // (2 descriptors a trial, measured), and a gate run takes thousands of trials.
        try? stdout.fileHandleForReading.close()
        try? stderr.fileHandleForReading.close()
        if process.terminationReason == .uncaughtSignal {
            let killed = process.terminationStatus == SIGKILL
            throw TrialError(build: build.name, problem: killed
                ? "`bench sample \(benchmark.id)` ran over \(Int(timeout)) s and was killed (a hung or deadlocked model?)"
                : "`bench sample \(benchmark.id)` died of signal \(process.terminationStatus): \(message)")
        }
        if process.terminationStatus == TrialOutput.stalledStatus {
            throw TrialError(build: build.name, problem: "DEADLOCKED or hung: \(message)")
        }
        guard process.terminationStatus == 0 else {
            throw TrialError(build: build.name, problem: "`bench sample \(benchmark.id)` exited with "
                + "\(process.terminationStatus): \(message.isEmpty ? "no message" : message)")
        }
        let trial: TrialOutput
        do { trial = try JSONDecoder().decode(TrialOutput.self, from: output) } catch {
            throw TrialError(build: build.name, problem: "`bench sample` printed no trial (\(error)); a build older than "
                + "the same-machine gate has no `bench sample`: choose a newer BASE or re-record with `make rebaseline`")
        }
        guard trial.protocol == TrialOutput.currentProtocol else {
            throw TrialError(build: build.name, problem: "trial protocol \(trial.protocol), this gate reads "
                + "\(TrialOutput.currentProtocol), so their trials are taken another way: compare with a newer "
                + "commit (BASE=<commit>), or re-record the baselines here (`make rebaseline`)")
        }
        guard trial.id == benchmark.id.description else {
            throw TrialError(build: build.name, problem: "asked for \(benchmark.id), it answered for \(trial.id): "
                + "that build's catalog names its benchmarks otherwise, so nothing compares")
        }
        guard trial.parameters == benchmark.parameters else {
            throw TrialError(build: build.name, problem: "it measures \(benchmark.id) with \(trial.parameters.sorted { $0.key < $1.key }), "
                + "this build with \(benchmark.parameters.sorted { $0.key < $1.key }): sizes changed, so times do not compare")
        }
        var set = SampleSet()
        for (name, values) in trial.samples {
            guard let metric = Metric.named(name) else { continue }
            for value in values { set.append(value, to: metric) }
        }
        return set
    }

    /// Reads a pipe to its end on another thread, so a chatty child never blocks on a full pipe.
    ///
    /// `@unchecked Sendable` is safe: `data` is written once by the reading
    /// thread before `done.signal()`, and read only after `done.wait()`.
    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        var text: String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
