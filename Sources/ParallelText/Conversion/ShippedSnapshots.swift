// Written by Scripts/make-snapshots.sh: do not edit.

extension TableSnapshot {
  /// The payload checksums of the trie snapshots shipped in `Resources/`. `SnapshotTests`
  /// holds them to the files and checks that those files' arrays hold together, so a reader
  /// that meets one of these checksums (verified against the payload) skips that check.
  static let shippedChecksums: Set<UInt64> = [
    0xE60D_5281_D8E8_BBFB,  // Lexicon/zh-en.trie
    0xAA10_9DEC_6710_4544,  // OpenCC/tables.snapshot
  ]
}
