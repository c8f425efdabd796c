#!/usr/bin/env bash
# Proves the gate on this machine: it must pass unchanged code every time and
# fail code made slower. KIT_SELFTEST_SLOWDOWN=P makes every CPU job do P %
# more work (same result); nothing but this script sets it.
#
# Unchanged runs each get an environment of a different size (PADDING, 0 to
# ~450 bytes): that moves the stack and so the code's layout, as a CI clone
# in another directory with another environment does. Measured in the first
# session: layout alone moved parallel models' times 7-11 %.
#
#   scripts/gate-selftest.sh [RUNS]      (default 10)
#   SCENARIOS="slowdown-10" scripts/gate-selftest.sh 5    (a subset)
#
# Prints, per scenario, how many runs each performance test failed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
logs=$(mktemp -d)
swift build -c release >/dev/null 2>&1  # the test bundle itself builds on the first run

scenario() { # name slowdown filter
    local name=$1 slowdown=$2 filter=$3
    case " ${SCENARIOS:-unchanged slowdown-10 slowdown-25} " in *" $name "*) ;; *) return ;; esac
    echo "== $name: $runs runs of swift test -c release --filter $filter (KIT_SELFTEST_SLOWDOWN=$slowdown) =="
    for run in $(seq 1 "$runs"); do
        padding=$(head -c $(( (run - 1) * 50 )) /dev/zero | tr '\0' x)
        PADDING=$padding KIT_SELFTEST_SLOWDOWN=$slowdown swift test -c release --filter "$filter" >"$logs/$name-$run.log" 2>&1
        if ! grep -qE "Executed [1-9][0-9]* tests?," "$logs/$name-$run.log"; then
            # A build error or a crash: no verdict at all, never a pass.
            echo "  run $run: ERROR: no test ran (see $logs/$name-$run.log)"
            echo "ERROR" >>"$logs/$name.failures"
            continue
        fi
        failed=$(grep -oE "Test Case '[A-Za-z]+\.test[A-Za-z]+' failed" "$logs/$name-$run.log" \
            | sed -E "s/Test Case '([A-Za-z.]+)' failed/\1/" | sort -u | tr '\n' ' ')
        echo "  run $run: ${failed:-all passed}"
        echo "$failed" >>"$logs/$name.failures"
    done
    echo "  failures per test over $runs runs:"
    tr ' ' '\n' <"$logs/$name.failures" | grep . | sort | uniq -c | sed 's/^/   /' || true
    [ -s "$logs/$name.failures" ] && grep -q . "$logs/$name.failures" || echo "   none"
}

scenario unchanged 0 PerformanceTests
# 10 %: the acceptance is about the serial model; 25 %: about every parallel one.
scenario slowdown-10 10 CPUPerformanceTests/testSerial
scenario slowdown-25 25 'CPUPerformanceTests/test(Threads|Dispatch|OperationQueue|Tasks|Processes|BlockingTasks)'
echo "logs: $logs"
echo "expected: unchanged -> no failures; 10 % -> CPUPerformanceTests.testSerial fails in >= 9 of $runs;"
echo "          25 % -> every parallel model (threads, dispatch, operationQueue, tasks, processes, blockingTasks) in >= 9 of $runs"
