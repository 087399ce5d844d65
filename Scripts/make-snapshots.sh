#!/usr/bin/env bash
# Rewrites the binary snapshots of shipped tables from their sources, through the tests that
# check them: Sources/ParallelText/Resources/Lexicon/zh-en.trie (the word list zh-en.txt),
# Resources/OpenCC/tables.snapshot (OpenCC's dictionaries and Lexicon/zh-Hant-words.txt) and
# Resources/ICU/HanVariants.snapshot (the Hans-Hant rules of the ICU on this machine); then
# Sources/ParallelText/Conversion/ShippedSnapshots.swift, the checksums by which the library
# knows the two trie snapshots as shipped (their structure checked here, not at every start).
# Run it after changing any of those sources, the tables' layout or how they are derived;
# commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PTX_WRITE_SNAPSHOTS=1 swift test --filter 'SnapshotTests' || true
python3 - <<'PY'
import struct
files = ["Lexicon/zh-en.trie", "OpenCC/tables.snapshot"]
lines = []
for name in files:
    with open(f"Sources/ParallelText/Resources/{name}", "rb") as handle:
        header = handle.read(32)
    digits = f"{struct.unpack_from('<Q', header, 24)[0]:016X}"
    grouped = "_".join(digits[i:i + 4] for i in range(0, 16, 4))  # as swift-format wants
    lines.append(f"    0x{grouped},  // {name}")
with open("Sources/ParallelText/Conversion/ShippedSnapshots.swift", "w") as out:
    out.write("""// Written by Scripts/make-snapshots.sh: do not edit.

extension TableSnapshot {
  /// The payload checksums of the trie snapshots shipped in `Resources/`. `SnapshotTests`
  /// holds them to the files and checks that those files' arrays hold together, so a reader
  /// that meets one of these checksums (verified against the payload) skips that check.
  static let shippedChecksums: Set<UInt64> = [
""" + "\n".join(lines) + """
  ]
}
""")
PY
# The tests again, against the checksums just written.
swift test --filter 'SnapshotTests'
