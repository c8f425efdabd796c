#!/usr/bin/env bash
# `swift test` in fresh clones of HEAD, each straight after its cold build, as a
# new user or CI runs it: the debug gate must pass unchanged code there too.
#
#   scripts/fresh-clone-test.sh [RUNS]     (default 5)
#
# Prints each run's result and time; exits 1 if any run failed or ran no test.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
status=0
for run in $(seq 1 "$runs"); do
    clone=$(mktemp -d /tmp/fresh-clone.XXXXXX)
    git clone -q "$repo" "$clone"
    start=$SECONDS
    (cd "$clone" && swift test) >"$clone.log" 2>&1
    result=$?
    seconds=$(( SECONDS - start ))
    failed=$(grep -oE "Test Case '[A-Za-z]+\.test[A-Za-z]+' failed" "$clone.log" | sort -u | tr '\n' ' ')
    swift_testing=$(grep -E "Test run with [0-9]+ tests" "$clone.log" | tail -1)
    if [ "$result" -ne 0 ] || ! grep -qE "Executed [1-9][0-9]* tests" "$clone.log"; then status=1; fi
    echo "run $run: exit $result in ${seconds} s (cold build included); ${failed:-no XCTest failure}; ${swift_testing:-no Swift Testing summary}"
    [ "$result" -eq 0 ] && rm -rf "$clone" "$clone.log" || echo "  kept $clone and $clone.log"
done
exit $status
