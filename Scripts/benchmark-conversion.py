#!/usr/bin/env python3
"""Throughput of `align check --pairs` against `opencc -c s2t` and `uconv -x Hans-Hant` on the
same Simplified text, in one run, as ratios.

The pair set is built from LibreOffice's Taiwan-Chinese help (the evaluation corpus of
Scripts/evaluate-conversion.py): each text run and its Simplified twin, repeated up to the
size asked. `align` reads SIMPLIFIED<TAB>TRADITIONAL lines and checks every pair; the
converters read the Simplified lines alone. Throughput is megabytes of Simplified text per
second. Peak memory of `align` (resident, from `/usr/bin/time -v`) is shown beside the
limit of twice the pair set's size plus 64 MB. For the small input start-up is included; for the large one it is excluded (the
time of a run on a one-line input is subtracted). Each figure is the best of --repeat rounds
(below 10 MB) in which the three commands take turns, so that the machine's drift touches
them alike.

With --one-core every command runs pinned to one CPU (`taskset -c 0`): the per-core ratio
the issue asks for, which `align`'s use of all cores does not inflate.

Usage: python3 Scripts/benchmark-conversion.py [--sizes 1,100] [--repeat 5] [--align PATH] [--one-core]
"""

import argparse
import importlib.util
import os
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("evaluation", os.path.join(ROOT, "Scripts", "evaluate-conversion.py"))
evaluation = importlib.util.module_from_spec(spec)
spec.loader.exec_module(evaluation)
spec = importlib.util.spec_from_file_location("scaling", os.path.join(ROOT, "Scripts", "benchmark-scaling.py"))
scaling = importlib.util.module_from_spec(spec)
spec.loader.exec_module(scaling)


def libreoffice_pairs():
    """Each text run of LibreOffice's Taiwan-Chinese help with its Simplified twin (OpenCC's
    TSCharacters, first candidate), as (Simplified, Traditional)."""
    to_simplified = evaluation.read_opencc("TSCharacters.txt")
    return [("".join(to_simplified.get(c, [c])[0] for c in t), t) for t in evaluation.load_libreoffice()]


def write_inputs(folder, pairs, megabytes):
    """A pair set and the Simplified text alone, each holding `megabytes` MB of Simplified text."""
    target = int(megabytes * 1_000_000)
    tsv = os.path.join(folder, f"{megabytes}mb.tsv")
    hans = os.path.join(folder, f"{megabytes}mb.hans.txt")
    written = 0
    with open(tsv, "w", encoding="utf-8") as pair_file, open(hans, "w", encoding="utf-8") as hans_file:
        index = 0
        while written < target:
            simplified, traditional = pairs[index % len(pairs)]
            pair_file.write(f"{simplified}\t{traditional}\n")
            hans_file.write(simplified + "\n")
            written += len(simplified.encode("utf-8")) + 1
            index += 1
    return tsv, hans, written


def wall_time(command):
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.decode()[:300]}")
    return elapsed


def best_times(commands, repeat):
    """The best wall time of each command over `repeat` rounds in which the commands take
    turns, so that the machine's drift (its speed moves by tens of percent within minutes)
    touches them alike and their ratio holds."""
    best = {}
    for _ in range(repeat):
        for name, command in commands.items():
            elapsed = wall_time(command)
            best[name] = min(best.get(name, elapsed), elapsed)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,100", help="input sizes in MB of Simplified text (default 1,100)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds below 10 MB, the commands taking turns (default 5)")
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    parser.add_argument("--one-core", action="store_true", help="pin every command to one CPU (taskset -c 0)")
    args = parser.parse_args()
    pin = ["taskset", "-c", "0"] if args.one_core else []
    if not os.path.exists(args.align):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)

    pairs = libreoffice_pairs()
    sizes = [float(size) for size in args.sizes.split(",")]

    with tempfile.TemporaryDirectory() as folder:
        tiny_tsv, tiny_hans, _ = write_inputs(folder, pairs[:1], 0.000001)
        commands = {
            "align check --pairs": lambda tsv, hans: pin + [args.align, "check", "--pairs", "--quiet", tsv],
            "opencc -c s2t": lambda tsv, hans: pin + ["opencc", "-c", "s2t", "-i", hans, "-o", "/dev/null"],
            "uconv -x Hans-Hant": lambda tsv, hans: pin + ["uconv", "-x", "Hans-Hant", "-o", "/dev/null", hans],
        }
        startup = best_times({name: make(tiny_tsv, tiny_hans) for name, make in commands.items()}, args.repeat)
        cores = "one core (taskset -c 0)" if args.one_core else f"{os.cpu_count()} cores"
        print(f"on {cores}; start-up (one-line input): "
              + ", ".join(f"{n} {t * 1000:.0f} ms" for n, t in startup.items()))
        for size in sizes:
            tsv, hans, written = write_inputs(folder, pairs, size)
            include_startup = size < 10
            print(f"\n{written / 1e6:.1f} MB of Simplified text ({'start-up included' if include_startup else 'start-up excluded'})")
            rates = {}
            times = best_times({name: make(tsv, hans) for name, make in commands.items()},
                               args.repeat if size < 10 else 1)
            for name, elapsed in times.items():
                if not include_startup:
                    elapsed = max(elapsed - startup[name], 1e-9)
                rates[name] = written / 1e6 / elapsed
                print(f"  {name:22} {elapsed:8.2f} s  {rates[name]:8.2f} MB/s")
            _, peak = scaling.measure(commands["align check --pairs"](tsv, hans))
            pair_set = os.path.getsize(tsv) / 1e6
            print(f"  align peak memory {peak:.0f} MB for a {pair_set:.0f} MB pair set "
                  f"(limit 2 x input + 64 MB = {2 * pair_set + 64:.0f} MB)")
            ours = rates["align check --pairs"]
            print(f"  ratio: align / opencc = {ours / rates['opencc -c s2t']:.2f}x, "
                  f"align / uconv = {ours / rates['uconv -x Hans-Hant']:.2f}x")


if __name__ == "__main__":
    main()
