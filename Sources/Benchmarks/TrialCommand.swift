import Foundation
import Gate
import Runners
import Workloads

/// `bench sample ID --samples N`: one trial for the gate, in this build.
///
/// One warm-up on a tenth of the work (thread pools start, children spawn,
/// code pages in: a first sample ran up to 25 % slow here), then N samples,
/// each with the CPU that other processes used around it (``MachineLoad``);
/// the result is one ``TrialOutput`` JSON object on stdout. I/O and mixed jobs GET from a delay
/// server of the trial's own on 127.0.0.1, so both builds are measured alike.
public enum TrialCommand {
    /// No job of a trial progresses for this long only when a model is stuck: a sample's slowest step
    /// (one GET of the trial's own server, a calibration run) takes well under a second.
    static let stall = Duration.seconds(10)

    /// Runs the trial; returns the exit status: 0; 1 on a failed sample, 2 for an unknown benchmark (the reason
    /// on stderr); exits with ``TrialOutput/stalledStatus`` when a model stalls.
    public static func run(_ id: String, samples: Int) -> Int32 {
        guard let benchmark = Catalog.benchmark(id) else {
            warn("bench sample: no benchmark \(id); known: " + Catalog.all.map(\.id.description).joined(separator: ", "))
            return 2
        }
        do {
            let server = benchmark.kind == .cpu || benchmark.kind == .sharedState ? nil : try DelayServer()
            defer { server?.stop() }
            let base = server?.baseURL ?? HTTPURL(host: "127.0.0.1", port: 0)
            guard let sample = Catalog.sampler(benchmark.id, server: base),
                  let warmUp = Catalog.sampler(benchmark.id, server: base, size: .warmUp) else { return 2 }
            // A model that deadlocks is named within seconds, not at the gate's trial timeout.
            let set = try RunProgress.watch(stall: stall, { () throws -> SampleSet in
                var discarded = SampleSet()
                try warmUp(&discarded)
                var set = SampleSet()
                for _ in 0..<samples {
                    let mark = MachineLoad.Mark(Stopwatch.reading())
                    try sample(&set)
                    set.append(mark.othersBusy(until: MachineLoad.Mark(Stopwatch.reading())), to: .othersBusy)
                }
                return set
            }, onStall: { why in
                warn("bench sample \(id): \(why)")
                LiveChildren.shutDown()
                // _exit: atexit handlers could wait on a lock a deadlocked thread holds.
                _exit(TrialOutput.stalledStatus)
            })
            let output = TrialOutput(id: id, parameters: benchmark.parameters, samples: set)
            print(String(decoding: try JSONEncoder().encode(output), as: UTF8.self))
            return 0
        } catch {
            warn("bench sample \(id): \(error)")
            return 1
        }
    }

    private static func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
