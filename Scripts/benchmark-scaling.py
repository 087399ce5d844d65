#!/usr/bin/env python3
"""Time and peak memory of `align check` on corpora of real statements of 1, 10 and 100 MB,
against `opencc -c s2t` and `uconv -x Hans-Hant` on the same Chinese text, in one run.

The corpus is a folder of statement files: the five seed statements (Fixtures/seeds) and
the 14 interleaved Debian Reference pages of Fixtures/alignment/interleaved, copied round
robin until the folder holds the size asked. `align check FOLDER` aligns and checks every
file (all cores, or one with --one-core); the converters read the corpus's Chinese lines
(every line with a Han character) as one file. Each command runs under `/usr/bin/time -v`
for wall time and peak resident memory; throughput is corpus megabytes per second.

A fourth row bounds what `align check` can reach on the corpus: `align check --pairs`
on its Simplified/Traditional paragraph pairs (each statement's units with both, from `align
export --format tsv`, copied as often as the statement is), which only converts and
compares, credited like the others with the whole corpus. `align check` on the statements
does that work on the same pairs and also reads, splits, labels and aligns them (English
included), so its ratio to opencc stays below this row's.

Usage: python3 Scripts/benchmark-scaling.py [--sizes 1,10,100] [--align PATH] [--one-core]
"""

import argparse
import os
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HAN = re.compile(r"[\u3400-\u9fff]")


def statements():
    """The real statements the corpus is made of, as (name, bytes)."""
    found = []
    seeds = os.path.join(ROOT, "Fixtures", "seeds")
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), "rb") as f:
            found.append((name, f.read()))
    interleaved = os.path.join(ROOT, "Fixtures", "alignment", "interleaved")
    for folder in sorted(os.listdir(interleaved)):
        with open(os.path.join(interleaved, folder, folder + ".txt"), "rb") as f:
            found.append((folder + ".txt", f.read()))
    return found


def paragraph_pairs(align, sources):
    """Each statement's aligned Simplified/Traditional paragraphs as pair-set lines (bytes)."""
    pairs = []
    with tempfile.TemporaryDirectory() as folder:
        for name, data in sources:
            path = os.path.join(folder, name)
            with open(path, "wb") as f:
                f.write(data)
            table = subprocess.run([align, "export", "--format", "tsv", path], capture_output=True, check=True)
            rows = table.stdout.decode("utf-8").splitlines()
            header = rows[0].split("\t")
            lines = []
            if "zh-Hans" in header and "zh-Hant" in header:
                hans, hant = header.index("zh-Hans"), header.index("zh-Hant")
                for row in rows[1:]:
                    fields = row.split("\t")
                    if fields[hans] and fields[hant]:
                        lines.append(f"{fields[hans]}\t{fields[hant]}\n")
            pairs.append("".join(lines).encode("utf-8"))
    return pairs


def describe_pairs(align, pairs):
    """How many distinct pairs there are, how many have findings and how many a
    hans-hant-mismatch (the full comparison's case), from `align check --pairs --quiet`."""
    with tempfile.NamedTemporaryFile(suffix=".tsv") as pair_set:
        pair_set.write(b"".join(pairs))
        pair_set.flush()
        report = subprocess.run([align, "check", "--pairs", "--quiet", pair_set.name], capture_output=True)
    flagged, mismatched = set(), set()
    for line in report.stdout.decode("utf-8").splitlines():
        found = re.match(r".*?:(\d+):\d+: \w+: .*\[([\w-]+)\]$", line)
        if found:
            flagged.add(found.group(1))
            if found.group(2) == "hans-hant-mismatch":
                mismatched.add(found.group(1))
    total = sum(p.count(b"\n") for p in pairs)
    return f"{total} distinct pairs, {len(flagged)} with findings, {len(mismatched)} with a hans-hant-mismatch"


