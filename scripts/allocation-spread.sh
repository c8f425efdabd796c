#!/usr/bin/env bash
# How steady each benchmark's allocation count is on unchanged code: RUNS trials (default 10) of
# `bench sample ID --samples 1`, the process run as `$PREFIX bench ...` (e.g. PREFIX="taskset -c 0").
# Prints per benchmark the least and most allocations per job, and whether the spread stays within the
# gate's slack (half an allocation per job; processes' count is judged by promise only).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bench >/dev/null
RUNS=${RUNS:-10} PREFIX=${PREFIX:-} BENCH=$(swift build -c release --show-bin-path)/bench python3 - <<'PY'
import json, os, shlex, subprocess
runs, prefix, bench = int(os.environ["RUNS"]), shlex.split(os.environ["PREFIX"]), os.environ["BENCH"]
ids = sorted(json.load(open("baselines/release.json"))["benchmarks"])
promiseOnly = ("processes",)
print(f"{runs} trials each{' under ' + ' '.join(prefix) if prefix else ''}")
print(f"{'benchmark':<22} {'least':>8} {'most':>8} {'spread':>7}  within 0.5/job")
outside = 0
for id in ids:
    counts = []
    for _ in range(runs):
        out = subprocess.run(prefix + [bench, "sample", id, "--samples", "1"], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"{id}: {out.stderr.strip()[-300:]}")
        counts += json.loads(out.stdout)["samples"].get("allocations", [])
    if not counts:
        print(f"{id:<22} {'-':>8} {'-':>8} {'-':>7}  not counted"); continue
    spread = max(counts) - min(counts)
    judged = not id.endswith(promiseOnly)
    ok = spread <= 0.5 or not judged
    outside += not ok
    print(f"{id:<22} {min(counts):8.2f} {max(counts):8.2f} {spread:7.2f}  "
          f"{('yes' if spread <= 0.5 else 'NO') + ('' if judged else ' (promise only)')}")
print(f"{outside} judged benchmark(s) spread beyond the slack")
raise SystemExit(1 if outside else 0)
PY
