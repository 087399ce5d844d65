#!/usr/bin/env python3
"""Strict alignment evaluation on Fixtures/alignment/ (built by make_alignment_gold.py).

For every layout (interleaved, blocks, files) runs `align --format json` on each document
and compares its units with gold: a unit counts only when its set of paragraphs (FILE:LINE)
equals a gold unit exactly. Reports precision, recall and F1 per layout for ParallelText
and, in the same run over the same segments and script labels, for two baselines a user
can piece together today:

  gale-church   English stream aligned with the Simplified stream and, separately, with
                the Traditional stream by NLTK's Gale-Church (nltk.translate.gale_church,
                Chinese lengths scaled so both streams have the same total); units are the
                connected groups of the two alignments
  attach-prev   every Chinese paragraph joins the English paragraph before it

Usage: Scripts/evaluate_alignment.py [--align PATH] [--fixtures DIR] [--split dev|test|all] [--long]
(--long joins each layout's documents into one long document of about 900 paragraphs per
language, beyond the size the aligner searches in full)
(pages pr01, ch01-ch06 are "dev", used while tuning; ch07-ch12, apa are "test")
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

from nltk.translate.gale_church import align_blocks

HERE = os.path.dirname(os.path.abspath(__file__))
DEV_PAGES = {"pr01", "ch01", "ch02", "ch03", "ch04", "ch05", "ch06"}


def run_align(binary, directory, files):
    result = subprocess.run([binary, "--format", "json", *files], cwd=directory, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(f"align failed on {directory}: {result.stderr}")
    return json.loads(result.stdout)


def key(segment):
    return f"{segment['file']}:{segment['line']}"


def ours(output):
    by_id = {s["id"]: key(s) for s in output["segments"]}
    return [frozenset(by_id[i] for ids in u["segments"].values() for i in ids) for u in output["units"]]


def components(nodes, edges):
    parent = {n: n for n in nodes}

    def find(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent[find(a)] = find(b)
    groups = defaultdict(set)
    for n in nodes:
        groups[find(n)].add(n)
    return [frozenset(g) for g in groups.values()]


def gale_church(output):
    segments = output["segments"]
    english = [s for s in segments if s["script"] == "Latn"]
    streams = [
        [s for s in segments if s["script"] in ("Hans", "Hani")],
        [s for s in segments if s["script"] == "Hant"],
    ]
    edges = []
    for chinese in streams:
        if not english or not chinese:
            continue
        e_lens = [max(1, len(s["text"])) for s in english]
        c_lens = [max(1, len(s["text"])) for s in chinese]
        scale = sum(e_lens) / sum(c_lens)
        c_lens = [max(1, round(n * scale)) for n in c_lens]
        for i, j in align_blocks(e_lens, c_lens):
            edges.append((key(english[i]), key(chinese[j])))
    return components([key(s) for s in segments], edges)


def attach_previous(output):
    edges = []
    last_english = None
    for s in output["segments"]:
        if s["script"] == "Latn":
            last_english = key(s)
        elif s["script"] in ("Hans", "Hant", "Hani") and last_english:
            edges.append((last_english, key(s)))
    return components([key(s) for s in output["segments"]], edges)


def score(predicted, gold):
    hits = len(set(predicted) & set(gold))
    return hits, len(predicted), len(gold)


def concatenated(root, names, directory):
    """Writes the documents `names` of one layout end to end as one long document (each file
    position of the layout becomes one long file, a blank line between documents) into
    `directory`; returns its gold (units renamed to the long files' lines)."""
    long_files, units, offsets = [], [], {}
    for name in names:
        with open(os.path.join(root, name, "gold.json"), encoding="utf-8") as f:
            gold_doc = json.load(f)
        for position, file in enumerate(gold_doc["files"]):
            if position == len(long_files):
                suffix = file.split(".", 1)[1] if "." in file else "txt"
                suffix = suffix.replace("zh-HK", "zh-Hant").replace("zh-TW", "zh-Hant")
                long_files.append({"name": f"long.{suffix}", "lines": []})
            target = long_files[position]
            offsets[(name, file)] = (target["name"], len(target["lines"]))
            with open(os.path.join(root, name, file), encoding="utf-8") as f:
                target["lines"].extend(f.read().split("\n"))
            target["lines"].append("")
        for unit in gold_doc["units"]:
            renamed = []
            for member in unit:
                file, line = member.rsplit(":", 1)
                long_name, offset = offsets[(name, file)]
                renamed.append(f"{long_name}:{int(line) + offset}")
            units.append(renamed)
    for long_file in long_files:
        with open(os.path.join(directory, long_file["name"]), "w", encoding="utf-8") as f:
            f.write("\n".join(long_file["lines"]))
    return {"files": [long_file["name"] for long_file in long_files], "units": units}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--align", default=os.path.join(HERE, "..", ".build", "release", "align"))
    parser.add_argument("--fixtures", default=os.path.join(HERE, "..", "Fixtures", "alignment"))
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument(
        "--long",
        action="store_true",
        help="join each layout's documents end to end into one long document (beyond the "
        "aligner's full-search size, so the banded search and hard anchors are what is measured)",
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    args.align = os.path.abspath(args.align)
    systems = {"parallel-text": ours, "gale-church": gale_church, "attach-prev": attach_previous}
    print(f"{'layout':<12} {'system':<14} {'docs':>4} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for layout in ("interleaved", "blocks", "files"):
        root = os.path.join(args.fixtures, layout)
        names = [
            name
            for name in sorted(os.listdir(root))
            if args.split == "all" or (name.split("-")[1] in DEV_PAGES) == (args.split == "dev")
        ]
        scratch = tempfile.TemporaryDirectory()
        if args.long:
            documents = [(scratch.name, concatenated(root, names, scratch.name))]
        else:
            documents = []
            for name in names:
                with open(os.path.join(root, name, "gold.json"), encoding="utf-8") as f:
                    documents.append((os.path.join(root, name), json.load(f)))
        totals = {name: [0, 0, 0] for name in systems}
        for directory, gold_doc in documents:
            gold = [frozenset(u) for u in gold_doc["units"]]
            output = run_align(args.align, directory, gold_doc["files"])
            for system, build in systems.items():
                predicted = build(output)
                totals[system] = [a + b for a, b in zip(totals[system], score(predicted, gold))]
                if args.verbose and system == "parallel-text":
                    for unit in sorted(set(predicted) - set(gold), key=lambda u: sorted(u)):
                        print(f"  {layout}/{os.path.basename(directory)} wrong unit: {sorted(unit)}")
        scratch.cleanup()
        for system, (hits, npred, ngold) in totals.items():
            p = hits / npred if npred else 0
            r = hits / ngold if ngold else 0
            f1 = 2 * p * r / (p + r) if p + r else 0
            print(f"{layout:<12} {system:<14} {len(documents):>4} {ngold:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")


if __name__ == "__main__":
    main()
