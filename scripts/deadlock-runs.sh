#!/usr/bin/env bash
# `bench deadlock` RUNS times in a row (default 20), release build. Each run must exit 0 (every hazard
# detected, every fix exact) and leave no `bench deadlock-hazard` process behind. Prints each run's
# detection times and the slowest.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
swift build -c release --product bench >/dev/null || exit 1
bench=$(swift build -c release --show-bin-path)/bench
failed=0 slowest=0
for i in $(seq 1 "$runs"); do
    json=$("$bench" deadlock -q --format json); status=$?
    left=$(pgrep -fc "bench deadlock-hazard" || true)
    times=$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(" ".join("%s %s %.0f ms" % (p["hazard"]["pitfall"], p["hazard"]["ending"], p["hazard"]["seconds"]*1000) for p in r["pitfalls"]))' <<<"$json")
    worst=$(python3 -c 'import json,sys; print(max(p["hazard"]["seconds"] for p in json.load(sys.stdin)["pitfalls"]))' <<<"$json")
    slowest=$(python3 -c "print(max($slowest, $worst))")
    printf 'run %2d: exit %d, %s; children left %s\n' "$i" "$status" "$times" "$left"
    [ "$status" = 0 ] && [ "$left" = 0 ] || failed=$((failed + 1))
done
echo "$failed of $runs runs failed; slowest detection $(python3 -c "print(round($slowest * 1000))") ms"
[ "$failed" = 0 ]
