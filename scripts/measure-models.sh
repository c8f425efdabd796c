#!/usr/bin/env bash
# The figures behind the workloads-and-runners acceptance, re-runnable:
#   (a) K=4 jobs of primes below 10^6, every model: wall, CPU, speedup, efficiency
#   (b) K=100 GETs of /delay/0.2 on the embedded server, every model
#   (c) K=1000 GETs of /delay/0.2 for tasks, eventLoop and threads
#   (d) processes: spawn + result back per child (a job that does no work)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bench >/dev/null
swift build -c release --product bench-worker >/dev/null
bench=.build/release/bench
echo "## (a) CPU: 4 jobs, primes below 1000000"
$bench --workload cpu --cpu-jobs 4 --limit 1000000 --rounds 5 --budget 10 --quiet
echo "## (b) I/O: 100 concurrent GETs of /delay/0.2"
$bench --workload io --io-jobs 100 --delay 0.2 --rounds 5 --budget 3 --quiet
echo "## (c) I/O: 1000 concurrent GETs of /delay/0.2 (tasks, eventLoop, threads)"
$bench --workload io --io-jobs 1000 --delay 0.2 --rounds 5 --models tasks,eventLoop,threads --quiet
echo "## (d) processes: one child doing no work (primes below 2), 100 rounds: spawn + answer per child"
$bench --workload cpu --cpu-jobs 1 --limit 2 --rounds 100 --budget 100 --models processes --quiet
