import CICUShim
import Dispatch

/// Which text of a pair is the original: the other must render it faithfully.
public enum ConversionDirection: String, Sendable, CaseIterable {
  /// The Simplified text is the original; the Traditional text is checked.
  case simplifiedToTraditional = "s2t"
  /// The Traditional text is the original; the Simplified text is checked.
  case traditionalToSimplified = "t2s"
}

/// Checks that one text of a Simplified/Traditional pair renders the other faithfully, by
/// evidence rather than by a converter's single guess: at each position the written
/// character must be one of the forms of the original one; a choice is wrong when a
/// dictionary phrase covering the position (and agreeing with ICU's word boundaries) rules
/// it out and no phrase supports it, or, where no phrase speaks, when it is not the
/// character's usual form; a second dictionary writing it so (ICU, CC-CEDICT) vetoes. Also reports characters of the wrong variety, text that differs
/// beyond conversion, and regional vocabulary accepted as a translation.
public struct ConversionCheck: Sendable {
  /// The Traditional standard the text should follow.
  public var standard: TraditionalStandard
  /// Which text is the original (by default the Simplified one).
  public var direction: ConversionDirection
  /// Whether a Traditional character that no phrase covers must be its usual form (the
  /// Simplified→Traditional mapping is one-to-many; the reverse lists only acceptable
  /// simplifications, so this applies to `.simplifiedToTraditional` only).
  public var requiresUsualFormOutsidePhrases = true
  /// Whether a second dictionary that writes the text as written vetoes a wrong choice: an
  /// ICU phrase rule, a CC-CEDICT Traditional word, or, where no phrase speaks, ICU's
  /// default form (two dictionaries must concur before a CI fails).
  public var requiresSecondOpinion = true
  private let variants: HanVariants
  private let tables: @Sendable () -> ConversionTables
  /// Character equivalence over the same tables, made once.
  private let equivalence: HanEquivalence

  /// Creates a check over ICU's variant sets and the shipped OpenCC dictionaries.
  public init(
    standard: TraditionalStandard = .generic, direction: ConversionDirection = .simplifiedToTraditional,
    variants: HanVariants = .icu, tables: @escaping @Sendable () -> ConversionTables = { .openCC }
  ) {
    self.standard = standard
    self.direction = direction
    self.variants = variants
    self.tables = tables
    equivalence = HanEquivalence(variants: variants, tables: tables)
  }

  /// Findings for a pair of strings, located in a synthetic one-line file `name`.
  public func check(simplified: String, traditional: String, name: String = "-") -> [Finding] {
    check(
      simplified: Segment(id: 1, line: simplified, file: name, script: .simplified),
      traditional: Segment(id: 2, line: traditional, file: name, script: .traditional))
  }

  /// Findings for a Simplified segment and its Traditional twin, located in the source:
  /// whether the checked text renders the original faithfully. (The original's own purity
  /// is `wrongVariety(in:)`'s concern.)
  public func check(simplified: Segment, traditional: Segment, unit: Int? = nil) -> [Finding] {
    let tables = tables()
    let hans = Characters.scalars(of: simplified.text)
    let hant = Characters.scalars(of: traditional.text)
    let comparison = VariantComparison(
      simplified: hans, traditional: hant, equivalence: equivalence)
    let pair = Pair(
      hans: hans, hant: hant, comparison: comparison, direction: direction, tables: tables,
      checked: direction == .simplifiedToTraditional ? traditional : simplified)
    var findings: [Finding] = []
    var accepted: [(simplified: Range<Int>, traditional: Range<Int>)] = []
    for difference in comparison.differences {
      if accepted.contains(where: {
        $0.simplified.lowerBound <= difference.simplified.lowerBound
          && difference.simplified.upperBound <= $0.simplified.upperBound
          && $0.traditional.lowerBound <= difference.traditional.lowerBound
          && difference.traditional.upperBound <= $0.traditional.upperBound
      }) {
        continue
      }
      if let vocabulary = regionalVocabulary(difference, pair) {
        accepted.append(vocabulary)
        let written = pair.text(hant, vocabulary.traditional)
        let original = pair.text(hans, vocabulary.simplified)
        let range = direction == .simplifiedToTraditional ? vocabulary.traditional : vocabulary.simplified
        findings.append(
          Rule.regionalVocabulary.finding(
            pair.checked.sourceRange(scalars: range),
            "\(written) is regional vocabulary for \(original); accepted as its translation", actual: written,
            expected: nil, unit: unit))
      } else {
        findings.append(mismatch(difference, pair, unit))
      }
    }
    findings += evidenceFindings(pair, unit)
    return findings.sorted { ($0.range.start, $0.rule) < ($1.range.start, $1.rule) }
  }