def write_corpus(folder, megabytes, sources, pairs):
    """A folder of statement files holding `megabytes` MB, the Chinese lines as one file, and
    the statements' paragraph pairs as one pair set."""
    target = int(megabytes * 1_000_000)
    corpus = os.path.join(folder, f"corpus-{megabytes:g}mb")
    os.makedirs(corpus)
    chinese = os.path.join(folder, f"corpus-{megabytes:g}mb.zh.txt")
    pair_set = os.path.join(folder, f"corpus-{megabytes:g}mb.pairs.tsv")
    written = 0
    index = 0
    with open(chinese, "w", encoding="utf-8") as zh, open(pair_set, "wb") as tsv:
        while written < target:
            name, data = sources[index % len(sources)]
            tsv.write(pairs[index % len(sources)])
            with open(os.path.join(corpus, f"{index:06d}-{name}"), "wb") as f:
                f.write(data)
            for line in data.decode("utf-8").splitlines():
                if HAN.search(line):
                    zh.write(line + "\n")
            written += len(data)
            index += 1
    return corpus, chinese, pair_set, written, index


def measure(command):
    """Wall seconds and peak resident MB of `command`, from /usr/bin/time -v."""
    result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    report = result.stderr.decode("utf-8", "replace")
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {report[-500:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", report)
    hours, minutes, seconds = wall.groups()
    elapsed = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1)) / 1024
    return elapsed, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="corpus sizes in MB (default 1,10,100)")
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    parser.add_argument("--one-core", action="store_true", help="pin every command to one CPU (taskset -c 0)")
    args = parser.parse_args()
    if not os.path.exists(args.align):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)
    for tool in ("opencc", "uconv"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (apt-get install opencc icu-devtools)")
    pin = ["taskset", "-c", "0"] if args.one_core else []
    sources = statements()
    pairs = paragraph_pairs(args.align, sources)
    print(f"{'one core (taskset -c 0)' if args.one_core else f'{os.cpu_count()} cores'}; "
          f"corpus of {len(sources)} real statements copied round robin; "
          f"their paragraph pairs: {describe_pairs(args.align, pairs)}")
    print(f"{'corpus':>8} {'files':>6} {'command':<22} {'wall s':>8} {'MB/s':>8} {'peak MB':>8} {'limit MB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in (float(s) for s in args.sizes.split(",")):
            corpus, chinese, pair_set, written, files = write_corpus(folder, size, sources, pairs)
            megabytes = written / 1e6
            chinese_mb = os.path.getsize(chinese) / 1e6
            limit = 2 * megabytes + 64
            commands = {
                "align check": pin + [args.align, "check", "--quiet", corpus],
                "opencc -c s2t": pin + ["opencc", "-c", "s2t", "-i", chinese, "-o", "/dev/null"],
                "uconv -x Hans-Hant": pin + ["uconv", "-x", "Hans-Hant", "-o", "/dev/null", chinese],
                "align check --pairs": pin + [args.align, "check", "--pairs", "--quiet", pair_set],
            }
            rates = {}
            for name, command in commands.items():
                elapsed, peak = measure(command)
                # Converters are credited with the whole corpus's megabytes too: they do less
                # work (the Chinese lines only, no alignment), so the ratio is in their favour.
                rates[name] = megabytes / elapsed
                bound = f"{limit:9.0f}" if name.startswith("align") else f"{'':9}"
                print(f"{megabytes:8.1f} {files:6d} {name:<22} {elapsed:8.2f} {rates[name]:8.2f} {peak:8.0f} {bound}")
            print(f"{'':8} {'':6} ratios: align / opencc = {rates['align check'] / rates['opencc -c s2t']:.2f}x, "
                  f"align / uconv = {rates['align check'] / rates['uconv -x Hans-Hant']:.2f}x "
                  f"(Chinese text: {chinese_mb:.1f} MB)")
            print(f"{'':8} {'':6} bound: align check --pairs / opencc = "
                  f"{rates['align check --pairs'] / rates['opencc -c s2t']:.2f}x, / uconv = "
                  f"{rates['align check --pairs'] / rates['uconv -x Hans-Hant']:.2f}x "
                  f"(its pairs: {os.path.getsize(pair_set) / 1e6:.1f} MB; converting and comparing only)")
            shutil.rmtree(corpus)
            os.remove(chinese)
            os.remove(pair_set)


if __name__ == "__main__":
    main()
