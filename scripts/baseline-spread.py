#!/usr/bin/env python3
"""Per metric of a baseline file: median, the spread of its samples, the recorded noise and tolerance, and the
limit a stored comparison judges by (max(tolerance, 1.5 x noise), GateConfiguration.noiseMultiplier).
Usage: scripts/baseline-spread.py baselines/release.json"""
import json, statistics, sys

data = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "baselines/release.json"))
for name, bench in sorted(data["benchmarks"].items()):
    for metric, value in sorted(bench["metrics"].items()):
        samples = value["samples"]
        median = statistics.median(samples)
        print(f"{name:20s} {metric:20s} median {median:10.4g}  min {min(samples) / median - 1:+7.1%}"
              f"  max {max(samples) / median - 1:+7.1%}  noise {value['noise']:6.1%}  tolerance {value['tolerance']:6.1%}"
              f"  limit {max(value['tolerance'], 1.5 * value['noise']):6.1%}")
