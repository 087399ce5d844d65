#!/usr/bin/env python3
"""Where one `align` run's wall time goes, phase by phase: runs the command --runs times
with PTX_TIME_MARKS set to the launch time (CLOCK_MONOTONIC, taken just before the process
is started), so that every mark the binary writes (TimeMarks in the library) is in
milliseconds since launch, and prints, for each mark, the median over the runs of its first
and last time and the threads that wrote it (0: the thread that marked first, the main
thread). `/bin/true` started the same way gives the cost of starting any process.

For a pair set, it also prints the median core time without a piece being checked between
the first piece's start and the last one's end (the cores the process may use, less the
pieces running, over that span): cores idle, or busy with anything else (a table still
loading, writing the findings).

Several builds (`--align BASE --align BIN`) take turns run by run, as in
measure-latency.py, so that the machine's drift touches them alike.

Usage: python3 Scripts/time-marks.py [--align PATH ...] [--runs 21] -- ARGS...
e.g.   python3 Scripts/time-marks.py --align .build/release/align -- check --pairs --quiet set.tsv
"""

import argparse
import os
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, arguments):
    """One run's marks: {label: [(ms, thread), ...]} and its wall time in ms."""
    environment = dict(os.environ, PTX_TIME_MARKS=str(time.monotonic_ns()))
    start = time.monotonic_ns()
    process = subprocess.run([binary, *arguments], env=environment, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, cwd=ROOT)
    wall = (time.monotonic_ns() - start) / 1e6
    marks = {}
    for line in process.stderr.decode(errors="replace").splitlines():
        fields = line.split("\t")
        if len(fields) != 3:
            continue
        try:
            marks.setdefault(fields[2], []).append((float(fields[0]), int(fields[1])))
        except ValueError:
            continue
    return marks, wall


def without_pieces(marks, cores):
    """Core milliseconds with no piece being checked, from the first piece's start to the
    last one's end; None without pieces."""
    events = sorted([(ms, 1) for ms, _ in marks.get("piece starts", [])]
                    + [(ms, -1) for ms, _ in marks.get("piece ends", [])])
    if not events:
        return None
    running, idle, last = 0, 0.0, events[0][0]
    for ms, change in events:
        idle += max(cores - running, 0) * (ms - last)
        running, last = running + change, ms
    return idle


def true_wall(runs):
    walls = []
    for _ in range(runs):
        start = time.monotonic_ns()
        subprocess.run(["/bin/true"])
        walls.append((time.monotonic_ns() - start) / 1e6)
    return statistics.median(walls)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--align", action="append", help="an align binary (repeatable)")
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    binaries = options.align or [os.path.join(ROOT, ".build", "release", "align")]
    arguments = options.arguments[1:] if options.arguments[:1] == ["--"] else options.arguments
    results = {binary: [] for binary in binaries}
    for binary in binaries:  # warm-up
        run(binary, arguments)
    for _ in range(options.runs):
        for binary in binaries:
            results[binary].append(run(binary, arguments))
    print(f"align {' '.join(arguments)}: medians of {options.runs} runs, ms since launch "
          f"(/bin/true takes {true_wall(options.runs):.2f} ms to start and end)")
    for binary in binaries:
        runs = results[binary]
        labels = []
        for marks, _ in runs:
            for label, times in sorted(marks.items(), key=lambda item: item[1][0][0]):
                if label not in labels:
                    labels.append(label)
        firsts = {label: statistics.median(m[label][0][0] for m, _ in runs if label in m) for label in labels}
        print(f"\n{binary}")
        print(f"  {'mark':<28} {'first':>8} {'last':>8} {'count':>6}  threads")
        for label in sorted(labels, key=firsts.get):
            present = [m[label] for m, _ in runs if label in m]
            last = statistics.median(times[-1][0] for times in present)
            count = statistics.median(len(times) for times in present)
            threads = sorted({thread for times in present for _, thread in times})
            print(f"  {label:<28} {firsts[label]:8.2f} {last:8.2f} {count:6.0f}  {','.join(map(str, threads))}")
        print(f"  {'(process ended)':<28} {statistics.median(wall for _, wall in runs):8.2f}")
        idle = [value for value in (without_pieces(m, len(os.sched_getaffinity(0))) for m, _ in runs)
                if value is not None]
        if idle:
            print(f"  core-ms without a piece while pieces run: {statistics.median(idle):.2f}")


if __name__ == "__main__":
    main()
