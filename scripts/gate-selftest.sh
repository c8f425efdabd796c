#!/usr/bin/env bash
# Proves the gate on this machine with real source changes, in a temporary
# clone of HEAD (committed code and baselines; your work tree is not touched):
#
#   unchanged             `swift test -c release --filter PerformanceTests`: no test may fail
#   kernel-10             scripts/selftest/kernel-10.patch (the prime job does ~10 % more work):
#                         every CPU model's test and every mixed model's test must fail in >= 90 % of runs
#   kernel-10-novalgrind  the same with valgrind hidden from PATH: cpu.serial must still fail >= 90 %
#   threads-wait          scripts/selftest/threads-wait-first.patch (threads: the last job waits for
#                         the first; no extra kernel instructions): cpu.threads must fail >= 90 %
#   mutex-twice           scripts/selftest/mutex-twice.patch (the shared-state mutex variant takes its
#                         lock twice per increment): shared.mutex must fail >= 90 % (instructions); with
#                         valgrind hidden from PATH its report must say INCONCLUSIVE (its time is context)
#   busy                  unchanged code with a busy loop on one core: no test may fail, the parallel
#                         CPU reports must say the machine was busy, each run under 3 minutes
#
#   scripts/gate-selftest.sh                      all scenarios: 20 unchanged runs, 10 per patch, 5 busy
#   RUNS=3 SCENARIOS="kernel-10 busy" scripts/gate-selftest.sh     fewer runs, some scenarios
#
# Prints a table; exits 1 when any expectation fails. Nothing else may run meanwhile.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
unchanged_runs=${UNCHANGED_RUNS:-$(( runs * 2 ))}
busy_runs=${BUSY_RUNS:-$(( (runs + 1) / 2 ))}
scenarios=${SCENARIOS:-unchanged kernel-10 kernel-10-novalgrind threads-wait mutex-twice busy}
work=$(mktemp -d /tmp/gate-selftest.XXXXXX)
clone=$work/clone
git clone -q "$repo" "$clone" || exit 1
parallel="BlockingTasks Dispatch Hybrid OperationQueue Processes Tasks Threads"
everyModel="BlockingTasks Dispatch EventLoop GIL Hybrid OperationQueue Processes Serial Tasks Threads"
summary=()
status=0

