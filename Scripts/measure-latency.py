#!/usr/bin/env python3
"""Wall time of `align` on one statement, start-up included: the latency a user or a
pre-commit hook feels. Each command runs --runs times after two warm-up runs; the median
and the 90th percentile are reported.

The split: `align --version` is the process alone (dynamic loading, Swift runtime,
argument parsing); `align check` on a file with no Chinese adds reading and ICU's variant
tables; the statements add the word list, OpenCC's tables (both loaded from snapshots on
other threads), alignment, checks and output.

Usage: python3 Scripts/measure-latency.py [--align PATH] [--runs 30]
"""

import argparse
import os
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED_9KB = os.path.join(ROOT, "Fixtures", "seeds", "002_d096c9044781a046.txt")
SEED_19KB = os.path.join(ROOT, "Fixtures", "seeds", "003_76d1c8c09f92df67.txt")


def wall_times(command, runs):
    times = []
    for index in range(runs + 2):
        started = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {result.returncode}")
        if index >= 2:
            times.append(elapsed * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if not os.path.exists(args.align):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as folder:
        english = os.path.join(folder, "english.txt")
        with open(english, "w", encoding="utf-8") as f:
            f.write("An English paragraph with nothing to align.\n\nAnd a second one.\n")
        commands = [
            ("align --version (process start-up)", [args.align, "--version"]),
            ("align check, English only", [args.align, "check", english]),
            ("align check, 9 KB statement (seed 002)", [args.align, "check", SEED_9KB]),
            ("align, 9 KB statement, text output", [args.align, "--no-color", SEED_9KB]),
            ("align --format json, 19 KB (seed 003)", [args.align, "--format", "json", SEED_19KB]),
        ]
        print(f"{'command':<42} {'median ms':>10} {'p90 ms':>8}")
        for name, command in commands:
            median, p90 = wall_times(command, args.runs)
            print(f"{name:<42} {median:10.1f} {p90:8.1f}")


if __name__ == "__main__":
    main()
