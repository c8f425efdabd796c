// swift-tools-version: 6.0
import PackageDescription

/// A performance-regression kit for Swift concurrency models.
///
/// No package dependencies: only what the toolchain ships.
let package = Package(
    name: "concurrency-regression-kit",
    products: [
        .executable(name: "bench", targets: ["bench"]),
        .executable(name: "bench-worker", targets: ["bench-worker"]),
        .library(name: "Workloads", targets: ["Workloads"]),
        .library(name: "Runners", targets: ["Runners"]),
        .library(name: "Gate", targets: ["Gate"]),
    ],
    targets: [
        // The three jobs (prime counting, HTTP delay requests, both in turn), the lean
        // HTTP/1.1 client, the embedded delay server and the machine's cores. Glibc
        // only: no Foundation, so the worker child process starts in a couple of
        // milliseconds.
        .target(name: "Workloads", dependencies: ["CLinux"]),
        // epoll, eventfd, accept4 and pthread_setname_np, which the Glibc module map leaves out.
        // Header-only: nothing is compiled or linked.
        .systemLibrary(name: "CLinux"),
        // One file per concurrency model.
        .target(name: "Runners", dependencies: ["Workloads"]),
        // Trials, statistics, baselines and the decision rule. Depends on nothing of ours.
        .target(name: "Gate"),
        // Counts heap allocations by interposing malloc: C, linked only into what
        // measures (bench and the test binaries, through Benchmarks), never into a product library.
        .target(name: "AllocationCounter"),
        // The one list of benchmarks the gate judges, what one sample of each
        // measures, and the calibration kernel: what `bench sample` runs in a trial.
        .target(name: "Benchmarks", dependencies: ["Gate", "Runners", "Workloads", "AllocationCounter"]),
        // The child process of the `processes` model. Statically linked stdlib:
        // start-up cost is what the model pays per job.
        .executableTarget(
            name: "bench-worker",
            dependencies: ["Workloads"],
            linkerSettings: [.unsafeFlags(["-static-stdlib"])]
        ),
        // The main job: the article's experiment, reports, and the delay server.
        // bench-worker is listed so `swift run bench` builds it too: the `processes` model runs it.
        .executableTarget(name: "bench", dependencies: ["Workloads", "Runners", "Gate", "Benchmarks", "bench-worker"]),
        // Depends on bench so building the tests builds the executable its end-to-end tests run.
        .testTarget(name: "CorrectnessTests", dependencies: ["Workloads", "Runners", "Gate", "Benchmarks", "bench"]),
        .testTarget(name: "GateTests", dependencies: ["Gate"]),
        // Depends on bench: every trial is a `bench sample` process, and the gate counts `bench once` under valgrind.
        .testTarget(name: "PerformanceTests", dependencies: ["Gate", "Benchmarks", "bench"]),
    ],
    swiftLanguageModes: [.v6]
)
