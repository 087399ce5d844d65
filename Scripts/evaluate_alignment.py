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

Usage: Scripts/evaluate_alignment.py [--align PATH] [--fixtures DIR] [--split dev|test|all]
(pages pr01, ch01-ch06 are "dev", used while tuning; ch07-ch12, apa are "test")
"""

import argparse
import json
import os
import subprocess
import sys
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--align", default=os.path.join(HERE, "..", ".build", "release", "align"))
    parser.add_argument("--fixtures", default=os.path.join(HERE, "..", "Fixtures", "alignment"))
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    systems = {"parallel-text": ours, "gale-church": gale_church, "attach-prev": attach_previous}
    print(f"{'layout':<12} {'system':<14} {'docs':>4} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for layout in ("interleaved", "blocks", "files"):
        root = os.path.join(args.fixtures, layout)
        totals = {name: [0, 0, 0] for name in systems}
        docs = 0
        for name in sorted(os.listdir(root)):
            page = name.split("-")[1]
            if args.split != "all" and (page in DEV_PAGES) != (args.split == "dev"):
                continue
            directory = os.path.join(root, name)
            with open(os.path.join(directory, "gold.json"), encoding="utf-8") as f:
                gold_doc = json.load(f)
            gold = [frozenset(u) for u in gold_doc["units"]]
            output = run_align(args.align, directory, gold_doc["files"])
            docs += 1
            for system, build in systems.items():
                predicted = build(output)
                for t, v in zip(totals[system], score(predicted, gold)):
                    pass
                totals[system] = [a + b for a, b in zip(totals[system], score(predicted, gold))]
                if args.verbose and system == "parallel-text":
                    for unit in sorted(set(predicted) - set(gold), key=lambda u: sorted(u)):
                        print(f"  {layout}/{name} wrong unit: {sorted(unit)}")
        for system, (hits, npred, ngold) in totals.items():
            p = hits / npred if npred else 0
            r = hits / ngold if ngold else 0
            f1 = 2 * p * r / (p + r) if p + r else 0
            print(f"{layout:<12} {system:<14} {docs:>4} {ngold:>5} {p:>6.3f} {r:>6.3f} {f1:>6.3f}")


if __name__ == "__main__":
    main()
