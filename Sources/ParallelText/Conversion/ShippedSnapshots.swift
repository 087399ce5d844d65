// Written by Scripts/make-snapshots.sh: do not edit.

extension TableSnapshot {
  /// The payload checksums of the trie snapshots shipped in `Resources/`. `SnapshotTests`
  /// holds them to the files and checks that those files' arrays hold together, so a reader
  /// that meets one of these checksums (verified against the payload) skips that check.
  static let shippedChecksums: Set<UInt64> = [
    0xB761_8E20_07D1_C167,  // Lexicon/zh-en.trie
    0x4AD4_02E6_3CC1_4626,  // OpenCC/tables.snapshot
  ]
}