  /// Characters of the other variety inside a Simplified or Traditional segment (虚 in
  /// Traditional text, 時 in Simplified text); nothing for other scripts. A character is
  /// foreign only when both ICU's rules and OpenCC's dictionaries say so and it is no
  /// regional form.
  public func wrongVariety(in segment: Segment, unit: Int? = nil) -> [Finding] {
    guard segment.script == .simplified || segment.script == .traditional else { return [] }
    let intoTraditional = segment.script == .traditional
    var findings: [Finding] = []
    var tables: ConversionTables?
    for (offset, scalar) in segment.text.unicodeScalars.enumerated() {
      guard intoTraditional ? variants.isSimplifiedOnly(scalar) : variants.isTraditionalOnly(scalar) else { continue }
      if tables == nil { tables = self.tables() }
      guard let entry = foreignEntry(scalar, intoTraditional: intoTraditional, tables!) else { continue }
      findings.append(wrongVarietyFinding(scalar, entry, intoTraditional, segment, offset, unit))
    }
    return findings
  }

  /// True when checking the pair would find nothing: neither `check(simplified:traditional:)`
  /// nor `wrongVariety(in:)` of the Simplified original. Decided in one pass over the two
  /// texts for the common case, without the comparison: the visible characters correspond
  /// one to one; each Traditional one is the usual form of its Simplified one (up to
  /// regional form) or another form a dictionary phrase around it writes (複 in 复制 →
  /// 複製); and where the usual form depends on context (发), no phrase around it writes it
  /// otherwise. False means "look closer", not "wrong"; always false when the Traditional
  /// text is the original.
  public func isPlainlyFaithful(simplified: String, traditional: String) -> Bool {
    isPlainlyFaithful(simplified: simplified, traditional: traditional, tables().contextDependence)
  }

  /// The tables this check reads (loaded on first use).
  var conversionTables: ConversionTables { tables() }

  /// The characters whose Traditional form depends on context, worked out once per tables.
  var contextDependence: ContextDependence { tables().contextDependence }

  /// ``contextDependence`` if it has been worked out already, else nil.
  var contextDependenceIfComputed: ContextDependence? { tables().contextDependenceIfComputed }

  /// `isPlainlyFaithful(simplified:traditional:)` with the context dependence at hand.
  func isPlainlyFaithful(simplified: String, traditional: String, _ dependence: ContextDependence) -> Bool {
    var simplified = simplified
    var traditional = traditional
    var traits = PairTraits()
    let tables = tables()
    return simplified.withUTF8 { hans in
      traditional.withUTF8 { hant in
        isPlainlyFaithful(simplifiedUTF8: hans, traditionalUTF8: hant, dependence, tables, traits: &traits)
      }
    }
  }

