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
    let found = anchors.filter { lowered.contains($0) }.count
    return 0.3 + 1.2 * Double(found) / Double(anchors.count)
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
