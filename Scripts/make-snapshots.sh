#!/usr/bin/env bash
# Rewrites the binary snapshots of shipped tables from their sources, through the tests that
# check them: Sources/ParallelText/Resources/Lexicon/zh-en.trie (the word list zh-en.txt),
# Resources/OpenCC/tables.snapshot (OpenCC's dictionaries and Lexicon/zh-Hant-words.txt) and
# Resources/ICU/HanVariants.snapshot (the Hans-Hant rules of the ICU on this machine). Run it
# after changing any of those sources, the tables' layout or how they are derived; commit the
# result.
set -euo pipefail
cd "$(dirname "$0")/.."
PTX_WRITE_SNAPSHOTS=1 swift test --filter 'SnapshotTests'
