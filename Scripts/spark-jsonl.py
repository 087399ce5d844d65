#!/usr/bin/env python3
"""Runs `align check --jsonl` through PySpark (local mode) over a generated corpus and checks
that the result equals a single-process run, line for line.

The corpus is made from the fixtures: each document takes a few paragraphs of the seed
statements and, for most documents, the Simplified/Traditional twins of seed 002 (one of
them with its real defects), as `{"id": N, "text": "..."}` lines. Spark reads the file in
partitions, pipes each through `align check --jsonl` (RDD.pipe, as Hadoop Streaming or Beam
would) and the partitions' outputs, concatenated in order, must equal what one `align`
process writes for the whole file.

Usage: python3 Scripts/spark-jsonl.py [--documents 100000] [--partitions 8] [--align PATH]
Needs: pip install pyspark; Java 17 (on the machine).
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def paragraphs():
    seeds = os.path.join(ROOT, "Fixtures", "seeds")
    english, chinese = [], []
    for name in sorted(os.listdir(seeds)):
        with open(os.path.join(seeds, name), encoding="utf-8") as handle:
            blocks = [b.strip() for b in handle.read().split("\n\n") if b.strip()]
        for block in blocks:
            if any("\u4e00" <= c <= "\u9fff" for c in block):
                chinese.append(block)
            else:
                english.append(block)
    return english, chinese


def generate(path, count, seed=2026):
    english, chinese = paragraphs()
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(count):
            parts = rng.sample(english, rng.randint(2, 4))
            if rng.random() < 0.8:
                parts.insert(1, "\n\n".join(rng.sample(chinese, min(2, len(chinese)))))
            handle.write(json.dumps({"id": index, "text": "\n\n".join(parts)}, ensure_ascii=False) + "\n")


def digest(path):
    hasher = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--align", default=os.path.join(ROOT, ".build", "release", "align"))
    args = parser.parse_args()
    if not os.path.exists(args.align):
        subprocess.run(["swift", "build", "-c", "release", "--product", "align"], cwd=ROOT, check=True)
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "pyspark"], check=True)
        from pyspark import SparkConf, SparkContext

    folder = tempfile.mkdtemp(prefix="align-spark-")
    try:
        corpus = os.path.join(folder, "corpus.jsonl")
        generate(corpus, args.documents)
        size = os.path.getsize(corpus)
        print(f"corpus: {args.documents} documents, {size / 1e6:.1f} MB")

        single = os.path.join(folder, "single.jsonl")
        started = time.time()
        with open(corpus, "rb") as source, open(single, "wb") as target:
            status = subprocess.run([args.align, "check", "--jsonl"], stdin=source, stdout=target).returncode
        print(f"single process: {time.time() - started:.1f} s (exit {status})")

        conf = SparkConf().setMaster("local[*]").setAppName("align-jsonl")
        context = SparkContext(conf=conf)
        context.setLogLevel("ERROR")
        started = time.time()
        output = os.path.join(folder, "spark-out")
        lines = context.textFile(corpus, minPartitions=args.partitions)
        lines.pipe(f"{args.align} check --jsonl").saveAsTextFile(output)
        partitions = lines.getNumPartitions()
        context.stop()
        print(f"spark local[*], {partitions} partitions: {time.time() - started:.1f} s")

        merged = os.path.join(folder, "spark.jsonl")
        with open(merged, "wb") as target:
            for name in sorted(n for n in os.listdir(output) if n.startswith("part-")):
                with open(os.path.join(output, name), "rb") as part:
                    shutil.copyfileobj(part, target)
        same = digest(single) == digest(merged)
        with open(single, encoding="utf-8") as handle:
            count = sum(1 for _ in handle)
        print(f"results: {count} lines; Spark output equals the single-process output: {same}")
        sys.exit(0 if same and count == args.documents else 1)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
