#!/usr/bin/env bash
# Proves the gate on this machine with real source changes, in a temporary
# clone of HEAD (committed code and baselines; your work tree is not touched).
# By default every run compares with the clone's HEAD built and measured here
# (PERF_BASE=HEAD); MODE=baselines compares with the baselines' commit instead
# (what `make perf` does).
#
#   unchanged             the release suite: no test may fail
#   kernel-5              scripts/selftest/kernel-5.patch (the prime job does ~5 % more work):
#                         every CPU model must fail in >= 90 % of runs (instruction counts, valgrind)
#   kernel-10-novalgrind  scripts/selftest/kernel-10.patch (~10 % more work), valgrind hidden from PATH:
#                         cpu.serial and every parallel CPU model must fail >= 90 % (timed only)
#   threads-wait          threads-wait-first.patch (the last job waits for the first; no extra
#                         instructions): cpu.threads must fail >= 90 %
#   dispatch-last         dispatch-last-alone.patch (the last job runs alone after the others; no
#                         extra instructions): cpu.dispatch must fail >= 90 %
#   async-latency         async-client-latency.patch (every event-loop GET waits 20 ms first):
#                         io.tasks, io.eventLoop and io.hybrid must fail >= 90 %
#   threads-box           threads-box-result.patch (each result through a heap box: one allocation more
#                         per job), valgrind hidden: cpu.threads must fail >= 90 % (allocation counts)
#   threads-deadlock      threads-deadlock.patch (the first and last job each wait for the other): cpu.threads
#                         must fail every run, its trial stopped by the watchdog ("DEADLOCKED"), within 60 s
#                         (runs after the first, whose test also builds),
#                         no process left behind
#   mutex-twice           mutex-twice.patch (the mutex variant locks twice per increment):
#                         shared.mutex must fail >= 90 % (instructions)
#   busy                  unchanged code with a busy loop on one core: no test may fail, reports say busy
#   taskset               unchanged code under `taskset -c 0`: no test may fail, reports say 1 core
#   quota                 unchanged code in a cgroup of its own with a 1-CPU quota (`docker --cpus=1`; needs
#                         root and a writable cgroup v1 or v2 tree): no test may fail, reports say the quota
#
#   scripts/gate-selftest.sh                                 all scenarios, RUNS=10 each (unchanged: 20)
#   RUNS=3 SCENARIOS="kernel-5 busy" scripts/gate-selftest.sh
#
# Ends with the power card: per benchmark, false alarms in the unchanged runs
# with their one-sided 95 % upper bound, and the detection rate per change.
# Exits 1 when an expectation fails. Nothing else may run meanwhile.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-10}
unchanged_runs=${UNCHANGED_RUNS:-$(( runs * 2 ))}
busy_runs=${BUSY_RUNS:-$(( (runs + 1) / 2 ))}
scenarios=${SCENARIOS:-unchanged kernel-5 kernel-10-novalgrind threads-wait dispatch-last async-latency threads-box threads-deadlock mutex-twice busy taskset quota}
mode=${MODE:-ab}
work=$(mktemp -d /tmp/gate-selftest.XXXXXX)
clone=$work/clone
git clone -q "$repo" "$clone" || exit 1
compare=()
[ "$mode" = ab ] && compare=(PERF_BASE=HEAD)
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

