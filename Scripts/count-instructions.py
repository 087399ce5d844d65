#!/usr/bin/env python3
"""Instructions executed by `align` under callgrind, for builds side by side: the repeatable
measure this noisy machine allows (wall time moves with its load; instruction counts do not).

Workloads: `align --version`; `align check` on a two-line English file; `align check` on
seed 002 (9 KB); `align check --quiet`, `align` (side-by-side text) and `align --format
json` on the 19 distinct statements of Fixtures/ (the seeds and the interleaved alignment
pages, 0.3 MB); `align check --pairs --quiet` on 0.3 MB of the
pair set Scripts/benchmark-conversion.py builds; `align check --pairs --quiet` on 1 MB of
it (a 2 MB file: over 1 MiB, so read in parts and only the pairs with something to report
kept, the case of the benchmark's 1 MB row). With --split, the start-up parts of the
seed 002 run (inclusive counts: argument parsing, ICU's variant tables, OpenCC's tables,
the word list) are shown too; the tables load on other threads, so the parts overlap. So
are the parts of the pair-set run (OpenCC's tables, reading and validating the set, the
context-dependence table, the plain path, the full check) and how many pairs went on to
the full check, and those of the 1 MB run (the pair sorter, the check of the pairs kept,
rendering the findings).

Every run is pinned to one core (taskset -c 0), so that work `align` would split into
chunks for other threads stays under the function that asks for it. Each binary is copied stripped of debug information (valgrind 3.19 cannot read Swift 6's
DWARF 5) beside the resource bundle of its build, so an older build reads its own snapshots.

Usage: python3 Scripts/count-instructions.py [--split] [BIN ...]   (default .build/release/align)
"""

import argparse
import glob
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "Fixtures", "seeds", "002_d096c9044781a046.txt")
BUNDLE = "ParallelText_ParallelText.resources"
# Start-up parts of the seed 002 run, by pieces of their mangled Swift names (a part's
# count is the sum over its pieces).
PARTS = {
    "argument parsing": ["ParsableCommandPAAE11parseAsRoot"],
    "ICU's variant tables (HanVariants.icu)": ["HanVariantsV3icuACvpZ"],
    "OpenCC's tables (ConversionTables.openCC)": ["ConversionTablesC6openCCACvpZ"],
    "the word list (Lexicon.shipped)": ["LexiconC7shippedACSgvpZ"],
}
# Parts of the pair-set run.
PAIR_PARTS = {
    "reading and validating the set": ["PairSetReaderV4read|PairSetReaderV9readPairs",
                                       "PairSetReaderV6counts|PairSetReaderV10firstError",
                                       "DecoderO12validateUTF8"],
    "the context-dependence table (ContextDependence)": ["ContextDependenceV_4form"],
    "the plain path (isPlainlyFaithful)": ["isPlainlyFaithful10simplified11traditional_Sb"],
    "the full check of the rest (ConversionCheck.check)": ["ConversionCheckV5check10simplified11traditional4unit"],
}
# Parts of the 1 MB pair-set run, read in parts: reading includes sorting the pairs.
STREAMED_PAIR_PARTS = {
    "reading, validating and sorting the set": ["PairSetReaderV4read|PairSetReaderV9readPairs",
                                                "PairSetReaderV6counts|PairSetReaderV10firstError",
                                                "DecoderO12validateUTF8"],
    "the pair sorter, within reading (Checker.pairSorter)": ["CheckerV10pairSorter"],
    "the context-dependence table (ContextDependence)": ["ContextDependenceV_4form"],
    "the check of the pairs kept (Checker.checkPairs)": ["CheckerV5check_15plainlyFaithful|CheckerV10checkPairs_15plainlyFaithful"],
    "the full check, within the check (ConversionCheck.check)": ["ConversionCheckV5check10simplified11traditional4unit"],
    # Session.streamed; for a pair set checked for its findings alone, the step that renders
    # each part's findings on the thread that checked it (a closure returning failing, tally
    # and text).
    "rendering the findings": ["SessionV8streamed|tFSb7failing_"],
}
# The function whose calls are the pairs that go on to the full check, and the row that
# shows them (a number of pairs, not of instructions).
FULL_CHECK = "ConversionCheckV5check10simplified11traditional4unit"
PAIRS_CHECKED_IN_FULL = "  pairs sent to the full check (a count)"
LABEL_WIDTH = 62


def write_corpus(folder):
    """The English file, the 19 statements, the 0.3 MB and the 1 MB pair sets."""
    english = os.path.join(folder, "english.txt")
    with open(english, "w", encoding="utf-8") as f:
        f.write("An English paragraph with nothing to align.\n\nAnd a second one.\n")
    statements = os.path.join(folder, "statements")
    os.mkdir(statements)
    pages = sorted(glob.glob(os.path.join(ROOT, "Fixtures", "alignment", "interleaved", "*", "*.txt")))
    for path in sorted(glob.glob(os.path.join(ROOT, "Fixtures", "seeds", "*.txt"))):
        shutil.copy(path, statements)
    for index, path in enumerate(pages):
        shutil.copy(path, os.path.join(statements, f"{index:02d}-{os.path.basename(path)}"))
    spec = importlib.util.spec_from_file_location("conversion", os.path.join(ROOT, "Scripts", "benchmark-conversion.py"))
    conversion = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conversion)
    pairs = conversion.libreoffice_pairs()
    tsv, _, _ = conversion.write_inputs(folder, pairs, 0.3)
    large, _, _ = conversion.write_inputs(folder, pairs, 1.0)
    return english, statements, tsv, large


