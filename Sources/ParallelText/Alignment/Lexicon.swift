#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A Chinese–English word list: Simplified headwords with the stems of a few English
/// words from their glosses, so that the aligner can count the Chinese words of a paragraph
/// whose meaning shows up in an English one.
///
/// The shipped list (`Resources/Lexicon/zh-en.txt`) is derived from CC-CEDICT (CC BY-SA
/// 4.0) by `Scripts/make_lexicon.py`. It lives in a ``PhraseTrie`` whose candidates are
/// stem hashes (two scalars each), and is loaded on first use only: from the snapshot of
/// that trie beside the text (`zh-en.trie`, see ``PhraseTrieSnapshot``) when it matches
/// the text, else from the text.
final class Lexicon: Sendable {
  let trie: PhraseTrie

  /// The shipped list, loaded on first use; nil when the resource is missing.
  static let shipped: Lexicon? = {
    guard let textURL = shippedTextURL, let size = TableBytes.size(ofFile: textURL.path) else { return nil }
    if let url = PackageResources.url("Lexicon/zh-en.trie"),
      let trie = PhraseTrieSnapshot.trie(atPath: url.path, sourceSize: size)
    {
      return Lexicon(trie: trie)
    }
    return shippedText?.withUnsafeBytes { Lexicon(text: $0) }
  }()

  /// Starts loading `shipped` on another thread, so that it overlaps ICU's variant tables
  /// and reading the input; a later use of `shipped` waits for it. Calling it again does
  /// nothing.
  static func startLoading() { _ = loadingStarted }

  /// Queued once, by the first ``startLoading()``.
  private static let loadingStarted: Void = BackgroundLoading.enqueue { _ = shipped }

  /// The shipped list's text, mapped (its pages are read only when it is parsed).
  static var shippedText: Data? {
    shippedTextURL.flatMap { try? Data(contentsOf: $0, options: .alwaysMapped) }
  }

  /// Where the shipped list's text is; nil when the resource is missing.
  private static var shippedTextURL: URL? {
    PackageResources.url("Lexicon/zh-en.txt")
  }

  private init(trie: PhraseTrie) { self.trie = trie }

  /// Reads `HEADWORD<TAB>word word …` lines (`#` lines are comments) from UTF-8 bytes.
  init(text bytes: UnsafeRawBufferPointer) {
    var list = PhraseList()
    list.scalars.reserveCapacity(bytes.count / 2)
    var word: [UInt8] = []
    TabSeparatedList.forEachEntry(bytes) { key, fields in
      let keyStart = Int32(list.scalars.count)
      list.appendDecoded(bytes, key)
      let keyEnd = Int32(list.scalars.count)
      let firstSpan = Int32(list.candidateSpans.count)
      for field in fields {
        // Each English word is one candidate: its stem hash as two scalars.
        word.removeAll(keepingCapacity: true)
        for position in field { word.append(bytes[position] | 0x20) }
        let stem = Self.stem(word)
        let start = Int32(list.scalars.count)
        list.scalars.append(UInt32(truncatingIfNeeded: stem >> 32))
        list.scalars.append(UInt32(truncatingIfNeeded: stem))
        list.candidateSpans.append(start..<(start + 2))
      }
      if keyEnd > keyStart, Int32(list.candidateSpans.count) > firstSpan {
        list.keys.append(keyStart..<keyEnd)
        list.candidates.append(firstSpan..<Int32(list.candidateSpans.count))
      } else {
        list.candidateSpans.removeLast(list.candidateSpans.count - Int(firstSpan))
        list.scalars.removeLast(list.scalars.count - Int(keyStart))
      }
    }
    trie = PhraseTrie(list)
  }

  /// A list from headwords and their English words (for tests and callers with their own).
  convenience init(_ entries: [(headword: String, words: [String])]) {
    var text = ""
    for entry in entries { text += "\(entry.headword)\t\(entry.words.joined(separator: " "))\n" }
    let lexicon = Array(text.utf8).withUnsafeBytes { Lexicon(text: $0) }
    self.init(trie: lexicon.trie)
  }