# run NAME COUNT FILTER [env...]: runs the tests COUNT times (PREFIX, e.g. taskset, before swift); logs in $work/NAME-i.log
run() {
    local name=$1 count=$2 filter=$3; shift 3
    for i in $(seq 1 "$count"); do
        local log=$work/$name-$i.log start=$SECONDS
        (cd "$clone" && env "${compare[@]}" "$@" ${PREFIX:-} swift test -c release --filter "$filter") >"$log" 2>&1
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

# failures NAME SUITE:TEST: in how many runs the test failed, e.g. failures kernel-5 CPU:Serial
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
    summary+=("$(printf '%-22s %-50s %s\n%-22s %s' "$1" "$2" "$mark" "" "$3")")
}
# every NAME SUITE MODELS: expects each model's test to fail in >= 90 % of the runs
every() {
    local name=$1 suite=$2 worst=$runs observed=""
    for model in $3; do
        n=$(failures "$name" "$suite:$model"); observed+="$model $n, "
        [ "$n" -lt "$worst" ] && worst=$n
    done
    verdict "$name" "$suite: ${4:-each of these} fails >= 90 % of $runs" "failed: ${observed%, }" \
        $(( worst * 10 >= runs * 9 && $(errors "$name") == 0 ))
}
# quota_group: makes a cgroup with a quota of one CPU per period and prints its directory.
quota_group() {
    local group
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
        group=/sys/fs/cgroup/kit-quota-$$
        mkdir -p "$group" 2>/dev/null && echo "100000 100000" >"$group/cpu.max" 2>/dev/null || return 1
    else
        group=/sys/fs/cgroup/cpu/kit-quota-$$
        mkdir -p "$group" 2>/dev/null && echo 100000 >"$group/cpu.cfs_period_us" \
            && echo 100000 >"$group/cpu.cfs_quota_us" 2>/dev/null || return 1
    fi
    echo "$group"
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
    kernel-5)
        checkout kernel-5.patch
        run kernel-5 "$runs" CPUPerformanceTests
        every kernel-5 CPU "$everyModel" "every model"
        summary+=("$(printf '%-22s serial instructions change per run: %s' "" "$(change kernel-5 serial instructions)")")
        ;;
    kernel-10-novalgrind)
        checkout kernel-10.patch
        run kernel-10-novalgrind "$runs" CPUPerformanceTests PATH="$novalgrind"
        every kernel-10-novalgrind CPU "Serial $parallel" "serial and every parallel model"
        summary+=("$(printf '%-22s serial wall change per run: %s' "" "$(change kernel-10-novalgrind serial wall)")")
        grep -q "valgrind not in PATH" "$work"/kernel-10-novalgrind-1.log || verdict kernel-10-novalgrind "report says valgrind is missing" "it does not" 0
        ;;
    threads-wait)
        checkout threads-wait-first.patch
        run threads-wait "$runs" CPUPerformanceTests/testThreads
        every threads-wait CPU Threads
        summary+=("$(printf '%-22s threads wallPerCal change per run: %s' "" "$(change threads-wait threads wallPerCal)")")
        ;;
    dispatch-last)
        checkout dispatch-last-alone.patch
        run dispatch-last "$runs" CPUPerformanceTests/testDispatch
        every dispatch-last CPU Dispatch
        summary+=("$(printf '%-22s dispatch wallPerCal change per run: %s' "" "$(change dispatch-last dispatch wallPerCal)")")
        ;;
    async-latency)
        checkout async-client-latency.patch
        run async-latency "$runs" "IOPerformanceTests/testTasks|IOPerformanceTests/testEventLoop|IOPerformanceTests/testHybrid"
        every async-latency IO "Tasks EventLoop Hybrid"
        summary+=("$(printf '%-22s tasks vsIdeal change per run: %s' "" "$(change async-latency tasks vsIdeal io)")")
        ;;
    threads-box)
        checkout threads-box-result.patch
        run threads-box "$runs" CPUPerformanceTests/testThreads PATH="$novalgrind"
        every threads-box CPU Threads
        summary+=("$(printf '%-22s threads allocations change per run: %s' "" "$(change threads-box threads allocations)")")
        ;;
    threads-deadlock)
        checkout threads-deadlock.patch
        run threads-deadlock "$runs" CPUPerformanceTests/testThreads
        every threads-deadlock CPU Threads
        named=$(grep -l "DEADLOCKED or hung" "$work"/threads-deadlock-*.log | wc -l)
        # Run 1's test also builds the reference and the work tree; the bound is on the warm runs'.
        slowest=$(for log in "$work"/threads-deadlock-*.log; do [ "$log" = "$work/threads-deadlock-1.log" ] \
            || grep -ohE "testThreads' failed \([0-9.]+ seconds" "$log"; done | grep -oE "[0-9.]+" | sort -n | tail -1)
        left=$(pgrep -fc "bench sample cpu.threads" || true)
        verdict threads-deadlock "every report names it; warm test <= 60 s; nothing left" \
            "named in $named of $runs; slowest warm test ${slowest:-?} s; $left processes left" \
            $(( named == runs && left == 0 && ${slowest%.*} <= 60 ))
        ;;
    mutex-twice)
        checkout mutex-twice.patch
        run mutex-twice "$runs" SharedStatePerformanceTests/testMutex
        every mutex-twice SharedState Mutex
        summary+=("$(printf '%-22s mutex instructions change per run: %s' "" "$(change mutex-twice mutex instructions shared)")")
        ;;
    busy)
        checkout
        bash -c 'while :; do :; done' &
        spinner=$!
        run busy "$busy_runs" PerformanceTests
        kill "$spinner"
        failed=$(cat "$work"/busy-*.log.failed | tr ' ' '\n' | grep -c .)
        said=$(grep -c "machine busy" "$work"/busy-1.log)
        verdict busy "0 failures in $busy_runs runs; reports say busy" "$failed failing test runs; $said busy notes in run 1" \
            $(( failed == 0 && said > 0 ))
        ;;
    taskset)
        checkout
        PREFIX="taskset -c 0" run taskset "$busy_runs" PerformanceTests
        failed=$(cat "$work"/taskset-*.log.failed | tr ' ' '\n' | grep -c .)
        said=$(grep -c "1 core (CPU 0 of" "$work"/taskset-1.log)
        verdict taskset "0 failures in $busy_runs runs; reports say 1 core" "$failed failing test runs; $said reports say so" \
            $(( failed == 0 && said > 0 ))
        ;;
    quota)
        checkout
        if ! group=$(quota_group); then
            verdict quota "runs in a cgroup with a 1-CPU quota" "cannot make one here (root, writable cgroup fs)" 0
            continue
        fi
        printf '#!/bin/sh\necho $$ > %s/cgroup.procs && exec "$@"\n' "$group" >"$work/in-quota"
        chmod +x "$work/in-quota"
        PREFIX="$work/in-quota" run quota "$busy_runs" PerformanceTests
        rmdir "$group" 2>/dev/null
        failed=$(cat "$work"/quota-*.log.failed | tr ' ' '\n' | grep -c .)
        said=$(grep -c "quota 1.0 CPU" "$work"/quota-1.log)
        verdict quota "0 failures in $busy_runs runs; reports say the quota" "$failed failing test runs; $said reports say so" \
            $(( failed == 0 && said > 0 ))
        ;;
    *) echo "unknown scenario $scenario"; exit 2 ;;
    esac
done

echo
printf '%-22s %-50s %s\n' scenario expectation result
printf '%s\n' "${summary[@]}"
echo
scripts=$repo/scripts python3 "$repo/scripts/power-card.py" "$work"
echo "logs: $work"
exit $status
