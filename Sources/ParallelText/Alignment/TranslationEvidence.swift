import Foundation

/// How well an English segment and a Chinese one fit as translations of each other, from
/// evidence that survives translation: length, numbers and Latin words, sentence ends.
struct TranslationEvidence {
  /// Latin characters per Han character in translated prose.
  static let charactersPerHan = 3.5
  /// Spread of the log length ratio.
  static let logRatioDeviation = 0.5

  /// A score in (0, 1.5]: about 1 for a good fit, under 0.5 for an unlikely one.
  static func score(english: Segment, chinese: Segment) -> Double {
    lengthFit(english: english.text, chinese: chinese.text)
      * sentenceEndFit(english, chinese)
      * anchorFit(english: english.text, chinese: chinese.text)
  }

  /// A Gaussian on the log ratio of English letters to Han characters.
  static func lengthFit(english: String, chinese: String) -> Double {
    let englishLength = Double(english.unicodeScalars.count)
    var han = 0
    var other = 0
    for scalar in chinese.unicodeScalars where !Characters.isWhitespace(scalar) {
      if HanVariants.isHanIdeograph(scalar) { han += 1 } else { other += 1 }
    }
    let chineseLength = Double(han) + Double(other) / charactersPerHan
    guard englishLength > 0, chineseLength > 0 else { return 0 }
    let z = log(englishLength / chineseLength / charactersPerHan) / logRatioDeviation
    return exp(-z * z / 2)
  }

  /// Both end a sentence, or neither does (a title is not translated by a sentence).
  static func sentenceEndFit(_ english: Segment, _ chinese: Segment) -> Double {
    endsSentence(english.text) == endsSentence(chinese.text) ? 1 : 0.2
  }

  /// Numbers and Latin words inside the Chinese text that the English text also holds.
  static func anchorFit(english: String, chinese: String) -> Double {
    let anchors = latinAnchors(in: chinese)
    guard !anchors.isEmpty else { return 1 }
    let lowered = english.lowercased()
    let found = anchors.filter(Self.substrings(of: lowered, in: anchors)).count
    return 0.3 + 1.2 * Double(found) / Double(anchors.count)
  }

  /// A test for "`text` contains the anchor" over all `anchors` at once, in time linear in
  /// `text` per distinct anchor length (`String.contains` per anchor took minutes for
  /// thousands of anchors; a few anchors are still searched one by one). Anchors are runs of ASCII letters or of digits, so each
  /// occurrence lies inside a maximal run of the same kind in `text`: the test looks up
  /// every window of each needed length inside those runs.
  static func substrings(of text: String, in anchors: [String]) -> (String) -> Bool {
    func kind(_ byte: UInt8) -> Int {
      if byte >= 0x30 && byte <= 0x39 { return 1 }
      return (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A ? 2 : 0
    }
    // A few anchors: search for each.
    guard anchors.count > 16 else { return { text.contains($0) } }
    let bytes = Array(text.utf8)
    var runs: [Range<Int>] = []
    var index = 0
    while index < bytes.count {
      let runKind = kind(bytes[index])
      var end = index + 1
      while end < bytes.count, kind(bytes[end]) == runKind { end += 1 }
      if runKind != 0 { runs.append(index..<end) }
      index = end
    }
    var windows: [Int: Set<ArraySlice<UInt8>>] = [:]
    for length in Set(anchors.map(\.utf8.count)) where length > 0 {
      var found = Set<ArraySlice<UInt8>>()
      for run in runs where run.count >= length {
        for offset in run.lowerBound...(run.upperBound - length) { found.insert(bytes[offset..<(offset + length)]) }
      }
      windows[length] = found
    }
    return { anchor in
      let utf8 = Array(anchor.utf8)
      return windows[utf8.count]?.contains(utf8[...]) ?? utf8.isEmpty
    }
  }

  /// Runs of ASCII letters (two or more) and digits in a text, lowercased.
  static func latinAnchors(in text: String) -> [String] {
    var anchors: [String] = []
    var current = String.UnicodeScalarView()
    func flush() {
      if current.count >= 2 || current.first.map({ $0.properties.numericType != nil }) == true {
        anchors.append(String(current).lowercased())
      }
      current = String.UnicodeScalarView()
    }
    var previousWasDigit = false
    for scalar in text.unicodeScalars {
      let isDigit = scalar.value >= 0x30 && scalar.value <= 0x39
      let isLetter = (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
      if isDigit || isLetter, current.isEmpty || isDigit == previousWasDigit {
        current.append(scalar)
      } else {
        flush()
        if isDigit || isLetter { current.append(scalar) }
      }
      previousWasDigit = isDigit
    }
    flush()
    return anchors
  }

  static func endsSentence(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.reversed().drop(while: { Characters.isWhitespace($0) })[...]
    while let first = scalars.first, Characters.isClosing(first) { scalars = scalars.dropFirst() }
    guard let last = scalars.first else { return false }
    return Characters.isTerminal(last)
  }
}