  /// The headwords found in `text` by a longest-match walk (Traditional characters mapped
  /// to Simplified first, by `variants`): for each, the stem hashes of its English words, in `glosses`,
  /// and where its run of stems ends, in `ends`.
  func words(in text: String, variants: HanVariants?, limit: Int = 256) -> LexicalWords {
    var result = LexicalWords()
    let scalars = text.unicodeScalars.map { (variants?.simplified($0) ?? $0).value }
    scalars.withUnsafeBufferPointer { buffer in
      var position = 0
      while position < buffer.count, result.ends.count < limit {
        guard HanVariants.isHanIdeograph(Unicode.Scalar(buffer[position])!),
          let match = trie.longestMatch(in: buffer, from: position)
        else {
          position += 1
          continue
        }
        for candidate in 0..<match.entry.count where match.entry.length(of: candidate) == 2 {
          result.glosses.append(
            UInt64(match.entry.scalar(0, of: candidate)) << 32 | UInt64(match.entry.scalar(1, of: candidate)))
        }
        result.ends.append(Int32(result.glosses.count))
        position += match.length
      }
    }
    return result
  }

  /// The sorted, distinct stem hashes of the Latin words in an English text.
  static func stems(in text: String) -> [UInt64] {
    var result: [UInt64] = []
    var word: [UInt8] = []
    for scalar in text.unicodeScalars {
      var value = scalar.value
      if value >= 0xFF21 && value <= 0xFF5A { value -= 0xFEE0 }  // full-width letters
      if (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A {
        word.append(UInt8(value) | 0x20)
      } else if !word.isEmpty {
        if word.count >= 3 { result.append(stem(word)) }
        word.removeAll(keepingCapacity: true)
      }
    }
    if word.count >= 3 { result.append(stem(word)) }
    return Anchors.sortedUnique(result)
  }

  /// The letters kept of a stem.
  static let stemLength = 6

  /// A hash of a lowercase word's stem: a plural, -ing or -ed ending dropped, then the
  /// first `stemLength` letters (install, installs, installed, installation → instal).
  static func stem(_ word: [UInt8]) -> UInt64 {
    word.withUnsafeBufferPointer { word in
      var end = word.count
      func endsWith(_ a: UInt8, _ b: UInt8? = nil, _ c: UInt8? = nil) -> Bool {
        let length = c != nil ? 3 : (b != nil ? 2 : 1)
        guard end >= length, word[end - length] == a else { return false }
        if let b, word[end - length + 1] != b { return false }
        if let c, word[end - 1] != c { return false }
        return true
      }
      let (d, e, g, i, n, s, y) = (
        UInt8(ascii: "d"), UInt8(ascii: "e"), UInt8(ascii: "g"), UInt8(ascii: "i"),
        UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "y")
      )
      if end > 4, endsWith(i, e, s) {
        end -= 2  // -ies → -i, then dropped as -y below
      } else if end > 3, endsWith(s), !endsWith(s, s) {
        end -= 1
      }
      if end > 5, endsWith(i, n, g) {
        end -= 3
      } else if end > 4, endsWith(e, d) {
        end -= 2
      }
      if end > 3, word[end - 1] == y || word[end - 1] == i { end -= 1 }
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for index in 0..<min(end, stemLength) { hash = (hash ^ UInt64(word[index])) &* 0x100_0000_01b3 }
      return hash
    }
  }

}

/// The dictionary words of a Chinese text: word `k`'s stems are
/// `glosses[ends[k - 1]..<ends[k]]` (from 0 for the first).
struct LexicalWords: Sendable {
  var glosses: [UInt64] = []
  var ends: [Int32] = []

  /// How many words have a stem in any of the sorted stem lists.
  func matched(in stems: [[UInt64]]) -> Int {
    var matched = 0
    var start = 0
    for end in ends {
      let word = glosses[start..<Int(end)]
      start = Int(end)
      if word.contains(where: { stem in stems.contains { Anchors.contains($0, stem) } }) { matched += 1 }
    }
    return matched
  }
}
