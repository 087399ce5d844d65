import CICUShim

/// Checks a Simplified text against its Traditional twin: characters of the wrong
/// variety, Traditional characters the phrase rules out, and text that differs beyond
/// conversion.
public struct ConversionCheck: Sendable {
  private let variants: HanVariants

  /// Creates a check over the given Han variant tables.
  public init(variants: HanVariants = .icu) { self.variants = variants }

  /// Findings for a pair of strings, located in a synthetic one-line file `name`.
  public func check(simplified: String, traditional: String, name: String = "-") -> [Finding] {
    func segment(_ id: Int, _ text: String, _ script: Script) -> Segment {
      let count = text.unicodeScalars.count
      return Segment(
        id: id, kind: .paragraph, text: text,
        range: SourceRange(file: name, start: .init(line: 1, column: 1), end: .init(line: 1, column: count + 1)),
        script: script, positions: (0..<count).map { SourcePosition(line: 1, column: $0 + 1) })
    }
    return check(simplified: segment(1, simplified, .simplified), traditional: segment(2, traditional, .traditional))
  }

  /// Findings for a Simplified segment and its Traditional twin, located in the source.
  public func check(simplified: Segment, traditional: Segment, unit: Int? = nil) -> [Finding] {
    let hans = Array(simplified.text.unicodeScalars)
    let hant = Array(traditional.text.unicodeScalars)
    let comparison = VariantComparison(simplified: hans, traditional: hant, variants: variants)
    var findings: [Finding] = []
    for difference in comparison.differences {
      findings.append(mismatch(difference, hans, hant, simplified, traditional, unit))
    }
    findings += wrongVariety(in: simplified, unit: unit) + wrongVariety(in: traditional, unit: unit)
    let opinions = phraseOpinions(hans)
    let matches = comparison.matches
    var index = 0
    while index < matches.count {
      let (s, t) = matches[index]
      if let phrase = opinions[s], phrase.target[s - phrase.start] != hant[t],
        variants.isVariant(simplified: hans[s], traditional: hant[t]),
        !(opinions.supporting[s]?.contains(hant[t]) ?? false)
      {
        findings.append(wrongChoice(phrase, matches: matches, hans: hans, hant: hant, traditional, unit))
        // One finding per phrase: skip its other positions.
        while index + 1 < matches.count, matches[index + 1].simplified < phrase.start + phrase.target.count {
          index += 1
        }
      }
      index += 1
    }
    return findings.sorted { $0.range.start < $1.range.start }
  }

  /// Characters of the other variety inside a Simplified or Traditional segment (虚 in
  /// Traditional text, 時 in Simplified text); nothing for other scripts.
  public func wrongVariety(in segment: Segment, unit: Int? = nil) -> [Finding] {
    let (rule, foreign, replacement, own, other):
      (Rule, Set<Unicode.Scalar>, [Unicode.Scalar: Unicode.Scalar], String, String)
    switch segment.script {
    case .traditional:
      (rule, foreign, replacement, own, other) = (
        .simplifiedInTraditional, variants.simplifiedOnly, variants.toTraditional, "Traditional", "Simplified"
      )
    case .simplified:
      (rule, foreign, replacement, own, other) = (
        .traditionalInSimplified, variants.traditionalOnly, variants.toSimplified, "Simplified", "Traditional"
      )
    default:
      return []
    }
    var findings: [Finding] = []
    for (offset, scalar) in segment.text.unicodeScalars.enumerated() where foreign.contains(scalar) {
      let expected = replacement[scalar].map { String($0) }
      findings.append(
        rule.finding(
          segment.sourceRange(scalars: offset..<(offset + 1)),
          "\(other)-only character \(scalar) in \(own) text" + (expected.map { "; use \($0)" } ?? ""),
          actual: String(scalar), expected: expected, unit: unit))
    }
    return findings
  }

  private func mismatch(
    _ difference: VariantComparison.Difference, _ hans: [Unicode.Scalar], _ hant: [Unicode.Scalar],
    _ simplified: Segment, _ traditional: Segment, _ unit: Int?
  ) -> Finding {
    let actual = String(String.UnicodeScalarView(hant[difference.traditional]))
    let simplifiedText = String(String.UnicodeScalarView(hans[difference.simplified]))
    let expected = convert(hans[difference.simplified])
    let message: String
    let range: SourceRange
    if difference.traditional.isEmpty {
      message = "Traditional text lacks 「\(simplifiedText)」 that the Simplified text has"
      let at = min(difference.traditional.lowerBound, max(hant.count - 1, 0))
      range = traditional.sourceRange(scalars: at..<(at + 1))
    } else if difference.simplified.isEmpty {
      message = "Traditional text has 「\(actual)」 that the Simplified text lacks"
      range = traditional.sourceRange(scalars: difference.traditional)
    } else {
      message = "Traditional 「\(actual)」 does not match Simplified 「\(simplifiedText)」"
      range = traditional.sourceRange(scalars: difference.traditional)
    }
    return Rule.hansHantMismatch.finding(range, message, actual: actual, expected: expected, unit: unit)
  }