  /// `isPlainlyFaithful(simplified:traditional:)` on the two texts' valid UTF-8 in place, over
  /// `tables` (this check's), noting in `traits` what it sees of the characters as it decodes
  /// them; `traits` is complete when the answer is true.
  func isPlainlyFaithful(
    simplifiedUTF8 hansBytes: UnsafeBufferPointer<UInt8>, traditionalUTF8 hantBytes: UnsafeBufferPointer<UInt8>,
    _ dependence: ContextDependence, _ tables: ConversionTables, traits: inout PairTraits
  ) -> Bool {
    guard direction == .simplifiedToTraditional else { return false }
    // The Simplified scalars (at most one per byte), then, in a second buffer, for each of
    // them the Traditional one written there (0 under whitespace) and what it still needs (a
    // `PlainRendering`), then the Traditional scalars that are not whitespace. Two buffers:
    // each of a usual pair's fits on the stack.
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: hansBytes.count) { buffer in
      var count = 0
      var index = 0
      var hansQuotes = QuoteStyleCheck.Marks()
      while index < hansBytes.count {
        let value = Characters.decodeUTF8(UnsafeRawBufferPointer(hansBytes), &index)
        buffer[count] = value
        hansQuotes.note(value)
        count += 1
      }
      let hans = UnsafeBufferPointer(rebasing: buffer[..<count])
      return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * count + hantBytes.count) { buffer in
        let written = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
        let needs = UnsafeMutableBufferPointer(rebasing: buffer[count..<(2 * count)])
        let hant = UnsafeMutableBufferPointer(rebasing: buffer[(2 * count)...])
        var hantCount = 0
        var hantQuotes = QuoteStyleCheck.Marks()
        var mayHaveRegionalForm = false
        index = 0
        while index < hantBytes.count {
          let value = Characters.decodeUTF8(UnsafeRawBufferPointer(hantBytes), &index)
          hantQuotes.note(value)
          if tables.mayHaveRegionalForm(value), HanVariants.isHanIdeograph(value) { mayHaveRegionalForm = true }
          if !Characters.isWhitespace(value) {
            hant[hantCount] = value
            hantCount += 1
          }
        }
        traits = PairTraits(
          mixesQuotes: hansQuotes.mixed || hantQuotes.mixed, mayHaveRegionalForm: mayHaveRegionalForm)
        guard
          let phrasesMatter = lineUp(
            hans, UnsafeBufferPointer(rebasing: hant[..<hantCount]), written: written, needs: needs, tables, dependence)
        else { return false }
        return !phrasesMatter
          || phrasesAllow(hans, written: UnsafeBufferPointer(written), needs: needs, tables, dependence)
      }
    }
  }

  /// The first step of `isPlainlyFaithful`: lines the Traditional scalars (no whitespace) up
  /// with the Simplified ones and fills in, for each Simplified one, the scalar written there
  /// (0 under whitespace) and what it needs (a `PlainRendering`). Nil when the texts do not
  /// line up or a position is `.no`; else whether any position needs phrases. Kept apart
  /// from the rest, so that the inline test of each position stays inline.
  @inline(never)
  private func lineUp(
    _ hans: UnsafeBufferPointer<UInt32>, _ hant: UnsafeBufferPointer<UInt32>,
    written: UnsafeMutableBufferPointer<UInt32>, needs: UnsafeMutableBufferPointer<UInt32>, _ tables: ConversionTables,
    _ dependence: ContextDependence
  ) -> Bool? {
    var next = 0
    var phrasesMatter = false
    for position in 0..<hans.count {
      written[position] = 0
      needs[position] = PlainRendering.plain.rawValue
      let original = hans[position]
      guard !Characters.isWhitespace(original) else { continue }
      guard next < hant.count else { return nil }
      let value = hant[next]
      next += 1
      let rendering =
        isPlainAtOnce(original, as: value, tables, dependence)
        ? .plain : plainRendering(of: original, as: value, tables, dependence)
      guard rendering != .no else { return nil }
      written[position] = value
      needs[position] = rendering.rawValue
      phrasesMatter = phrasesMatter || rendering != .plain
    }
    guard next == hant.count else { return nil }
    return phrasesMatter
  }

  /// The second step of `isPlainlyFaithful`, where some position needs phrases: where the
  /// form depends on context, the usual form must be allowed by every phrase covering the
  /// position (elsewhere every phrase does, by construction), and a form other than the
  /// usual one needs a phrase writing it, whatever other phrases say (as in the full check, a
  /// form a phrase writes is accepted). Only phrases that write such a position's character
  /// otherwise than as its usual form can do either, so only the places where one may start
  /// are searched: at most ``ContextDependence/phraseReach(_:)`` before the position.
  private func phrasesAllow(
    _ hans: UnsafeBufferPointer<UInt32>, written: UnsafeBufferPointer<UInt32>,
    needs: UnsafeMutableBufferPointer<UInt32>, _ tables: ConversionTables, _ dependence: ContextDependence
  ) -> Bool {
    let trie = dependence.phrases
    let count = hans.count
    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { searched in
      searched.initialize(repeating: false)
      for position in 0..<count where needs[position] != PlainRendering.plain.rawValue {
        for start in max(0, position - dependence.phraseReach(hans[position]))...position { searched[start] = true }
      }
      var contradicted = false
      for start in 0..<count where searched[start] && !contradicted {
        guard HanVariants.isHanIdeograph(hans[start]), trie.mayStartPhrase(in: hans, at: start) else { continue }
        trie.forEachMatchIndex(in: hans, from: start, phrasesOnly: true) { length, entry in
          guard !contradicted else { return }
          for offset in 0..<length where needs[start + offset] != PlainRendering.plain.rawValue {
            let (opinion, allows) = Self.verdict(
              of: entry, length: length, on: written[start + offset], at: offset, trie, tables)
            if opinion && !allows && needs[start + offset] == PlainRendering.uncontradicted.rawValue {
              contradicted = true
            }
            if allows && needs[start + offset] == PlainRendering.needsPhrase.rawValue {
              needs[start + offset] = PlainRendering.supported.rawValue
            }
          }
        }
      }
      return !contradicted && !needs.contains(PlainRendering.needsPhrase.rawValue)
    }
  }

  /// What the plain path sees of a pair's characters as it decodes them, for the checks that
  /// follow it (a pair set's sorter), so that they need not decode the texts again.
  struct PairTraits {
    /// Either text holds both Western and corner quotation marks (“ and 「): the quotation
    /// check may find something.
    var mixesQuotes = true
    /// The Traditional text holds a Han character that may be a regional form: the regional
    /// variant check may find something.
    var mayHaveRegionalForm = true
  }

  /// What one position of `isPlainlyFaithful` needs from the phrases around it.
  private enum PlainRendering: UInt32 {
    /// The usual form where no phrase says otherwise, or no Han character: nothing.
    case plain
    /// The usual form of a character whose form depends on context: no phrase against it.
    case uncontradicted
    /// Another form the original may take: a phrase writing it.
    case needsPhrase
    /// `needsPhrase`, and a phrase writes it.
    case supported
    /// Anything else: the full check decides.
    case no
  }

  /// True when `plainRendering` would answer `.plain` for the two common cases, decided
  /// inline by bits and one table entry: a character written unchanged that is its own usual
  /// form and does not depend on context (的, 在; a bit answers, without the table of usual
  /// forms), and a Han character written as its usual form that does not depend on context
  /// (们 as 們). False means "ask `plainRendering`".
  @inline(__always)
  private func isPlainAtOnce(
    _ original: UInt32, as written: UInt32, _ tables: ConversionTables, _ dependence: ContextDependence
  ) -> Bool {
    if written == original {
      guard dependence.isPlainUnchanged(original) else { return false }
      return !HanVariants.isHanIdeograph(original) || !variants.isTraditionalOnly(Unicode.Scalar(original)!)
    }
    return HanVariants.isHanIdeograph(original) && dependence.isIndependent(original, writtenAsUsualForm: written)
      && !variants.isTraditionalOnly(Unicode.Scalar(original)!)
  }

  /// How `written` renders the original character at one position of `isPlainlyFaithful`
  /// (an original of the other variety, 時 in Simplified text, is `.no`).
  @inline(never)
  private func plainRendering(
    of original: UInt32, as written: UInt32, _ tables: ConversionTables, _ dependence: ContextDependence
  ) -> PlainRendering {
    guard let originalScalar = Unicode.Scalar(original), let writtenScalar = Unicode.Scalar(written) else {
      return .no
    }
    guard HanVariants.isHanIdeograph(original) else {
      return equivalence.equivalent(originalScalar, writtenScalar) ? .plain : .no
    }
    guard !variants.isTraditionalOnly(originalScalar) else { return .no }
    // `isUsualForm`, from the table.
    let usual: Bool
    switch dependence.usualForm(of: original) {
    case .itself: usual = written == original
    case .character(let form): usual = tables.stands(written, for: form)
    case .several: return .no
    case nil: usual = Self.isUsualForm(written, of: original, tables.toTraditional, tables)
    }
    guard dependence.contains(original) else { return usual ? .plain : .no }
    if usual { return .uncontradicted }
    // Another form lines up only where the comparison would match it.
    return equivalence.equivalent(originalScalar, writtenScalar) ? .needsPhrase : .no
  }

  /// The finding for a character of the other variety; `expected` is its form in the
  /// checked script, by default `entry`'s usual one.
  private func wrongVarietyFinding(
    _ scalar: Unicode.Scalar, _ entry: PhraseTrie.Entry, _ intoTraditional: Bool, _ segment: Segment, _ offset: Int,
    _ unit: Int?, expected: String? = nil
  ) -> Finding {
    let expected = expected ?? String(scalars: entry.candidate(0).compactMap(Unicode.Scalar.init))
    let (rule, own, other) =
      intoTraditional
      ? (Rule.simplifiedInTraditional, "Traditional", "Simplified")
      : (Rule.traditionalInSimplified, "Simplified", "Traditional")
    return rule.finding(
      segment.sourceRange(scalars: offset..<(offset + 1)),
      "\(other)-only character \(scalar) in \(own) text; use \(expected)", actual: String(scalar), expected: expected,
      unit: unit)
  }

  /// The dictionary entry converting `scalar` when it belongs to the other variety only:
  /// ICU's rules and OpenCC's dictionaries agree, and it is no regional form (葱 is Hong
  /// Kong's 蔥).
  private func foreignEntry(_ scalar: Unicode.Scalar, intoTraditional: Bool, _ tables: ConversionTables)
    -> PhraseTrie.Entry?
  {
    let foreign = intoTraditional ? variants.isSimplifiedOnly(scalar) : variants.isTraditionalOnly(scalar)
    guard foreign, !(intoTraditional && tables.standardForm(scalar.value) != scalar.value) else {
      return nil
    }
    let trie = intoTraditional ? tables.toTraditional : tables.toSimplified
    guard let entry = trie.entry(for: scalar.value),
      !entry.candidates.contains(where: { $0.count == 1 && $0.first == scalar.value })
    else { return nil }
    return entry
  }

  /// A compared pair, oriented from the original text to the checked one.
  struct Pair {
    let hans: [Unicode.Scalar]
    let hant: [Unicode.Scalar]
    let direction: ConversionDirection
    let tables: ConversionTables
    /// The segment being checked (the Traditional one when the Simplified is original).
    let checked: Segment
    /// The original text's scalars and, per original offset, the matched checked offset or -1.
    let original: [Unicode.Scalar]
    let written: [Unicode.Scalar]
    let originalValues: [UInt32]
    let matched: [Int]
    /// Simplified offset → matched Traditional offset, or -1.
    let traditionalOfSimplified: [Int]

    init(
      hans: [Unicode.Scalar], hant: [Unicode.Scalar], comparison: VariantComparison, direction: ConversionDirection,
      tables: ConversionTables, checked: Segment
    ) {
      self.hans = hans
      self.hant = hant
      self.direction = direction
      self.tables = tables
      self.checked = checked
      var simplifiedToTraditional = [Int](repeating: -1, count: hans.count)
      var traditionalToSimplified = [Int](repeating: -1, count: hant.count)
      for pair in comparison.matches {
        simplifiedToTraditional[pair.simplified] = pair.traditional
        traditionalToSimplified[pair.traditional] = pair.simplified
      }
      traditionalOfSimplified = simplifiedToTraditional
      if direction == .simplifiedToTraditional {
        (original, written, matched) = (hans, hant, simplifiedToTraditional)
      } else {
        (original, written, matched) = (hant, hans, traditionalToSimplified)
      }
      originalValues = original.map(\.value)
    }

    /// Phrases and characters mapping the original into the checked script.
    var trie: PhraseTrie { direction == .simplifiedToTraditional ? tables.toTraditional : tables.toSimplified }

    func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
      String(scalars: scalars[range])
    }

    /// True when the written character `written` may stand where `expected` is expected (up
    /// to regional form: 為 for 爲; ``ConversionTables/stands(_:for:)``).
    func stands(_ written: UInt32, for expected: UInt32) -> Bool { tables.stands(written, for: expected) }

    /// Where Simplified offset `offset` falls in the Traditional text, from the nearest
    /// match at or before it.
    func traditionalOffset(of offset: Int, fallback: Int) -> Int {
      var index = min(offset, hans.count - 1)
      while index >= 0 {
        if traditionalOfSimplified[index] >= 0 { return traditionalOfSimplified[index] + (offset - index) }
        index -= 1
      }
      return fallback
    }
  }

  /// A Taiwan or Hong Kong word in the Traditional text where the Simplified text has the
  /// mainland word (软件 / 軟體), covering the whole difference.
  private func regionalVocabulary(_ difference: VariantComparison.Difference, _ pair: Pair) -> (
    simplified: Range<Int>, traditional: Range<Int>
  )? {
    let trie = pair.tables.regionalPhrasesBySimplified
    guard trie.longestKey > 0, !pair.hans.isEmpty else { return nil }
    let first = max(0, difference.simplified.lowerBound - trie.longestKey + 1)
    let last = min(max(difference.simplified.upperBound, difference.simplified.lowerBound + 1), pair.hans.count)
    let values = pair.hans.map(\.value)
    var found: (Range<Int>, Range<Int>)?
    values.withUnsafeBufferPointer { text in
      for start in first..<last where found == nil {
        trie.forEachMatch(in: text, from: start) { length, entry in
          let simplified = start..<(start + length)
          // The phrase must hold the differing text (or, for text only the Traditional
          // side has, the point where it goes).
          let holds =
            difference.simplified.isEmpty
            ? simplified.lowerBound < difference.simplified.lowerBound
              && difference.simplified.lowerBound < simplified.upperBound
            : simplified.lowerBound <= difference.simplified.lowerBound
              && difference.simplified.upperBound <= simplified.upperBound
          guard found == nil, holds else { return }
          let at = pair.traditionalOffset(
            of: start, fallback: difference.traditional.lowerBound - (difference.simplified.lowerBound - start))
          for candidate in entry.candidates {
            let traditional = at..<(at + candidate.count)
            guard at >= 0, traditional.upperBound <= pair.hant.count,
              traditional.lowerBound <= difference.traditional.lowerBound,
              traditional.upperBound >= difference.traditional.upperBound
            else { continue }
            if zip(pair.hant[traditional], candidate).allSatisfy({ pair.stands($0.value, for: $1) }) {
              found = (simplified, traditional)
              return
            }
          }
        }
      }
    }
    return found
  }

  private func mismatch(_ difference: VariantComparison.Difference, _ pair: Pair, _ unit: Int?) -> Finding {
    let toTraditional = direction == .simplifiedToTraditional
    let (originalRange, writtenRange) =
      toTraditional ? (difference.simplified, difference.traditional) : (difference.traditional, difference.simplified)
    let actual = pair.text(pair.written, writtenRange)
    let originalText = pair.text(pair.original, originalRange)
    let expected = Converter(toTraditional ? .toTraditional : .toSimplified, standard: standard, tables: pair.tables)
      .convert(originalText)
    let (writtenName, originalName) = toTraditional ? ("Traditional", "Simplified") : ("Simplified", "Traditional")
    let message: String
    let range: SourceRange
    if writtenRange.isEmpty {
      message = "\(writtenName) text lacks 「\(originalText)」 that the \(originalName) text has"
      let at = min(writtenRange.lowerBound, max(pair.written.count - 1, 0))
      range = pair.checked.sourceRange(scalars: at..<(at + 1))
    } else if originalRange.isEmpty {
      message = "\(writtenName) text has 「\(actual)」 that the \(originalName) text lacks"
      range = pair.checked.sourceRange(scalars: writtenRange)
    } else {
      message = "\(writtenName) 「\(actual)」 does not match \(originalName) 「\(originalText)」"
      range = pair.checked.sourceRange(scalars: writtenRange)
    }
    return Rule.hansHantMismatch.finding(range, message, actual: actual, expected: expected, unit: unit)
  }

  /// A dictionary phrase found in the original text.
  private struct Phrase {
    var start: Int
    var length: Int
    /// The entry's index in the pair's trie.
    var entry: Int32
  }

  /// Characters of the wrong variety and characters the evidence rules out, one finding per
  /// deciding phrase.
  private func evidenceFindings(_ pair: Pair, _ unit: Int?) -> [Finding] {
    let count = pair.original.count
    let trie = pair.trie
    // Phrases that allow the written character at a position, and phrases that rule it out,
    // as linked lists through `links` (no hashing on this hot path).
    var phrases: [Phrase] = []
    var links: [(phrase: Int32, next: Int32)] = []
    var supportHead = [Int32](repeating: -1, count: count)
    var againstHead = [Int32](repeating: -1, count: count)
    pair.originalValues.withUnsafeBufferPointer { text in
      for start in 0..<count where HanVariants.isHanIdeograph(pair.original[start]) {
        trie.forEachMatchIndex(in: text, from: start, phrasesOnly: true) { length, entry in
          let phraseIndex = Int32(phrases.count)
          phrases.append(Phrase(start: start, length: length, entry: entry))
          for offset in 0..<length {
            let position = start + offset
            let matched = pair.matched[position]
            guard matched >= 0 else { continue }
            let (opinion, allows) = Self.verdict(
              of: entry, length: length, on: pair.written[matched].value, at: offset, trie, pair.tables)
            if allows {
              links.append((phraseIndex, supportHead[position]))
              supportHead[position] = Int32(links.count - 1)
            } else if opinion {
              links.append((phraseIndex, againstHead[position]))
              againstHead[position] = Int32(links.count - 1)
            }
          }
        }
      }
    }
    func list(_ head: Int32) -> [Phrase] {
      var result: [Phrase] = []
      var link = head
      while link >= 0 {
        result.append(phrases[Int(links[Int(link)].phrase)])
        link = links[Int(link)].next
      }
      return result
    }
    // A contradicting phrase counts only where ICU's dictionary word boundaries agree with
    // it (头发 is no evidence inside 街头|发出); boundaries are computed only when needed, for
    // the clause that holds the phrase.
    var boundaries = ClauseWordBoundaries(pair.original)
    func agrees(_ phrase: Phrase) -> Bool {
      boundaries.agrees(with: phrase.start..<(phrase.start + phrase.length))
    }
    /// The longest phrase ruling the written character at `position` out that agrees with
    /// the word boundaries: the one that decides it.
    func decidingPhrase(at position: Int) -> Phrase? {
      list(againstHead[position]).filter(agrees).max(by: { $0.length < $1.length })
    }
    let intoTraditional = direction == .simplifiedToTraditional
    var findings: [Finding] = []
    var reported = Set<Int>()  // starts of phrases already reported
    for position in 0..<count {
      let matched = pair.matched[position]
      guard matched >= 0 else { continue }
      let written = pair.written[matched]
      guard HanVariants.isHanIdeograph(written) else { continue }
      let supported = supportHead[position] >= 0
      let contradicted = againstHead[position] >= 0
      if supported && !contradicted { continue }
      if isUsualForm(written, of: pair.original[position], pair) {
        // The usual form needs no phrase; only an agreeing phrase can rule it out.
        guard contradicted, !list(supportHead[position]).contains(where: agrees) else { continue }
      } else if supported {
        // A human wrote exactly what a dictionary phrase says: accepted even where ICU's
        // word boundaries cut the phrase (周线|图 against 周|线图).
        continue
      } else if let entry = foreignEntry(written, intoTraditional: intoTraditional, pair.tables) {
        // Where a phrase decides the position (头发 → 頭髮), its form, not the usual one (發).
        let expected = decidingPhrase(at: position).map { phrase in
          let candidate = Self.decidingCandidate(of: phrase, pair)
          return String(regionalized(candidate[position - phrase.start], pair.tables))
        }
        findings.append(
          wrongVarietyFinding(written, entry, intoTraditional, pair.checked, matched, unit, expected: expected))
        continue
      }
      if let deciding = decidingPhrase(at: position) {
        guard !reported.contains(deciding.start), !icuWrites(written, at: position, pair),
          !writtenAsWord(at: position, pair)
        else { continue }
        reported.insert(deciding.start)
        findings.append(wrongChoice(deciding, pair, unit))
      } else if requiresUsualFormOutsidePhrases, intoTraditional, !icuWrites(written, at: position, pair),
        !icuDefault(written, of: pair.original[position], pair), !writtenAsWord(at: position, pair),
        let finding = unusualForm(at: position, matched: matched, pair, unit)
      {
        findings.append(finding)
      }
    }
    return findings
  }

  /// True when one of ICU's own `Hans-Hant` phrase rules covering the position writes
  /// `written` there: two independent dictionaries then disagree about the choice (ICU's
  /// 卷轴 → 捲軸 against OpenCC's 卷軸), so it is not ruled out. ICU's single-character
  /// defaults are no such opinion (ICU writes 繪制 by default, wrongly).
  private func icuWrites(_ written: Unicode.Scalar, at position: Int, _ pair: Pair) -> Bool {
    guard requiresSecondOpinion, direction == .simplifiedToTraditional else { return false }
    let phrases = variants.phrases
    let longest = variants.longestPhrase
    for start in max(0, position - longest + 1)...position {
      for length in 2...longest where start + length > position && start + length <= pair.original.count {
        guard let target = phrases[Array(pair.original[start..<(start + length)])],
          target.count == length
        else { continue }
        if pair.stands(written.value, for: target[position - start].value) { return true }
      }
    }
    return false
  }

  /// True when `written` is ICU's own `Hans-Hant` default for the original character (舍 →
  /// 捨 where OpenCC's usual form is 舍): where no phrase speaks, the two dictionaries
  /// disagree about the usual form, so neither choice is ruled out.
  private func icuDefault(_ written: Unicode.Scalar, of original: Unicode.Scalar, _ pair: Pair) -> Bool {
    guard requiresSecondOpinion, let icu = variants.traditional(of: original) else { return false }
    return pair.stands(written.value, for: icu.value)
  }

  /// True when the written text around `position` is, whole, a Traditional word of CC-CEDICT
  /// for the original word there (回歸 for 回归, where OpenCC's phrase says 迴歸): people who
  /// write Traditional Chinese wrote it so, and a second dictionary accepts the choice.
  private func writtenAsWord(at position: Int, _ pair: Pair) -> Bool {
    let words = pair.tables.traditionalWords
    guard requiresSecondOpinion, direction == .simplifiedToTraditional, words.longestKey > 0 else { return false }
    var found = false
    pair.originalValues.withUnsafeBufferPointer { text in
      for start in max(0, position - words.longestKey + 1)...position where !found {
        words.forEachMatch(in: text, from: start) { length, entry in
          guard !found, start + length > position else { return }
          found = entry.candidates.contains { candidate in
            candidate.count == length
              && zip(start..<(start + length), candidate).allSatisfy { offset, value in
                pair.matched[offset] >= 0 && pair.stands(pair.written[pair.matched[offset]].value, for: value)
              }
          }
        }
      }
    }
    return found
  }

  /// True when `written` is the original character's usual form in the checked script (or
  /// the original itself when it has no entry), up to regional form.
  private func isUsualForm(_ written: Unicode.Scalar, of original: Unicode.Scalar, _ pair: Pair) -> Bool {
    Self.isUsualForm(written.value, of: original.value, pair.trie, pair.tables)
  }

  private static func isUsualForm(
    _ written: UInt32, of original: UInt32, _ trie: PhraseTrie, _ tables: ConversionTables
  ) -> Bool {
    switch ConversionTables.usualForm(original, in: trie) {
    case .itself: written == original
    case .character(let usual): tables.stands(written, for: usual)
    case .several: false
    }
  }

  /// Whether the phrase `entry` (of `length` characters) has an opinion at its `offset`
  /// (a candidate of its own length), and whether one such candidate writes `written` there,
  /// up to regional form.
  @inline(__always)
  private static func verdict(
    of entry: Int32, length: Int, on written: UInt32, at offset: Int, _ trie: PhraseTrie,
    _ tables: ConversionTables
  ) -> (opinion: Bool, allows: Bool) {
    var allows = false
    var opinion = false
    for candidate in 0..<trie.candidateCount(entry) where trie.candidateLength(entry, candidate) == length {
      opinion = true
      if tables.stands(written, for: trie.candidateScalar(entry, offset, of: candidate)) { allows = true }
    }
    return (opinion, allows)
  }

  /// Where no phrase speaks: a character with several forms must be the usual one
  /// (发 → 發), unless it is a regional form of it.
  private func unusualForm(at position: Int, matched: Int, _ pair: Pair, _ unit: Int?) -> Finding? {
    let original = pair.original[position]
    let written = pair.written[matched]
    guard let entry = pair.trie.entry(for: original.value), entry.count > 1 else { return nil }
    let usual = entry.candidate(0)
    guard usual.count == 1, !pair.stands(written.value, for: usual.first!),
      entry.candidates.contains(where: { $0.count == 1 && pair.stands(written.value, for: $0.first!) })
    else { return nil }
    let expected = String(regionalized(usual.first!, pair.tables))
    return Rule.wrongCharacterChoice.finding(
      pair.checked.sourceRange(scalars: matched..<(matched + 1)),
      "\(written) is not the usual form of \(original) here and no phrase supports it; expected \(expected)",
      actual: String(written), expected: expected, unit: unit)
  }

  /// What a phrase that rules a character out writes: its first candidate of its own length
  /// (a phrase has an opinion, and is kept as one against a character, only through such
  /// candidates).
  private static func decidingCandidate(of phrase: Phrase, _ pair: Pair) -> PhraseTrie.Candidate {
    let entry = PhraseTrie.Entry(trie: pair.trie, index: phrase.entry)
    return entry.candidate((0..<entry.count).first { entry.length(of: $0) == phrase.length } ?? 0)
  }

  private func wrongChoice(_ phrase: Phrase, _ pair: Pair, _ unit: Int?) -> Finding {
    let positions = (phrase.start..<(phrase.start + phrase.length)).filter { pair.matched[$0] >= 0 }
    let first = pair.matched[positions.first!]
    let last = pair.matched[positions.last!] + 1
    let candidate = Self.decidingCandidate(of: phrase, pair)
    var expected = String.UnicodeScalarView()
    for position in phrase.start..<(phrase.start + phrase.length) {
      let matched = pair.matched[position]
      let wanted = candidate[position - phrase.start]
      if matched >= 0, pair.stands(pair.written[matched].value, for: wanted) {
        expected.append(pair.written[matched])
      } else {
        expected.append(regionalized(wanted, pair.tables))
      }
    }
    let actual = pair.text(pair.written, first..<last)
    let source = pair.text(pair.original, phrase.start..<(phrase.start + phrase.length))
    let phraseTarget = String(scalars: candidate.compactMap(Unicode.Scalar.init))
    return Rule.wrongCharacterChoice.finding(
      pair.checked.sourceRange(scalars: first..<last),
      "\(actual) should be \(String(expected)): the phrase \(source) → \(phraseTarget) decides", actual: actual,
      expected: String(expected), unit: unit)
  }

  /// A standard Traditional character in the form of the configured standard.
  private func regionalized(_ scalar: UInt32, _ tables: ConversionTables) -> Unicode.Scalar {
    var value = scalar
    if direction == .simplifiedToTraditional {
      switch standard {
      case .generic: break
      case .taiwan: value = tables.taiwanVariants[scalar] ?? scalar
      case .hongKong: value = tables.hongKongVariants[scalar] ?? scalar
      }
    }
    return Unicode.Scalar(value) ?? "?"
  }
}

