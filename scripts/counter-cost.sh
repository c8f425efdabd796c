#!/usr/bin/env bash
# What counting allocations costs the gate. Every benchmark's trial (`bench sample ID --samples 1`, what
# `make perf` runs for both builds) is timed with the interposed malloc and without it
# (scripts/selftest/no-allocation-counter.patch), both built in temporary clones of HEAD, in random
# order, ROUNDS times (default 3). Prints each benchmark's total and the cost. Nothing else may run meanwhile.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/counter-cost.XXXXXX)
for side in with without; do
    git clone -q "$repo" "$work/$side"
    [ "$side" = with ] || git -C "$work/$side" apply "$repo/scripts/selftest/no-allocation-counter.patch"
    (cd "$work/$side" && swift build -c release --product bench >/dev/null)
done
ROUNDS=${ROUNDS:-3} WORK=$work python3 - <<'PY'
import json, os, random, subprocess, time
work, rounds = os.environ["WORK"], int(os.environ["ROUNDS"])
ids = sorted(json.load(open(f"{work}/with/baselines/release.json"))["benchmarks"])
bench = {side: f"{work}/{side}/.build/release/bench" for side in ("with", "without")}
total = {(id, side): 0.0 for id in ids for side in bench}
for round in range(rounds):
    for id in ids:
        for side in random.sample(list(bench), 2):
            start = time.monotonic()
            run = subprocess.run([bench[side], "sample", id, "--samples", "1"], capture_output=True)
            total[id, side] += time.monotonic() - start
            if run.returncode != 0:
                raise SystemExit(f"{side} {id} failed: {run.stderr.decode()[-500:]}")
    print(f"round {round + 1} of {rounds} done", flush=True)
print(f"{'benchmark':<22} {'counted (s)':>12} {'uncounted (s)':>14} {'cost':>7}")
for id in ids:
    w, wo = total[id, "with"], total[id, "without"]
    print(f"{id:<22} {w:12.2f} {wo:14.2f} {(w - wo) / wo * 100:+6.1f}%")
w, wo = sum(total[id, "with"] for id in ids), sum(total[id, "without"] for id in ids)
print(f"{'all trials':<22} {w:12.2f} {wo:14.2f} {(w - wo) / wo * 100:+6.1f}%")
PY
rm -rf "$work"
