#!/usr/bin/env python3
"""Wall time of every output format on a large pair set, for builds side by side: what a CI
job pays for `--format github`, `sarif` or `junit` on a translation memory, and what an
export pays.

The pair set is the one Scripts/benchmark-conversion.py builds (LibreOffice's Taiwan-Chinese
help and its Simplified twin, repeated), --size MB of Simplified text (default 3: a 6 MB
file of about 51,000 pairs, a finding on about every other line). For each format, each
build runs `align check --pairs --format F` (or `align export --pairs --format F` for the
export formats) with its output to /dev/null; each figure is the best of --repeat runs, the
builds taking turns.

Usage: python3 Scripts/benchmark-formats.py [--size 3] [--repeat 3] [BIN ...]   (default .build/release/align)
"""

import argparse
import importlib.util
import os
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
spec = importlib.util.spec_from_file_location("conversion", os.path.join(ROOT, "Scripts", "benchmark-conversion.py"))
conversion = importlib.util.module_from_spec(spec)
spec.loader.exec_module(conversion)

CHECK_FORMATS = ["text", "github", "sarif", "junit", "json", "markdown"]
EXPORT_FORMATS = ["tmx", "tsv", "json", "markdown", "html"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=3, help="MB of Simplified text (default 3)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("binaries", nargs="*", default=[os.path.join(ROOT, ".build", "release", "align")])
    args = parser.parse_args()

    pairs = conversion.libreoffice_pairs()
    with tempfile.TemporaryDirectory() as folder:
        tsv, _, _ = conversion.write_inputs(folder, pairs, args.size)
        size = os.path.getsize(tsv) / 1e6
        print(f"pair set of {args.size:g} MB of Simplified text ({size:.1f} MB file); best of {args.repeat}, seconds")
        names = [os.path.relpath(binary) for binary in args.binaries]
        print(f"{'command':<38}" + "".join(f"{name[-24:]:>26}" for name in names))
        jobs = [("check", f) for f in CHECK_FORMATS] + [("export", f) for f in EXPORT_FORMATS]
        for mode, format_name in jobs:
            commands = {index: [binary, mode, "--pairs", "--format", format_name, tsv]
                        for index, binary in enumerate(args.binaries)}
            best = list(conversion.best_times(commands, args.repeat).values())
            label = f"align {mode} --pairs --format {format_name}"
            print(f"{label:<38}" + "".join(f"{value:>26.2f}" for value in best))


if __name__ == "__main__":
    main()