  private func wrongChoice(
    _ phrase: PhraseOpinions.Phrase, matches: [(simplified: Int, traditional: Int)], hans: [Unicode.Scalar],
    hant: [Unicode.Scalar], _ traditional: Segment, _ unit: Int?
  ) -> Finding {
    // Matches ascend on both sides: binary search for the phrase's first one (a filter over
    // all matches per finding took minutes for thousands of findings).
    var lower = 0
    var upper = matches.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if matches[middle].simplified >= phrase.start { upper = middle } else { lower = middle + 1 }
    }
    let span = matches[lower...].prefix { $0.simplified < phrase.start + phrase.target.count }
    let first = span.first?.traditional ?? 0
    let last = (span.last?.traditional ?? first) + 1
    let actual = String(String.UnicodeScalarView(hant[first..<last]))
    let expected = String(String.UnicodeScalarView(phrase.target))
    let source = String(String.UnicodeScalarView(hans[phrase.start..<(phrase.start + phrase.target.count)]))
    return Rule.wrongCharacterChoice.finding(
      traditional.sourceRange(scalars: first..<last),
      "\(actual) should be \(expected): the phrase \(source) → \(expected) decides", actual: actual,
      expected: expected, unit: unit)
  }

  /// The default Traditional rendering of Simplified characters, phrases first.
  func convert(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    let text = Array(scalars)
    let opinions = phraseOpinions(text)
    var result = String.UnicodeScalarView()
    for (offset, scalar) in text.enumerated() {
      if let phrase = opinions[offset] {
        result.append(phrase.target[offset - phrase.start])
      } else {
        result.append(variants.toTraditional[scalar] ?? scalar)
      }
    }
    return String(result)
  }

  /// Dictionary phrases found in the Simplified text whose extent agrees with ICU's word
  /// boundaries (so 头发 does not count inside 街头|发出).
  func phraseOpinions(_ text: [Unicode.Scalar]) -> PhraseOpinions {
    var opinions = PhraseOpinions()
    guard text.count >= 2 else { return opinions }
    let boundaries = WordBoundaries(text)
    for start in 0..<(text.count - 1) where HanVariants.isHanIdeograph(text[start]) {
      let longest = min(variants.longestPhrase, text.count - start)
      guard longest >= 2 else { continue }
      for length in stride(from: longest, through: 2, by: -1) {
        guard let target = variants.phrases[Array(text[start..<(start + length)])] else { continue }
        guard boundaries.agrees(with: start..<(start + length)) else { continue }
        opinions.add(PhraseOpinions.Phrase(start: start, target: target))
      }
    }
    return opinions
  }
}

/// What dictionary phrases say the Traditional character at each position must be.
struct PhraseOpinions {
  struct Phrase {
    var start: Int
    var target: [Unicode.Scalar]
  }

  /// The longest phrase covering each position.
  private var deciding: [Int: Phrase] = [:]
  /// Every Traditional character some phrase allows at a position.
  var supporting: [Int: Set<Unicode.Scalar>] = [:]

  subscript(position: Int) -> Phrase? { deciding[position] }

  mutating func add(_ phrase: Phrase) {
    for (offset, scalar) in phrase.target.enumerated() {
      let position = phrase.start + offset
      supporting[position, default: []].insert(scalar)
      if let current = deciding[position], current.target.count >= phrase.target.count { continue }
      deciding[position] = phrase
    }
  }
}

/// ICU's dictionary-based word boundaries of a text, as scalar offsets.
struct WordBoundaries {
  private var isBoundary: [Bool]

  init(_ scalars: [Unicode.Scalar]) {
    var utf16: [UInt16] = []
    var scalarAt: [Int] = []  // UTF-16 offset → scalar offset
    for (index, scalar) in scalars.enumerated() {
      for unit in String(scalar).utf16 {
        utf16.append(unit)
        scalarAt.append(index)
      }
    }
    scalarAt.append(scalars.count)
    isBoundary = [Bool](repeating: false, count: scalars.count + 1)
    var capacity = Int32(utf16.count + 2)
    var offsets = [Int32](repeating: 0, count: Int(capacity))
    var error: Int32 = 0
    var count = ptx_icu_word_boundaries("zh", utf16, Int32(utf16.count), &offsets, capacity, &error)
    if count > capacity {
      capacity = count
      offsets = [Int32](repeating: 0, count: Int(capacity))
      count = ptx_icu_word_boundaries("zh", utf16, Int32(utf16.count), &offsets, capacity, &error)
    }
    if error > 0 {
      isBoundary = [Bool](repeating: true, count: scalars.count + 1)
      return
    }
    for offset in offsets.prefix(Int(count)) { isBoundary[scalarAt[Int(offset)]] = true }
  }

  /// True when the range is made of whole words, or lies inside one word.
  func agrees(with range: Range<Int>) -> Bool {
    if isBoundary[range.lowerBound], isBoundary[range.upperBound] { return true }
    return !isBoundary[(range.lowerBound + 1)..<range.upperBound].contains(true)
  }
}