# A PATH with everything but valgrind.
novalgrind=$work/bin
mkdir -p "$novalgrind"
for dir in ${PATH//:/ }; do
    for tool in "$dir"/*; do [ -e "$novalgrind/${tool##*/}" ] || ln -s "$tool" "$novalgrind/${tool##*/}" 2>/dev/null; done
done
rm -f "$novalgrind"/valgrind*

# run NAME COUNT FILTER [env...]: runs the tests COUNT times; logs in $work/NAME-i.log
run() {
    local name=$1 count=$2 filter=$3; shift 3
    for i in $(seq 1 "$count"); do
        local log=$work/$name-$i.log start=$SECONDS
        (cd "$clone" && env "$@" swift test -c release --filter "$filter") >"$log" 2>&1
        local seconds=$(( SECONDS - start ))
        echo "$seconds" >"$log.seconds"
        if ! grep -qE "Executed [1-9][0-9]* tests?," "$log"; then
            echo "  $name run $i: ERROR, no test ran (see $log)"
            echo "ERROR" >"$log.failed"
            continue
        fi
        # CPUPerformanceTests.testSerial failing is listed as CPU:Serial
        grep -oE "Test Case '[A-Za-z]+PerformanceTests\.test[A-Za-z]+' failed" "$log" \
            | sed -E "s/Test Case '([A-Za-z]+)PerformanceTests\.test([A-Za-z]+)' failed/\1:\2/" \
            | sort -u | tr '\n' ' ' >"$log.failed"
        echo "  $name run $i (${seconds} s): failed: $(cat "$log.failed")"
    done
}

# failures NAME SUITE:TEST: in how many runs the test failed, e.g. failures kernel-10 CPU:Serial
failures() { cat "$work/$1"-*.log.failed 2>/dev/null | tr ' ' '\n' | grep -cx "$2"; }
errors() { cat "$work/$1"-*.log.failed 2>/dev/null | grep -c ERROR; }
# change NAME MODEL METRIC [JOB]: the metric's change in each run's JOB.MODEL report (JOB: cpu)
change() {
    for log in "$work/$1"-*.log; do
        awk -v id="gate ${4:-cpu}.$2:" -v metric="$3" '$0 ~ id {on=1} on && $1 == metric {print $4; exit}' "$log"
    done | tr '\n' ' '
}
verdict() { # NAME EXPECTATION OBSERVED OK
    local mark=PASS
    [ "$4" = 1 ] || { mark=FAIL; status=1; }
    summary+=("$(printf '%-22s %-46s %s\n%-22s %-46s' "$1" "$2" "$mark" "" "$3")")
}
checkout() { (cd "$clone" && git checkout -q -- . && { [ -z "${1:-}" ] || git apply "$repo/scripts/selftest/$1"; }) || exit 1; }

for scenario in $scenarios; do
    echo "== $scenario =="
    case $scenario in
    unchanged)
        checkout
        run unchanged "$unchanged_runs" PerformanceTests
        failed=$(cat "$work"/unchanged-*.log.failed | tr ' ' '\n' | grep -c .)
        verdict unchanged "0 failing tests in $unchanged_runs runs" "$failed failing test runs" $(( failed == 0 ))
        ;;
    kernel-10)
        checkout kernel-10.patch
        run kernel-10 "$runs" "CPUPerformanceTests|MixedPerformanceTests"
        for suite in CPU Mixed; do
            worst=$runs observed=""
            for model in $everyModel; do
                n=$(failures kernel-10 "$suite:$model"); observed+="$model $n, "
                [ "$n" -lt "$worst" ] && worst=$n
            done
            verdict kernel-10 "every $suite model fails >= 90 % of $runs" "failed: ${observed%, }" \
                $(( worst * 10 >= runs * 9 && $(errors kernel-10) == 0 ))
        done
        summary+=("$(printf '%-22s serial wallPerCal change per run: %s' "" "$(change kernel-10 serial wallPerCal)")")
        ;;
    kernel-10-novalgrind)
        checkout kernel-10.patch
        run kernel-10-novalgrind "$runs" CPUPerformanceTests/testSerial PATH="$novalgrind"
        n=$(failures kernel-10-novalgrind CPU:Serial)
        verdict kernel-10-novalgrind "cpu.serial fails >= 90 % of $runs, no valgrind" "failed $n of $runs; wallPerCal: $(change kernel-10-novalgrind serial wallPerCal)" \
            $(( n * 10 >= runs * 9 ))
        grep -q "valgrind not in PATH" "$work"/kernel-10-novalgrind-1.log || verdict kernel-10-novalgrind "report says valgrind is missing" "it does not" 0
        ;;
    threads-wait)
        checkout threads-wait-first.patch
        run threads-wait "$runs" CPUPerformanceTests/testThreads
        n=$(failures threads-wait CPU:Threads)
        verdict threads-wait "cpu.threads fails >= 90 % of $runs" "failed $n of $runs; wallPerCal: $(change threads-wait threads wallPerCal)" \
            $(( n * 10 >= runs * 9 ))
        ;;
    mutex-twice)
        checkout mutex-twice.patch
        run mutex-twice "$runs" SharedStatePerformanceTests/testMutex
        n=$(failures mutex-twice SharedState:Mutex)
        verdict mutex-twice "shared.mutex fails >= 90 % of $runs" "failed $n of $runs; instructions: $(change mutex-twice mutex instructions shared)" \
            $(( n * 10 >= runs * 9 ))
        # Without valgrind nothing judges the mutex's code (its time is context): the report must say so.
        run mutex-twice-novalgrind 1 SharedStatePerformanceTests/testMutex PATH="$novalgrind"
        said=$(grep -c "gate shared.mutex: INCONCLUSIVE" "$work"/mutex-twice-novalgrind-1.log)
        verdict mutex-twice "without valgrind: the report says INCONCLUSIVE" "said $said time(s) in 1 run" \
            $(( said == 1 ))
        ;;
    busy)
        checkout
        bash -c 'while :; do :; done' &
        spinner=$!
        run busy "$busy_runs" PerformanceTests
        kill "$spinner"
        failed=$(cat "$work"/busy-*.log.failed | tr ' ' '\n' | grep -c .)
        slowest=$(cat "$work"/busy-*.log.seconds | sort -n | tail -1)
        named=0
        for model in $parallel; do
            grep -A20 "gate cpu.$(echo "${model:0:1}" | tr A-Z a-z)${model:1}:" "$work/busy-1.log" | grep -q "machine busy" \
                && named=$(( named + 1 ))
        done
        verdict busy "0 failures in $busy_runs runs, each < 180 s" "$failed failing test runs; slowest run ${slowest} s" \
            $(( failed == 0 && slowest < 180 ))
        total=$(echo $parallel | wc -w)
        verdict busy "the $total parallel CPU reports say busy" "$named of $total do (run 1)" $(( named == total ))
        ;;
    *) echo "unknown scenario $scenario"; exit 2 ;;
    esac
done

echo
printf '%-22s %-46s %s\n' scenario expectation result
printf '%s\n' "${summary[@]}"
echo "logs: $work"
exit $status
