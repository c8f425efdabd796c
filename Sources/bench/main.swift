// `bench`: the article's experiment in Swift, in one command.
import Gate
#if canImport(Glibc)
import Glibc
#endif
import Benchmarks
import Runners
import Workloads

let command: Command
do {
    command = try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    Progress.warn(wrapped("bench: \(error)") + "\n\n\(CommandLineParser.usage)")
    exit(2)
}

/// Exits with `status`, or with 1 when stdout did not take everything printed
/// (a full disk, a closed pipe): lost output must not look like success.
func exitFlushingStdout(_ status: Int32) -> Never {
    if fflush(nil) != 0 {
        Progress.warn("bench: cannot write to stdout (\(String(cString: strerror(errno)))): the output is incomplete")
        exit(status == 0 ? 1 : status)
    }
    exit(status)
}

// Under a CPU quota, the timing commands run on as many CPUs as the quota's cores: the machine every model,
// ideal and report counts (``Machine/confinedToQuota()``). Not `once` and `shared`, whose instructions the gate
// counts: reading the machine there added 0.87M to a 50M count (+1.75 %, release; debug +2.3..3.2 %).
switch command {
case .sample, .experiment, .scale, .payload: Machine.current.confinedToQuota()
default: break
}

switch command {
case .help:
    print(CommandLineParser.usage)
    exitFlushingStdout(0)
case .serve(let port):
    exitFlushingStdout(Serve.run(port: port))
case .once(let options):
    // The gate runs it (under valgrind, in the same process): a killed test run must not leave it running.
    killWhenParentDies()
    exitFlushingStdout(Once.run(options))
case .sample(let id, let samples):
    killWhenParentDies()
    exitFlushingStdout(TrialCommand.run(id, samples: samples))
case .shared(let options):
    exitFlushingStdout(SharedState.run(options))
case .deadlock(let options):
    exitFlushingStdout(Deadlocks.run(options))
case .deadlockHazard(let pitfall):
    // Its hazard deadlocks on purpose; it must not outlive bench.
    killWhenParentDies()
    DeadlockWatch.run(pitfall)
case .payload(let options):
    exitFlushingStdout(PayloadCost.run(options))
case .scale(let options):
    exitFlushingStdout(Scaling.run(options))
case .experiment(let options):
    exitFlushingStdout(BenchMain.run(options))
}
