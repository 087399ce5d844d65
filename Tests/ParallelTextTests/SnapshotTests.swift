import Foundation
import Testing

@testable import ParallelText

/// The binary snapshots shipped beside the word list, OpenCC's dictionaries and for ICU's
/// variant tables must be the tables built from their sources: `Scripts/make-snapshots.sh`
/// rewrites them.
@Suite("Table snapshots")
struct SnapshotTests {
  struct SnapshotError: Error { var message: String }

  static let resources = Fixtures.packageRoot.appendingPathComponent("Sources/ParallelText/Resources")

  /// Checks (or, with PTX_WRITE_SNAPSHOTS=1, first writes) the snapshot at `path`.
  func check(_ trie: PhraseTrie, sourceSize: Int, path: URL) throws {
    try check(PhraseTrieSnapshot.bytes(of: trie, sourceSize: sourceSize), path: path)
    let shipped = try Data(contentsOf: path)
    let loaded = shipped.withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: sourceSize) }
    #expect(loaded?.count == trie.count && loaded?.longestKey == trie.longestKey)
  }

  @Test("zh-en.trie is the word list built from zh-en.txt")
  func wordList() throws {
    let text = try #require(Lexicon.shippedText)
    let built = text.withUnsafeBytes { Lexicon(text: $0) }
    #expect(built.trie.count > 90_000)
    try check(built.trie, sourceSize: text.count, path: Self.resources.appendingPathComponent("Lexicon/zh-en.trie"))
  }

  /// Checks (or, with PTX_WRITE_SNAPSHOTS=1, first writes) the snapshot bytes at `path`.
  func check(_ expected: [UInt8], path: URL) throws {
    if ProcessInfo.processInfo.environment["PTX_WRITE_SNAPSHOTS"] == "1" {
      try AtomicFile.write(Data(expected), to: path.path) { SnapshotError(message: $0) }
    }
    #expect(
      try Data(contentsOf: path) == Data(expected), "\(path.lastPathComponent) is stale: run Scripts/make-snapshots.sh")
  }

  @Test("tables.snapshot holds OpenCC's tries and their context dependence, built from its text files")
  func openCC() throws {
    let directory = try ConversionTables.resourceDirectory()
    let built = try ConversionTables(directory: directory, usingSnapshots: false)
    #expect(built.contextDependenceIfComputed == nil)
    let key = try ConversionTables.snapshotKey(in: directory)
    try check(
      built.snapshotBytes(key: key),
      path: Self.resources.appendingPathComponent("OpenCC/\(ConversionTables.snapshotName)"))
    // The tables loaded through the snapshot convert and judge context as the built ones do.
    let loaded = try ConversionTables(directory: directory)
    #expect(loaded.contextDependenceIfComputed != nil)
    for trie in ConversionTables.snapshotTries {
      let (mapped, made) = (loaded[keyPath: trie], built[keyPath: trie])
      #expect(mapped.count == made.count && mapped.longestKey == made.longestKey)
    }
    let (mappedPhrases, madePhrases) = (loaded.contextDependence.phrases, built.contextDependence.phrases)
    #expect(mappedPhrases.count == madePhrases.count && mappedPhrases.longestKey == madePhrases.longestKey)
    let text = Array("头发和面条都在后面，联系我们。软件".unicodeScalars.map(\.value))
    text.withUnsafeBufferPointer { buffer in
      for start in buffer.indices {
        #expect(
          loaded.toTraditional.longestMatch(in: buffer, from: start)?.length
            == built.toTraditional.longestMatch(in: buffer, from: start)?.length)
        #expect(
          loaded.contextDependence.contains(buffer[start]) == built.contextDependence.contains(buffer[start]))
      }
    }
    #expect(loaded.contextDependence.contains(0x53D1) && !loaded.contextDependence.contains(0x7684))
  }

  @Test("The snapshots known as shipped are the shipped files, and every trie in them holds together")
  func shippedChecksums() throws {
    let files: [(path: String, magic: [UInt8], version: UInt64, tries: Int)] = [
      ("Lexicon/zh-en.trie", PhraseTrieSnapshot.magic, PhraseTrieSnapshot.version, 1),
      (
        "OpenCC/\(ConversionTables.snapshotName)", ConversionTables.snapshotMagic, ConversionTables.snapshotVersion,
        ConversionTables.snapshotTries.count
      ),
    ]
    var recorded: Set<UInt64> = []
    for file in files {
      // Copied into an array: the reader wants 8-byte-aligned bytes.
      let bytes = Array(try Data(contentsOf: Self.resources.appendingPathComponent(file.path)))
      try bytes.withUnsafeBytes { raw in
        let key = try #require(TableSnapshot.recordedKey(raw, magic: file.magic))
        recorded.insert(try #require(TableSnapshot.recordedChecksum(raw, magic: file.magic)))
        var reader = try #require(TableSnapshot.Reader(raw, magic: file.magic, version: file.version, key: key))
        #expect(reader.isShipped, "\(file.path) is not among TableSnapshot.shippedChecksums")
        // What lets a reader that knows the file skip the check.
        for _ in 0..<file.tries {
          let layout = try #require(PhraseTrieSnapshot.layout(from: &reader))
          #expect(PhraseTrieSnapshot.holdsTogether(layout))
        }
      }
    }
    #expect(recorded == TableSnapshot.shippedChecksums, "stale: run Scripts/make-snapshots.sh")
  }

  @Test("HanVariants.snapshot holds the tables built from this ICU's Hans-Hant rules")
  func icuVariants() throws {
    let sources = TransliterationRules.Sources("Hans-Hant", inverse: "Hant-Hans")
    let key = try #require(sources.key, "ICU's data holds no Hans-Hant rule source")
    let built = try HanVariants(sources)
    let path = Self.resources.appendingPathComponent("ICU/\(HanVariants.snapshotName)")
    // The snapshot is made from one ICU's rules (Debian 12's, which CI and README's set-up
    // use): on that ICU it must be current. On another it is used only when that ICU's rules
    // are the same (its key), and then must give the same tables; else the rules are parsed.
    let recorded = try Data(contentsOf: path).withUnsafeBytes { HanVariants.snapshotICUVersion($0) }
    #expect(recorded != nil)
    guard recorded == icuVersion || ProcessInfo.processInfo.environment["PTX_WRITE_SNAPSHOTS"] == "1" else {
      if let loaded = try Data(contentsOf: path).withUnsafeBytes({ HanVariants(snapshot: $0, key: key) }) {
        #expect(loaded.toTraditional == built.toTraditional && loaded.phrases == built.phrases)
        #expect(loaded.simplifiedOnly == built.simplifiedOnly && loaded.traditionalOnly == built.traditionalOnly)
      }
      #expect(HanVariants.icu.toTraditional == built.toTraditional)
      return
    }
    try check(built.snapshotBytes(key: key, icuVersion: icuVersion), path: path)
    let shipped = try Data(contentsOf: path)
    #expect(shipped.withUnsafeBytes { HanVariants.snapshotICUVersion($0) } == icuVersion)
    let loaded = try #require(shipped.withUnsafeBytes { HanVariants(snapshot: $0, key: key) })
    #expect(loaded.toTraditional == built.toTraditional && loaded.toSimplified == built.toSimplified)
    #expect(loaded.simplifiedOnly == built.simplifiedOnly && loaded.traditionalOnly == built.traditionalOnly)
    #expect(loaded.phrases == built.phrases && loaded.longestPhrase == built.longestPhrase)
    for scalar in "联发虚髮後的乾干".unicodeScalars {
      #expect(loaded.isSimplifiedOnly(scalar) == built.isSimplifiedOnly(scalar))
      #expect(loaded.isTraditionalOnly(scalar) == built.isTraditionalOnly(scalar))
      #expect(loaded.simplified(scalar) == built.simplified(scalar))
    }
    // Rule sources of another ICU (another key), a damaged snapshot, or one whose values
    // are no characters: refused.
    #expect(shipped.withUnsafeBytes { HanVariants(snapshot: $0, key: key &+ 1) } == nil)
    var damaged = shipped
    damaged[damaged.count / 2] ^= 0x01
    #expect(damaged.withUnsafeBytes { HanVariants(snapshot: $0, key: key) } == nil)
    var writer = TableSnapshot.Writer(magic: HanVariants.snapshotMagic, version: HanVariants.snapshotVersion, key: key)
    writer.put(Array(icuVersion.utf8))
    for values: [UInt32] in [[0xD800], [0x767C], [], [], [], [], [], []] { writer.put(values) }
    #expect(writer.finished().withUnsafeBytes { HanVariants(snapshot: $0, key: key) } == nil)
  }

  @Test("A snapshot of another text, a damaged one or a cut one is refused, and the text is used instead")
  func refused() throws {
    let text = try #require(Lexicon.shippedText)
    let shipped = try Data(contentsOf: Self.resources.appendingPathComponent("Lexicon/zh-en.trie"))
    #expect(shipped.withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: text.count) } != nil)
    #expect(shipped.withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: text.count + 1) } == nil)
    var damaged = shipped
    damaged[damaged.count / 2] ^= 0x01
    #expect(damaged.withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: text.count) } == nil)
    for length in [0, 7, 40, 100, shipped.count - 1] {
      #expect(
        shipped.prefix(length).withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: text.count) } == nil)
    }
    // Beside the dictionaries, a well-formed snapshot of tables built from other text (its
    // key is that of files one byte longer), or a damaged one: refused, so the tables come
    // from the text. Were the stranger trusted, toTraditional would hold one key.
    let source = try ConversionTables.resourceDirectory()
    let shippedTables = try Data(
      contentsOf: Self.resources.appendingPathComponent("OpenCC/\(ConversionTables.snapshotName)"))
    let strangeKey = TableSnapshot.key([1, 2, 3])
    var strangeWriter = TableSnapshot.Writer(
      magic: ConversionTables.snapshotMagic, version: ConversionTables.snapshotVersion, key: strangeKey)
    PhraseTrieSnapshot.put(PhraseTrie([(key: [0x53D1], candidates: [[0x767C]])]).arrays, into: &strangeWriter)
    var damagedTables = shippedTables
    damagedTables[damagedTables.count / 3] ^= 0x01
    for replacement in [Data(strangeWriter.finished()), damagedTables, shippedTables.prefix(4096)] {
      let directory = try TemporaryDirectory()
      for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
        let bytes =
          name == ConversionTables.snapshotName
          ? replacement : try Data(contentsOf: source.appendingPathComponent(name))
        try bytes.write(to: directory.url.appendingPathComponent(name))
      }
      let fallback = try ConversionTables(directory: directory.url)
      #expect(fallback.toTraditional.count == ConversionTables.openCC.toTraditional.count)
      #expect(fallback.contextDependenceIfComputed == nil)
    }
    // Arrays that point outside each other are refused even with a valid checksum (the
    // trie reads them in place, unchecked).
    let arrays = Lexicon([("命令", ["order"])]).trie.arrays
    var edgeOutside = arrays
    edgeOutside.edgeTargets[0] = 99
    var entryOutside = arrays
    entryOutside.entryCandidates[0] = 0..<99
    var candidateOutside = arrays
    candidateOutside.candidateRanges[0] = 0..<Int32(arrays.scalars.count + 1)
    func loads(_ arrays: PhraseTrie.Arrays) -> Bool {
      PhraseTrieSnapshot.bytes(of: arrays, sourceSize: 1).withUnsafeBytes {
        PhraseTrieSnapshot.trie(from: $0, sourceSize: 1) != nil
      }
    }
    #expect(loads(arrays))
    #expect(!loads(edgeOutside))
    #expect(!loads(entryOutside))
    #expect(!loads(candidateOutside))
    // Candidate ranges that end before they start, written by hand (a Range cannot hold
    // one): refused; the same ranges the right way round load.
    func loads(candidateRangesReversed reversed: Bool) -> Bool {
      var writer = TableSnapshot.Writer(magic: PhraseTrieSnapshot.magic, version: PhraseTrieSnapshot.version, key: 1)
      PhraseTrieSnapshot.put(
        arrays, entryCandidatePairs: PhraseTrieSnapshot.pairs(arrays.entryCandidates),
        candidateRangePairs: arrays.candidateRanges.flatMap {
          reversed ? [$0.upperBound, $0.lowerBound] : [$0.lowerBound, $0.upperBound]
        }, into: &writer)
      return writer.finished().withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: 1) != nil }
    }
    #expect(loads(candidateRangesReversed: false))
    #expect(!loads(candidateRangesReversed: true))
    // A root index pointing outside the nodes or its blocks, or a pair filter that is not a
    // power of two of words, is refused too.
    func loads(_ change: (inout PhraseTrie.RootIndex) -> Void) -> Bool {
      var index = PhraseTrie.RootIndex(arrays)
      change(&index)
      var writer = TableSnapshot.Writer(magic: PhraseTrieSnapshot.magic, version: PhraseTrieSnapshot.version, key: 1)
      PhraseTrieSnapshot.put(
        arrays, entryCandidatePairs: PhraseTrieSnapshot.pairs(arrays.entryCandidates),
        candidateRangePairs: PhraseTrieSnapshot.pairs(arrays.candidateRanges), rootIndex: index, into: &writer)
      return writer.finished().withUnsafeBytes { PhraseTrieSnapshot.trie(from: $0, sourceSize: 1) != nil }
    }
    #expect(loads { _ in })
    #expect(!loads { $0.entries[Int("命".unicodeScalars.first!.value) & 0xFF] = Int32(arrays.nodeEntry.count) })
    #expect(!loads { $0.blocks[$0.blocks.count - 1] = Int32($0.entries.count - 255) })
    #expect(!loads { $0.pairFilter += [0, 0] })
  }
}
