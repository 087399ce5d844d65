#!/usr/bin/env bash
# Rewrites the binary snapshots of shipped tables (Sources/ParallelText/Resources/Lexicon/
# zh-en.trie, Resources/OpenCC/toTraditional.trie and toSimplified.trie) from their text,
# through the tests that check them. Run it after changing zh-en.txt (Scripts/make_lexicon.py),
# the OpenCC dictionaries or the trie's layout; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PTX_WRITE_SNAPSHOTS=1 swift test --filter 'SnapshotTests'
