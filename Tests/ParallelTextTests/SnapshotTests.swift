import Foundation
import Testing

@testable import ParallelText

/// The binary snapshots shipped beside the word list and OpenCC's dictionaries must be the
/// tries built from that text: `Scripts/make-snapshots.sh` rewrites them.
@Suite("Table snapshots")
struct SnapshotTests {
  struct SnapshotError: Error { var message: String }

  static let resources = Fixtures.packageRoot.appendingPathComponent("Sources/ParallelText/Resources")

  /// Checks (or, with PTX_WRITE_SNAPSHOTS=1, first writes) the snapshot at `path`.
  func check(_ trie: PhraseTrie, sourceSize: Int, path: URL) throws {
    let expected = Data(PhraseTrieSnapshot.bytes(of: trie, sourceSize: sourceSize))
    if ProcessInfo.processInfo.environment["PTX_WRITE_SNAPSHOTS"] == "1" {
      try AtomicFile.write(expected, to: path.path) { SnapshotError(message: $0) }
    }
    let shipped = try Data(contentsOf: path)
    #expect(shipped == expected, "\(path.lastPathComponent) is stale: run Scripts/make-snapshots.sh")
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

  @Test("toTraditional.trie and toSimplified.trie are OpenCC's tries built from its text files")
  func openCC() throws {
    let directory = try ConversionTables.resourceDirectory()
    let built = try ConversionTables(directory: directory, usingSnapshots: false)
    for (name, trie) in [("toTraditional", built.toTraditional), ("toSimplified", built.toSimplified)] {
      let size = try ConversionTables.sourceSize(ConversionTables.snapshots[name]!, in: directory)
      try check(trie, sourceSize: size, path: Self.resources.appendingPathComponent("OpenCC/\(name).trie"))
    }
    // The tables loaded through the snapshots convert as the built ones do.
    let loaded = try ConversionTables(directory: directory)
    let text = Array("头发和面条都在后面，联系我们。".unicodeScalars.map(\.value))
    text.withUnsafeBufferPointer { buffer in
      for start in buffer.indices {
        #expect(
          loaded.toTraditional.longestMatch(in: buffer, from: start)?.length
            == built.toTraditional.longestMatch(in: buffer, from: start)?.length)
      }
    }
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
    // Beside the dictionaries, a well-formed snapshot of a one-key trie built from another
    // text (its recorded size is off by one): refused, so the tables come from the text. Were
    // it trusted, toTraditional would hold one key.
    let directory = try TemporaryDirectory()
    let source = try ConversionTables.resourceDirectory()
    let size = try ConversionTables.sourceSize(ConversionTables.snapshots["toTraditional"]!, in: source)
    let stranger = Data(
      PhraseTrieSnapshot.bytes(of: PhraseTrie([(key: [0x53D1], candidates: [[0x767C]])]), sourceSize: size + 1))
    for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
      let bytes = name == "toTraditional.trie" ? stranger : try Data(contentsOf: source.appendingPathComponent(name))
      try bytes.write(to: directory.url.appendingPathComponent(name))
    }
    let fallback = try ConversionTables(directory: directory.url)
    #expect(fallback.toTraditional.count == ConversionTables.openCC.toTraditional.count)
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
  }
}
