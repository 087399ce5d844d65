#!/usr/bin/env python3
"""Where `align`'s wall time goes, beside where its instructions go: functions that take a
much larger share of time than of instructions wait on memory (a large table walked at
random, or a reference count every core updates), which instruction counts alone do not
show. It found that the plain path's walks of OpenCC's 5 MB phrase trie took 3.0% of the
1 MB pair set's instructions but 6.3% of its time (7b1b387, `--runs 20`).

For one workload, `perf record -e task-clock` samples `--runs` runs of `align` (all cores;
the software clock works in virtual machines without hardware counters) and callgrind
counts one run's instructions (one core); each function among the top `--top` by samples
is shown with both shares and their ratio. Workloads: `pairs` (`align check --pairs
--quiet` on the 1 MB LibreOffice pair set of Scripts/benchmark-conversion.py, a 2 MB
file) and `statements` (`align check --quiet` on the 19 statements of Fixtures/).

Needs perf (apt-get install linux-perf), valgrind and swift (for `swift demangle`).

Usage: python3 Scripts/profile-wall.py [--workload pairs|statements] [--runs 30] [--top 25] [--align PATH]
"""

import argparse
import collections
import importlib.util
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("instructions", os.path.join(ROOT, "Scripts", "count-instructions.py"))
instructions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(instructions)


def demangled(names):
    """The names, demangled and shortened by `swift demangle --simplified`."""
    result = subprocess.run(["swift", "demangle", "--simplified"], input="\n".join(names),
                            capture_output=True, text=True, check=True).stdout.splitlines()
    return result if len(result) == len(names) else names


def sample_shares(command, runs, folder):
    """Each function's share of `align`'s task-clock samples over `runs` runs."""
    data = os.path.join(folder, "perf.data")
    # `align` exits 1 when it finds errors: the loop's status is not the runs'.
    script = "; ".join([" ".join(command)] * runs) + "; exit 0"
    subprocess.run(["perf", "record", "-q", "-e", "task-clock", "-c", "20000", "-o", data, "--", "sh", "-c", script],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    report = subprocess.run(["perf", "report", "-i", data, "--comm", "align", "--no-children", "--sort", "symbol",
                             "--stdio", "-F", "overhead,sym", "--percent-limit", "0"],
                            capture_output=True, text=True, check=True).stdout
    shares = collections.Counter()
    for line in report.splitlines():
        # The symbol ends where perf's padding (two spaces or more) begins.
        match = re.match(r"\s*([\d.]+)%\s+\[[.k]\]\s+(\S.*?)(?:\s{2,}|\s*$)", line)
        if match:
            shares[match.group(2)] += float(match.group(1))
    total = sum(shares.values())
    return {name: 100 * share / total for name, share in shares.items()} if total else {}


def instruction_shares(command, folder):
    """Each function's share of one run's instructions (self cost, callgrind)."""
    output = os.path.join(folder, "callgrind.out")
    instructions.callgrind(command, output)
    report = subprocess.run(["callgrind_annotate", "--threshold=100", output],
                            capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    for line in report.splitlines():
        match = re.match(r"\s*([\d,]+)\s+\([\s\d.]+%\)\s+\S*?:(\S.*?)\s+\[", line)
        if match:
            counts[match.group(2)] += int(match.group(1).replace(",", ""))
    total = sum(counts.values())
    return {name: 100 * count / total for name, count in counts.items()} if total else {}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workload", choices=["pairs", "statements"], default="pairs")
    parser.add_argument("--runs", type=int, default=30, help="runs sampled by perf (default 30)")
    parser.add_argument("--top", type=int, default=25, help="functions shown (default 25)")
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _, statements, _, large = instructions.write_corpus(folder)
        binary = instructions.stripped(args.align, os.path.join(folder, "build"))
        command = [binary, "check", "--pairs", "--quiet", large] if args.workload == "pairs" else \
            [binary, "check", "--quiet", statements]
        samples = sample_shares(command, args.runs, folder)
        counted = instruction_shares(command, folder)
    # perf names a function by its symbol, callgrind by its symbol too: demangle both alike.
    names = sorted(samples, key=samples.get, reverse=True)[:args.top]
    readable = dict(zip(names, demangled(names)))

    def instruction_share(name):
        # Swift symbols are the same mangled names in both; perf shows a C++ function
        # without the parameter list callgrind gives it.
        if name in counted:
            return counted[name]
        return next((share for other, share in counted.items() if other.startswith(name)), None)
    print(f"{args.workload}: {args.runs} runs sampled (task-clock), one run counted (callgrind)")
    print(f"{'time %':>7} {'instr %':>8} {'ratio':>6}  function")
    for name in names:
        share = instruction_share(name)
        instr = f"{share:8.2f}" if share is not None else f"{'-':>8}"
        ratio = f"{samples[name] / share:6.1f}" if share else f"{'-':>6}"
        print(f"{samples[name]:7.2f} {instr} {ratio}  {readable[name][:110]}")


if __name__ == "__main__":
    main()
