import CICUShim

/// Checks a Simplified text against its Traditional twin by evidence rather than by a
/// converter's single guess: at each position the Traditional character must be one of the
/// Traditional forms of the Simplified one; a choice is wrong when a dictionary phrase
/// covering the position (and agreeing with ICU's word boundaries) rules it out and no
/// phrase supports it, or, where no phrase speaks, when it is not the character's usual
/// form. Also reports characters of the wrong variety, text that differs beyond
/// conversion, and regional vocabulary accepted as a translation.
public struct ConversionCheck: Sendable {
  /// The Traditional standard the text should follow.
  public var standard: TraditionalStandard
  /// Whether a character that no phrase covers must be its usual Traditional form.
  public var requiresUsualFormOutsidePhrases = true
  private let variants: HanVariants
  private let tables: @Sendable () -> ConversionTables

  /// Creates a check over ICU's variant sets and the shipped OpenCC dictionaries.
  public init(
    standard: TraditionalStandard = .generic, variants: HanVariants = .icu,
    tables: @escaping @Sendable () -> ConversionTables = { .openCC }
  ) {
    self.standard = standard
    self.variants = variants
    self.tables = tables
  }

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
    let tables = tables()
    let equivalence = HanEquivalence(variants: variants, tables: { tables })
    let comparison = VariantComparison(simplified: hans, traditional: hant, equivalence: equivalence)
    var findings = wrongVariety(in: simplified, unit: unit) + wrongVariety(in: traditional, unit: unit)
    let context = PairContext(hans: hans, hant: hant, comparison: comparison, tables: tables)
    for difference in comparison.differences {
      if let vocabulary = regionalVocabulary(difference, context) {
        findings.append(
          Rule.regionalVocabulary.finding(
            traditional.sourceRange(scalars: vocabulary.traditional),
            "\(context.text(hant, vocabulary.traditional)) is regional vocabulary for \(context.text(hans, vocabulary.simplified)); accepted as its translation",
            actual: context.text(hant, vocabulary.traditional), expected: nil, unit: unit))
      } else {
        findings.append(mismatch(difference, context, traditional, unit))
      }
    }
    findings += wrongChoices(context, traditional, unit)
    return findings.sorted { ($0.range.start, $0.rule) < ($1.range.start, $1.rule) }
  }

  /// Characters of the other variety inside a Simplified or Traditional segment (虚 in
  /// Traditional text, 時 in Simplified text); nothing for other scripts. A character is
  /// foreign only when both ICU's rules and OpenCC's dictionaries say so.
  public func wrongVariety(in segment: Segment, unit: Int? = nil) -> [Finding] {
    guard segment.script == .simplified || segment.script == .traditional else { return [] }
    let intoTraditional = segment.script == .traditional
    var findings: [Finding] = []
    var tables: ConversionTables?
    for (offset, scalar) in segment.text.unicodeScalars.enumerated() {
      let foreign = intoTraditional ? variants.simplifiedOnly : variants.traditionalOnly
      guard foreign.contains(scalar) else { continue }
      if tables == nil { tables = self.tables() }
      let trie = intoTraditional ? tables!.toTraditional : tables!.toSimplified
      guard let entry = trie.entry(for: scalar.value),
        !entry.candidates.contains(where: { $0.count == 1 && $0.first == scalar.value })
      else { continue }
      let expected = String(String.UnicodeScalarView(entry.candidate(0).compactMap(Unicode.Scalar.init)))
      let (rule, own, other) =
        intoTraditional
        ? (Rule.simplifiedInTraditional, "Traditional", "Simplified")
        : (Rule.traditionalInSimplified, "Simplified", "Traditional")
      findings.append(
        rule.finding(
          segment.sourceRange(scalars: offset..<(offset + 1)),
          "\(other)-only character \(scalar) in \(own) text; use \(expected)", actual: String(scalar),
          expected: expected, unit: unit))
    }
    return findings
  }

  /// What a pair check works on.
  struct PairContext {
    let hans: [Unicode.Scalar]
    let hant: [Unicode.Scalar]
    let hansValues: [UInt32]
    /// For each Simplified offset, the matched Traditional offset, or -1.
    let matchedTraditional: [Int]
    let tables: ConversionTables

    init(hans: [Unicode.Scalar], hant: [Unicode.Scalar], comparison: VariantComparison, tables: ConversionTables) {
      self.hans = hans
      self.hant = hant
      self.tables = tables
      hansValues = hans.map(\.value)
      var matched = [Int](repeating: -1, count: hans.count)
      for pair in comparison.matches { matched[pair.simplified] = pair.traditional }
      matchedTraditional = matched
    }

    func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
      String(String.UnicodeScalarView(scalars[range]))
    }

    /// Where Simplified offset `offset` falls in the Traditional text, from the nearest
    /// match at or before it.
    func traditionalOffset(of offset: Int, fallback: Int) -> Int {
      var index = min(offset, hans.count - 1)
      while index >= 0 {
        if matchedTraditional[index] >= 0 { return matchedTraditional[index] + (offset - index) }
        index -= 1
      }
      return fallback
    }
  }

  /// A Taiwan or Hong Kong word in the Traditional text where the Simplified text has the
  /// mainland word (软件 / 軟體), covering the whole difference.
  private func regionalVocabulary(_ difference: VariantComparison.Difference, _ context: PairContext) -> (
    simplified: Range<Int>, traditional: Range<Int>
  )? {
    let trie = context.tables.regionalPhrasesBySimplified
    guard !difference.simplified.isEmpty, trie.longestKey > 0 else { return nil }
    let first = max(0, difference.simplified.lowerBound - trie.longestKey + 1)
    var found: (Range<Int>, Range<Int>)?
    context.hansValues.withUnsafeBufferPointer { text in
      for start in first..<difference.simplified.upperBound where found == nil {
        trie.forEachMatch(in: text, from: start) { length, entry in
          let simplified = start..<(start + length)
          guard found == nil, simplified.contains(difference.simplified.lowerBound),
            simplified.upperBound >= difference.simplified.upperBound
          else { return }
          let at = context.traditionalOffset(
            of: start, fallback: difference.traditional.lowerBound - (difference.simplified.lowerBound - start))
          for candidate in entry.candidates {
            let traditional = at..<(at + candidate.count)
            guard at >= 0, traditional.upperBound <= context.hant.count,
              traditional.lowerBound <= difference.traditional.lowerBound,
              traditional.upperBound >= difference.traditional.upperBound
            else { continue }
            let written = context.hant[traditional].map { context.tables.standardForm($0.value) }
            if written == candidate.map({ context.tables.standardForm($0) }) {
              found = (simplified, traditional)
              return
            }
          }
        }
      }
    }
    return found
  }

  private func mismatch(
    _ difference: VariantComparison.Difference, _ context: PairContext, _ traditional: Segment, _ unit: Int?
  ) -> Finding {
    let actual = context.text(context.hant, difference.traditional)
    let simplifiedText = context.text(context.hans, difference.simplified)
    let expected = Converter(.toTraditional, standard: standard, tables: context.tables).convert(simplifiedText)
    let message: String
    let range: SourceRange
    if difference.traditional.isEmpty {
      message = "Traditional text lacks 「\(simplifiedText)」 that the Simplified text has"
      let at = min(difference.traditional.lowerBound, max(context.hant.count - 1, 0))
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

  /// A dictionary phrase found in the Simplified text.
  private struct Phrase {
    var start: Int
    var length: Int
    var entry: PhraseTrie.Entry
  }

  /// Positions whose Traditional character the evidence rules out, one finding per phrase.
  private func wrongChoices(_ context: PairContext, _ traditional: Segment, _ unit: Int?) -> [Finding] {
    let count = context.hans.count
    let tables = context.tables
    var supported = [Bool](repeating: false, count: count)
    var covered = [Bool](repeating: false, count: count)
    var contradicting: [Int: [Phrase]] = [:]
    context.hansValues.withUnsafeBufferPointer { text in
      for start in 0..<count where HanVariants.isHanIdeograph(context.hans[start]) {
        tables.toTraditional.forEachMatch(in: text, from: start) { length, entry in
          guard length >= 2 else { return }
          let phrase = Phrase(start: start, length: length, entry: entry)
          for offset in 0..<length {
            let position = start + offset
            let matched = context.matchedTraditional[position]
            guard matched >= 0 else { continue }
            covered[position] = true
            let written = tables.standardForm(context.hant[matched].value)
            var allows = false
            var opinion = false
            for candidate in entry.candidates where candidate.count == length {
              opinion = true
              if tables.standardForm(candidate[candidate.startIndex + offset]) == written { allows = true }
            }
            if allows {
              supported[position] = true
            } else if opinion {
              contradicting[position, default: []].append(phrase)
            }
          }
        }
      }
    }
    var findings: [Finding] = []
    var reported = Set<Int>()  // phrase starts already reported
    var boundaries: WordBoundaries?
    for position in 0..<count where !supported[position] {
      let matched = context.matchedTraditional[position]
      guard matched >= 0 else { continue }
      if let phrases = contradicting[position] {
        if boundaries == nil { boundaries = WordBoundaries(context.hans) }
        let agreeing = phrases.filter { boundaries!.agrees(with: $0.start..<($0.start + $0.length)) }
        guard let deciding = agreeing.max(by: { $0.length < $1.length }) else { continue }
        guard reported.insert(deciding.start).inserted else { continue }
        findings.append(wrongChoice(deciding, context, traditional, unit))
      } else if requiresUsualFormOutsidePhrases, !covered[position],
        let finding = unusualForm(at: position, matched: matched, context, traditional, unit)
      {
        findings.append(finding)
      }
    }
    return findings
  }

  /// Where no phrase speaks: a character with several Traditional forms must be the usual
  /// one (发 → 發), unless it is a regional form of it.
  private func unusualForm(
    at position: Int, matched: Int, _ context: PairContext, _ traditional: Segment, _ unit: Int?
  ) -> Finding? {
    let tables = context.tables
    let simplified = context.hans[position]
    let written = context.hant[matched]
    guard let entry = tables.toTraditional.entry(for: simplified.value), entry.count > 1 else { return nil }
    let usual = entry.candidate(0)
    guard usual.count == 1, tables.standardForm(written.value) != tables.standardForm(usual.first!) else {
      return nil
    }
    guard
      entry.candidates.contains(where: {
        $0.count == 1 && tables.standardForm($0.first!) == tables.standardForm(written.value)
      })
    else { return nil }
    let expected = String(regionalized(usual.first!, tables))
    return Rule.wrongCharacterChoice.finding(
      traditional.sourceRange(scalars: matched..<(matched + 1)),
      "\(written) is not the usual Traditional form of \(simplified) here and no phrase supports it; expected \(expected)",
      actual: String(written), expected: expected, unit: unit)
  }

  private func wrongChoice(_ phrase: Phrase, _ context: PairContext, _ traditional: Segment, _ unit: Int?)
    -> Finding
  {
    let tables = context.tables
    let positions = (phrase.start..<(phrase.start + phrase.length)).filter { context.matchedTraditional[$0] >= 0 }
    let first = context.matchedTraditional[positions.first!]
    let last = context.matchedTraditional[positions.last!] + 1
    let candidate = phrase.entry.candidate(0)
    var expected = String.UnicodeScalarView()
    for position in phrase.start..<(phrase.start + phrase.length) {
      let matched = context.matchedTraditional[position]
      let wanted = candidate[candidate.startIndex + position - phrase.start]
      if matched >= 0, tables.standardForm(context.hant[matched].value) == tables.standardForm(wanted) {
        expected.append(context.hant[matched])
      } else {
        expected.append(regionalized(wanted, tables))
      }
    }
    let actual = context.text(context.hant, first..<last)
    let source = context.text(context.hans, phrase.start..<(phrase.start + phrase.length))
    let phraseTarget = String(String.UnicodeScalarView(candidate.compactMap(Unicode.Scalar.init)))
    return Rule.wrongCharacterChoice.finding(
      traditional.sourceRange(scalars: first..<last),
      "\(actual) should be \(String(expected)): the phrase \(source) → \(phraseTarget) decides", actual: actual,
      expected: String(expected), unit: unit)
  }

  /// A standard Traditional character in the form of the configured standard.
  private func regionalized(_ scalar: UInt32, _ tables: ConversionTables) -> Unicode.Scalar {
    let value: UInt32
    switch standard {
    case .generic: value = scalar
    case .taiwan: value = tables.taiwanVariants[scalar] ?? scalar
    case .hongKong: value = tables.hongKongVariants[scalar] ?? scalar
    }
    return Unicode.Scalar(value) ?? "?"
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