def stripped(binary, folder):
    """A copy of `binary` without debug information, beside its build's resource bundle."""
    os.makedirs(folder)
    copy = os.path.join(folder, "align")
    subprocess.run(["strip", "--strip-debug", binary, "-o", copy], check=True)
    bundle = os.path.join(os.path.dirname(os.path.abspath(binary)), BUNDLE)
    if os.path.isdir(bundle):
        os.symlink(bundle, os.path.join(folder, BUNDLE))
    return copy


def callgrind(command, output):
    # Pinned to one core: `align` then splits no work into chunks for other threads, so a
    # function's inclusive count holds all the work done under it (the parts of --split).
    result = subprocess.run(
        ["taskset", "-c", "0", "valgrind", "--tool=callgrind", f"--callgrind-out-file={output}"] + command,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if not match:
        raise SystemExit(f"callgrind failed on {' '.join(command)}: {result.stderr[-300:]}")
    return int(match.group(1))


def inclusive(profile, names):
    """Inclusive instruction counts per label: for each piece, the largest inclusive count
    of a function whose name contains it (or one of its `|`-separated alternatives), summed
    over the label's pieces."""
    report = subprocess.run(["callgrind_annotate", "--inclusive=yes", profile],
                            capture_output=True, text=True, check=True).stdout
    counts = {}
    for label, pieces in names.items():
        counts[label] = 0
        for piece in pieces:
            found = [int(line.split()[0].replace(",", "")) for line in report.splitlines()
                     if any(alternative in line for alternative in piece.split("|"))]
            counts[label] += max(found) if found else 0
    return counts


def calls(profile, piece):
    """How many times the function whose name contains `piece` was called: the call counts
    of its callers (the `< caller (Nx)` lines above it in callgrind_annotate's caller tree)."""
    report = subprocess.run(["callgrind_annotate", "--tree=caller", profile],
                            capture_output=True, text=True, check=True).stdout
    total = 0
    callers = []
    for line in report.splitlines():
        if " < " in line:
            match = re.search(r"\((\d+)x\)", line)
            callers.append(int(match.group(1)) if match else 0)
        elif " * " in line:
            if piece in line:
                total += sum(callers)
            callers = []
        else:
            callers = []
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="*", default=[os.path.join(ROOT, ".build", "release", "align")])
    parser.add_argument("--split", action="store_true",
                        help="show the start-up parts of the seed 002 run and the parts of the pair-set run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        english, statements, tsv, large = write_corpus(folder)
        workloads = {
            "align --version": ["--version"],
            "align check, English only": ["check", english],
            "align check, seed 002 (9 KB)": ["check", SEED],
            "align check --quiet, 19 statements": ["check", "--quiet", statements],
            "align (side-by-side text), 19 statements": [statements],
            "align --format json, 19 statements": ["--format", "json", statements],
            "align check --pairs --quiet, 0.3 MB": ["check", "--pairs", "--quiet", tsv],
            "align check --pairs --quiet, 1 MB (read in parts)": ["check", "--pairs", "--quiet", large],
        }
        columns = []
        for index, binary in enumerate(args.binaries):
            align = stripped(binary, os.path.join(folder, f"build{index}"))
            counts = {}
            for name, arguments in workloads.items():
                profile = os.path.join(folder, f"build{index}.{len(counts)}.out")
                counts[name] = callgrind([align] + arguments, profile)
                if args.split and arguments == ["check", SEED]:
                    counts.update({f"  of which {label}": count
                                   for label, count in inclusive(profile, PARTS).items()})
                if args.split and tsv in arguments:
                    counts.update({f"  of which {label}": count
                                   for label, count in inclusive(profile, PAIR_PARTS).items()})
                    counts[PAIRS_CHECKED_IN_FULL] = calls(profile, FULL_CHECK)
                if args.split and large in arguments:
                    counts.update({f"  of which (1 MB) {label.strip()}": count
                                   for label, count in inclusive(profile, STREAMED_PAIR_PARTS).items()})
                    counts[PAIRS_CHECKED_IN_FULL.replace("check", "check, 1 MB")] = calls(profile, FULL_CHECK)
            columns.append(counts)
        print(f"{'instructions (millions)':<{LABEL_WIDTH}}" + "".join(f"{os.path.relpath(b):>22}" for b in args.binaries))
        for name in columns[0]:
            scale = 1 if name.endswith("(a count)") else 1e6
            print(f"{name:<{LABEL_WIDTH}}" + "".join(f"{c.get(name, 0) / scale:>22.1f}" for c in columns))


if __name__ == "__main__":
    main()
