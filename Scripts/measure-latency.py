#!/usr/bin/env python3
"""Wall time of `align` on one statement, start-up included: the latency a user or a
pre-commit hook feels. Each command runs --runs times after two warm-up runs; the median
and the 90th percentile are reported.

The split: `align --version` is the process alone (dynamic loading, Swift runtime,
argument parsing); `align check` on a file with no Chinese adds reading and ICU's variant
tables; the statements add the word list, OpenCC's tables (both loaded from snapshots on
other threads), alignment, checks and output.

Several builds (`--align BASE --align BIN`) take turns run by run, so that the machine's
drift (tens of percent within minutes here) touches them alike: compare them within one
invocation, not across two.

Usage: python3 Scripts/measure-latency.py [--align PATH ...] [--runs 30]
"""

import argparse
import importlib.util
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("conversion", os.path.join(ROOT, "Scripts", "benchmark-conversion.py"))
conversion = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conversion)
SEED_9KB = os.path.join(ROOT, "Fixtures", "seeds", "002_d096c9044781a046.txt")
SEED_19KB = os.path.join(ROOT, "Fixtures", "seeds", "003_76d1c8c09f92df67.txt")


def wall_times(commands, runs):
    """Median and 90th percentile (ms) of each command, the commands taking turns run by run
    after two warm-up runs each."""
    times = [[] for _ in commands]
    for index in range(runs + 2):
        for position, command in enumerate(commands):
            elapsed = conversion.wall_time(command)
            if index >= 2:
                times[position].append(elapsed * 1000)
    summary = []
    for values in times:
        values.sort()
        summary.append((statistics.median(values), values[int(0.9 * (len(values) - 1))]))
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--align", action="append", help="a build to time (repeat to compare builds)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    builds = args.align or [os.path.join(ROOT, ".build", "release", "align")]
    if not args.align and not os.path.exists(builds[0]):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)
    for build in builds:
        if not os.path.exists(build):
            raise SystemExit(f"no align at {build}")
    with tempfile.TemporaryDirectory() as folder:
        english = os.path.join(folder, "english.txt")
        with open(english, "w", encoding="utf-8") as f:
            f.write("An English paragraph with nothing to align.\n\nAnd a second one.\n")
        workloads = [
            ("align --version (process start-up)", ["--version"]),
            ("align check, English only", ["check", english]),
            ("align check, 9 KB statement (seed 002)", ["check", SEED_9KB]),
            ("align, 9 KB statement, text output", ["--no-color", SEED_9KB]),
            ("align --format json, 19 KB (seed 003)", ["--format", "json", SEED_19KB]),
        ]
        for number, build in enumerate(builds, 1):
            print(f"build {number}: {build}")
        header = "".join(f" {'median ms':>10} {'p90 ms':>8}" for _ in builds)
        print(f"{'command':<42}{header}" + ("  (build 1, build 2, ...)" if len(builds) > 1 else ""))
        for name, arguments in workloads:
            summary = wall_times([[build] + arguments for build in builds], args.runs)
            print(f"{name:<42}" + "".join(f" {median:10.1f} {p90:8.1f}" for median, p90 in summary))


if __name__ == "__main__":
    main()
