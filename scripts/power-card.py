#!/usr/bin/env python3
"""The gate's power card, from a gate-selftest log directory (standard library only).

Per benchmark: false alarms in the unchanged runs (with the one-sided 95 %
Clopper-Pearson upper bound on their rate) and, per injected change, in how
many runs its test failed, and in how many others the gate said it could not
tell. A benchmark a change does not touch is left blank.
"""
import collections
import glob
import os
import re
import sys


def upper_bound(failures, runs, confidence=0.95):
    """One-sided Clopper-Pearson upper bound on a failure rate: the p at which
    seeing <= `failures` in `runs` has probability 1 - confidence."""
    if runs == 0:
        return 1.0
    if failures >= runs:
        return 1.0

    def cdf(p):
        term, total = (1 - p) ** runs, 0.0
        for k in range(failures + 1):
            total += term
            term *= (runs - k) / (k + 1) * p / (1 - p) if p < 1 else 0
        return total

    low, high = failures / runs, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        if cdf(mid) > 1 - confidence:
            low = mid
        else:
            high = mid
    return high


def outcomes(log):
    """benchmark id -> outcome word, and the `single` rows' changes (one job alone, current over reference), from
    one run's log."""
    found, alone, current = {}, [], None
    with open(log, errors="replace") as text:
        for line in text:
            match = re.match(r"gate (\S+): (\S+)", line)
            if match:
                current = match.group(1).rstrip(":")
                found[current] = match.group(2)
            match = re.match(r"  single +\S+ ms +\S+ ms +([+-][\d.]+)%", line)
            if match and current and current.startswith("cpu."):
                alone.append(float(match.group(1)))
    return found, alone


def main(directory):
    runs = collections.defaultdict(list)  # scenario -> [outcomes per run]
    sizes = collections.defaultdict(list)  # scenario -> [median change of one job alone per run]
    number = lambda path: int(re.search(r"-(\d+)\.log$", path).group(1))
    for log in sorted(glob.glob(os.path.join(directory, "*-[0-9]*.log")), key=number):
        scenario = re.sub(r"-\d+\.log$", "", os.path.basename(log))
        found, alone = outcomes(log)
        runs[scenario].append(found)
        if alone:
            sizes[scenario].append(sorted(alone)[len(alone) // 2])
    if not runs:
        print("power card: no runs in", directory)
        return
    changes = [s for s in runs if s not in ("unchanged", "busy", "taskset", "quota")]
    quiet = [s for s in ("unchanged", "busy", "taskset", "quota") if s in runs]
    ids = sorted({i for scenario in runs.values() for run in scenario for i in run})
    def table(title, columns, cell):
        rows = [[bench] + [cell(scenario, bench) for scenario in columns] for bench in ids]
        rows = [row for row in rows if any(row[1:])]
        header = ["benchmark"] + columns
        widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
        print(title)
        for row in [header] + rows:
            print("  " + "  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())

    def seen(scenario, bench):
        return [run[bench] for run in runs[scenario] if bench in run]

    def false_alarms(scenario, bench):
        outcomes = seen(scenario, bench)
        bad = sum(o in ("REGRESSION", "UNVERIFIED") for o in outcomes)
        return f"{bad}/{len(outcomes)} <={upper_bound(bad, len(outcomes)) * 100:.0f}%" if outcomes else ""

    def caught(scenario, bench):
        outcomes = seen(scenario, bench)
        if not outcomes:
            return ""
        # UNVERIFIED fails the test too: a deadlocked trial is reported so. A miss the gate said it could not
        # tell (INCONCLUSIVE) is counted apart from one it passed.
        failed = sum(o in ("REGRESSION", "UNVERIFIED") for o in outcomes)
        unknown = outcomes.count("INCONCLUSIVE")
        return f"{failed}/{len(outcomes)}" + (f" ({unknown} inconclusive)" if unknown else "")

    if quiet:
        table("power card, false alarms: failing runs / runs, and the rate not ruled out at 95 % (one-sided)",
              quiet, false_alarms)
    if changes:
        table("power card, detection: runs whose test failed / runs, per injected change (and how many of the "
              "others said INCONCLUSIVE)", changes, caught)
    # What a timed verdict can see of a change is its size in that run, not the patch's name.
    for scenario in changes:
        if sizes[scenario]:
            print(f"  {scenario}, the change's size per run (one job alone, current over reference, median of the "
                  f"CPU reports):\n    " + ", ".join(f"{size:+.1f}%" for size in sizes[scenario]))


if __name__ == "__main__":
    main(sys.argv[1])
