// `bench`: the article's experiment in Swift, in one command.
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
    Progress.warn("bench: \(error)\n\n\(CommandLineParser.usage)")
    exit(2)
}

switch command {
case .help:
    print(CommandLineParser.usage)
case .serve(let port):
    exit(Serve.run(port: port))
case .drift(let options):
    exit(Drift.run(options))
case .once(let options):
    exit(Once.run(options))
case .sample(let id, let samples):
    exit(TrialCommand.run(id, samples: samples))
case .shared(let options):
    exit(SharedState.run(options))
case .payload(let options):
    exit(PayloadCost.run(options))
case .scale(let options):
    exit(Scaling.run(options))
case .experiment(let options):
    exit(BenchMain.run(options))
}