/// ICU's word boundaries of a text, worked out a clause at a time as they are asked for. A
/// clause ends at a full-width comma, stop or the like with a Han character on each side:
/// there, a boundary lies on both sides of the mark whatever the words, and ICU's dictionary
/// segments each run of Han characters on its own (the mark ends the run), so a clause's
/// boundaries are those of the whole text. A long paragraph with one phrase to weigh has one
/// clause segmented, not all.
struct ClauseWordBoundaries {
  private let text: [Unicode.Scalar]
  /// Where the clause marks are, in order; found on first use.
  private var marks: [Int]?
  /// The clauses segmented so far.
  private var clauses: [Range<Int>: WordBoundaries] = [:]

  init(_ text: [Unicode.Scalar]) { self.text = text }

  /// `WordBoundaries.agrees(with:)` on the whole text.
  mutating func agrees(with range: Range<Int>) -> Bool {
    if marks == nil { marks = text.indices.filter(endsClause) }
    // The clause runs from after the last mark before the range to the first mark after it
    // (binary searches: a paragraph without marks is one clause however many phrases ask).
    let next = marks!.firstIndex(after: { $0 < range.upperBound })
    let previous = marks!.firstIndex(after: { $0 < range.lowerBound }) - 1
    let start = previous >= 0 ? marks![previous] + 1 : 0
    let end = next < marks!.count ? marks![next] : text.count
    if clauses[start..<end] == nil { clauses[start..<end] = WordBoundaries(Array(text[start..<end])) }
    return clauses[start..<end]!.agrees(with: (range.lowerBound - start)..<(range.upperBound - start))
  }

  /// A clause mark (，。、；：！？) with a Han character on each side.
  private func endsClause(at index: Int) -> Bool {
    guard index > 0, index + 1 < text.count else { return false }
    switch text[index].value {
    case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F:
      return HanVariants.isHanIdeograph(text[index - 1].value) && HanVariants.isHanIdeograph(text[index + 1].value)
    default:
      return false
    }
  }
}

/// ICU's dictionary-based word boundaries of a text, as scalar offsets.
struct WordBoundaries {
  private var isBoundary: [Bool]

  /// Starts loading ICU's Chinese word dictionary on another thread (its break engine, about
  /// 8 M instructions, which ICU keeps for every iterator after), so that the first check of
  /// a pair does not wait for it. Calling it again does nothing.
  static func startLoading() { _ = loadingStarted }

  /// Queued once, by the first ``startLoading()``.
  private static let loadingStarted: Void = BackgroundLoading.enqueue {
    _ = WordBoundaries(Array("中文".unicodeScalars))
  }

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
