/// Groups labelled segments into units, one row per meaning, whatever the layout:
/// interleaved (either order), in blocks, or from one file per language.
///
/// It pairs the Simplified and Traditional paragraphs first (near-identical under
/// conversion), then aligns those pairs with the English paragraphs by dynamic programming
/// over beads (1-1, 1-0, 0-1, 2-1, 1-2, 2-2) with costs from length (calibrated per
/// document), anchors, structure and adjacency. Searching a corridor around the path found
/// at half resolution keeps time and memory linear. Every unit gets the posterior
/// probability of its bead as its confidence.
public struct Aligner: Sendable {
  private let variants: HanVariants
  /// Units whose confidence is below this produce an `uncertain-alignment` finding.
  public var uncertaintyThreshold = 0.3
  /// English characters per Han character assumed before calibrating on the document.
  public var charactersPerHan = 3.5
  /// Whether English–Chinese pairs are also scored by the shipped Chinese–English word
  /// list (derived from CC-CEDICT), loaded when a document first has both languages.
  public var usesLexicon = true
  /// Whether hard anchors (a distinctive word or number that exactly one English paragraph
  /// and one Chinese unit share) pin the search of a document too long to search in full,
  /// splitting it into blocks.
  public var usesHardAnchors = true

  /// Creates an aligner over the given Han variant tables.
  public init(variants: HanVariants = .icu) { self.variants = variants }

  /// Aligns the segments of one document (in document order; they may come from several
  /// files) into units numbered from `firstUnitID`.
  public func align(_ segments: [Segment], firstUnitID: Int = 1) -> [Unit] {
    alignment(of: segments, firstUnitID: firstUnitID).units
  }

  /// Aligns the segments of one document and reports the units it is unsure of with the
  /// rival reading.
  public func alignment(of labelled: [Segment], firstUnitID: Int = 1) -> Alignment {
    let segments = labelled.map(roleScript)
    let repeats = Self.pullQuotes(segments)
    var groups: [Group] = []

    // Content segments in document order; their places measure adjacency.
    var place = [Int](repeating: -1, count: segments.count)
    var english: [Int] = []
    var chineseSegments: [Int] = []
    var content = 0
    for (index, segment) in segments.enumerated() {
      if segment.script == .latin, repeats[index] == nil {
        english.append(index)
      } else if segment.script.isChinese {
        chineseSegments.append(index)
      } else {
        groups.append(Group(members: [index], confidence: 1, repeatOf: repeats[index]))
        continue
      }
      place[index] = content
      content += 1
    }

    // 1. Simplified ↔ Traditional twins.
    var chinese = pairTwins(chineseSegments, segments)

    // 2. English ↔ Chinese units.
    // Segments split from one source line (a bilingual title) keep to that line.
    struct SourceLine: Hashable {
      var file: String
      var line: Int
      init(_ segment: Segment) { (file, line) = (segment.file, segment.range.start.line) }
    }
    var lineCount: [SourceLine: Int] = [:]
    for segment in segments { lineCount[SourceLine(segment), default: 0] += 1 }
    func sharedLine(_ index: Int) -> Int? {
      let key = SourceLine(segments[index])
      return lineCount[key, default: 0] > 1 ? key.hashValue : nil
    }
    let lexicon = usesLexicon && !english.isEmpty && !chinese.isEmpty ? Lexicon.shipped : nil
    let englishEvidence = english.map { index in
      var evidence = EnglishEvidence(segments[index], place: place[index])
      evidence.sharedLine = sharedLine(index)
      if lexicon != nil { evidence.stems = Lexicon.stems(in: segments[index].text) }
      return evidence
    }
    var chineseEvidence = chinese.map { unit -> ChineseEvidence in
      let representative = unit.members.max {
        segments[$0].text.unicodeScalars.count < segments[$1].text.unicodeScalars.count
      }!
      var evidence = ChineseEvidence(
        segments[representative], first: unit.members.map { place[$0] }.min()!,
        last: unit.members.map { place[$0] }.max()!)
      let lines = Set(unit.members.map(sharedLine))
      if lines.count == 1, let line = lines.first { evidence.sharedLine = line }
      if let lexicon {
        evidence.words = lexicon.words(in: segments[representative].text, variants: variants)
      }
      return evidence
    }
    let adjacencyBonus = Self.adjacencyBonus(chinese: chineseEvidence, english: englishEvidence)
    if adjacencyBonus > 0 {
      let order = Self.documentOrder(chinese)
      chinese = order.map { chinese[$0] }
      chineseEvidence = order.map { chineseEvidence[$0] }
    }
    var scorer = TranslationScorer(
      english: englishEvidence, chinese: chineseEvidence, charactersPerHan: charactersPerHan,
      adjacencyBonus: adjacencyBonus)
    let search = BeadSearch()
    // A document small enough to search in full needs no anchors: the full search weighs
    // every reading, including a paragraph translated out of order whose distinctive word
    // would otherwise pin it to the wrong place.
    let long = (english.count + 1) * (chinese.count + 1) > search.fullSearchLimit
    let gates =
      usesHardAnchors && long ? HardAnchors.gates(english: englishEvidence, chinese: chineseEvidence) : []
    var lattice = search.align(scorer, gates: gates)
    if let calibrated = Self.calibrate(lattice, scorer), abs(calibrated - scorer.charactersPerHan) > 0.2 {
      scorer.charactersPerHan = calibrated
      lattice = search.align(scorer, gates: gates)
    }
    var uncertain: [(group: Int, rival: [Int], probability: Double)] = []
    for bead in Self.decoded(lattice, scorer) {
      let probability = lattice.readingPosterior(bead, scorer)
      var members = english[bead.row..<(bead.row + bead.rows)].map { $0 }
      var confidence = probability
      for column in bead.column..<(bead.column + bead.columns) {
        members += chinese[column].members
        confidence *= chinese[column].confidence
      }
      groups.append(Group(members: members, confidence: confidence, repeatOf: nil))
      if confidence < uncertaintyThreshold {
        var rival: [Int] = []
        var rivalProbability = 0.0
        if probability < uncertaintyThreshold, let other = lattice.rival(of: bead, scorer) {
          rival = english[other.bead.row..<(other.bead.row + other.bead.rows)].map { $0 }
          for column in other.bead.column..<(other.bead.column + other.bead.columns) {
            rival += chinese[column].members
          }
          rivalProbability = other.probability
        } else if let twin = chinese[bead.column..<(bead.column + bead.columns)].first(where: { $0.rival != nil }) {
          rival = twin.rival!.members
          rivalProbability = twin.rival!.probability
        }
        uncertain.append((groups.count - 1, rival, rivalProbability))
      }
    }
    return Self.assemble(groups, uncertain: uncertain, segments: segments, firstUnitID: firstUnitID)
  }

  /// The segment with the script it plays in alignment: a Chinese paragraph quoting so
  /// many commands or names that its label is `Latn` is still a Chinese paragraph.
  private func roleScript(_ segment: Segment) -> Segment {
    guard segment.script == .latin else { return segment }
    var han = 0
    var letters = 0
    var simplified = 0
    var traditional = 0
    for scalar in segment.text.unicodeScalars {
      if HanVariants.isHanIdeograph(scalar) {
        han += 1
        if variants.isSimplifiedOnly(scalar) { simplified += 1 }
        if variants.isTraditionalOnly(scalar) { traditional += 1 }
      } else if Characters.isAlphabetic(scalar) {
        letters += 1
      }
    }
    guard han >= 2, han * 15 >= letters else { return segment }
    var result = segment
    result.script = simplified > traditional ? .simplified : (traditional > simplified ? .traditional : .han)
    return result
  }

  /// The best path, with a translation bead split into paragraphs left alone when each of
  /// them is more probably alone than in that bead (the path and the marginals disagree).
  static func decoded(_ lattice: Lattice, _ scorer: TranslationScorer) -> [Bead] {
    lattice.path.flatMap { bead -> [Bead] in
      guard bead.rows > 0, bead.columns > 0 else { return [bead] }
      let probability = lattice.readingPosterior(bead, scorer)
      guard probability < 0.5 else { return [bead] }
      let alone =
        (0..<bead.rows).map { Bead(row: bead.row + $0, rows: 1, column: bead.column, columns: 0) }
        + (0..<bead.columns).map { Bead(row: bead.row + bead.rows, rows: 0, column: bead.column + $0, columns: 1) }
      return alone.allSatisfy { lattice.readingPosterior($0, scorer) > probability } ? alone : [bead]
    }
  }

  /// A unit under construction: indices into the segment array.
  struct Group {
    var members: [Int]
    var confidence: Double
    var repeatOf: Int?
    var rival: (members: [Int], probability: Double)?
  }

  /// Pairs Simplified and Traditional segments; undetermined Han segments join the stream
  /// their neighbours say they belong to.
  private func pairTwins(_ indices: [Int], _ segments: [Segment]) -> [Group] {
    var simplified: [Int] = []
    var traditional: [Int] = []
    let sketches = Dictionary(
      uniqueKeysWithValues: indices.map { ($0, TwinSketch(segments[$0].text, variants: variants)) })
    var identical: [[UInt32]: [Int]] = [:]
    for index in indices where segments[index].script == .han {
      identical[sketches[index]!.hashes, default: []].append(index)
    }
    for index in indices where segments[index].script != .han {
      if identical[sketches[index]!.hashes] != nil { identical[sketches[index]!.hashes]!.append(index) }
    }
    for (offset, index) in indices.enumerated() {
      switch segments[index].script {
      case .simplified: simplified.append(index)
      case .traditional: traditional.append(index)
      default:
        let previous = offset > 0 ? indices[offset - 1] : nil
        let next = offset + 1 < indices.count ? indices[offset + 1] : nil
        func twin(_ other: Int?) -> Bool {
          guard let other, abs(other - index) == 1 else { return false }
          return sketches[index]!.similarity(sketches[other]!) > 0.5
        }
        if let previous, twin(previous), simplified.last == previous {
          traditional.append(index)
        } else if let next, twin(next), segments[next].script != .simplified {
          simplified.append(index)
        } else if let previous, twin(previous) {
          simplified.append(index)
        } else {
          // The variety most of the nearest determined neighbours have (blocks and
          // single-language files); on a tie, the later of two identical texts is Traditional.
          var votes = 0
          for direction in [-1, 1] {
            var found = 0
            var neighbour = offset + direction
            while found < 4, indices.indices.contains(neighbour) {
              let script = segments[indices[neighbour]].script
              if script == .simplified { votes -= 1 }
              if script == .traditional { votes += 1 }
              if script != .han { found += 1 }
              neighbour += direction
            }
          }
          var choice: Script = votes > 0 ? .traditional : .simplified
          if votes == 0, let partner = identical[sketches[index]!.hashes]?.first(where: { $0 != index }),
            partner < index
          {
            choice = .traditional
          }
          if choice == .traditional { traditional.append(index) } else { simplified.append(index) }
        }
      }
    }
    let scorer = TwinScorer(
      simplified: simplified.map { sketches[$0]! }, traditional: traditional.map { sketches[$0]! })
    var search = BeadSearch()
    search.shapes = [(1, 1), (1, 0), (0, 1)]
    let lattice = search.align(scorer)
    return lattice.path.map { bead in
      let members =
        simplified[bead.row..<(bead.row + bead.rows)] + traditional[bead.column..<(bead.column + bead.columns)]
      let probability = lattice.readingPosterior(bead, scorer)
      var group = Group(members: members.sorted(), confidence: probability, repeatOf: nil)
      if probability < uncertaintyThreshold, let rival = lattice.rival(of: bead, scorer) {
        let rivalMembers =
          simplified[rival.bead.row..<(rival.bead.row + rival.bead.rows)]
          + traditional[rival.bead.column..<(rival.bead.column + rival.bead.columns)]
        group.rival = (rivalMembers.sorted(), rival.probability)
      }
      return group
    }
  }

  /// An order of the twin units with each run of lone paragraphs (a Simplified one without
  /// its Traditional twin next to a Traditional one without its Simplified twin, which the
  /// twin search may emit in either order) in document order: right for an interleaved
  /// document, where the English between them says which comes first.
  static func documentOrder(_ groups: [Group]) -> [Int] {
    var result = Array(groups.indices)
    var start = 0
    while start < result.count {
      var end = start
      while end < result.count, groups[end].members.count == 1 { end += 1 }
      if end - start > 1 { result[start..<end].sort { groups[$0].members[0] < groups[$1].members[0] } }
      start = end + 1
    }
    return result
  }

  /// Adjacency counts as evidence when most Chinese units sit next to an English paragraph
  /// (an interleaved document), not when the languages come in blocks or files.
  static func adjacencyBonus(chinese: [ChineseEvidence], english: [EnglishEvidence]) -> Double {
    guard !chinese.isEmpty, !english.isEmpty else { return 0 }
    let englishPlaces = Set(english.map(\.first))
    let adjacent = chinese.filter { englishPlaces.contains($0.first - 1) || englishPlaces.contains($0.last + 1) }.count
    let share = Double(adjacent) / Double(chinese.count)
    return 1.5 * min(1, max(0, (share - 0.3) / 0.4))
  }

  /// English characters per Han character over the confident 1-1 beads.
  static func calibrate(_ lattice: Lattice, _ scorer: TranslationScorer) -> Double? {
    var ratios: [Double] = []
    for bead in lattice.path where bead.rows == 1 && bead.columns == 1 {
      let chinese = scorer.chinese[bead.column]
      let length = scorer.english[bead.row].length - chinese.other
      guard chinese.han >= 8, length > 0, lattice.posterior(bead, scorer) > 0.8 else { continue }
      ratios.append(length / chinese.han)
    }
    guard ratios.count >= 5 else { return nil }
    ratios.sort()
    return min(6, max(2, ratios[ratios.count / 2]))
  }

  /// English paragraphs that repeat part of a nearby paragraph of the same script (pull
  /// quotes), mapped to the repeated one.
  static func pullQuotes(_ segments: [Segment]) -> [Int?] {
    var repeats = [Int?](repeating: nil, count: segments.count)
    let normalized = segments.map { $0.script == .latin ? Self.normalized($0.text) : [] }
    for index in segments.indices where segments[index].script == .latin {
      let quote = normalized[index]
      guard quote.count >= 20 else { continue }
      for other in max(0, index - 4)...min(segments.count - 1, index + 4) where other != index {
        let text = normalized[other]
        if repeats[other] == nil, text.count > quote.count, Self.contains(text, quote) {
          repeats[index] = other
          break
        }
      }
    }
    return repeats
  }

  /// Whether `text` holds `pattern`, in linear time (Knuth–Morris–Pratt): a naive search
  /// takes hours on long repetitive paragraphs.
  static func contains(_ text: [Unicode.Scalar], _ pattern: [Unicode.Scalar]) -> Bool {
    guard !pattern.isEmpty else { return true }
    var failure = [Int](repeating: 0, count: pattern.count)
    var matched = 0
    for index in pattern.indices.dropFirst() {
      while matched > 0, pattern[index] != pattern[matched] { matched = failure[matched - 1] }
      if pattern[index] == pattern[matched] { matched += 1 }
      failure[index] = matched
    }
    matched = 0
    for scalar in text {
      while matched > 0, scalar != pattern[matched] { matched = failure[matched - 1] }
      if scalar == pattern[matched] { matched += 1 }
      if matched == pattern.count { return true }
    }
    return false
  }

  /// The letters and digits of a text, lowercased.
  private static func normalized(_ text: String) -> [Unicode.Scalar] {
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar.value < 0x80 {
        let value = scalar.value
        if (value | 0x20) &- 0x61 < 26 {
          result.append(Unicode.Scalar(UInt8(value | 0x20)))
        } else if value &- 0x30 < 10 {
          result.append(scalar)
        }
      } else if Characters.isAlphabetic(scalar) {
        result += scalar.properties.lowercaseMapping.unicodeScalars
      }
    }
    return result
  }

  /// Numbers the groups as units in document order.
  private static func assemble(
    _ groups: [Group], uncertain: [(group: Int, rival: [Int], probability: Double)], segments: [Segment],
    firstUnitID: Int
  ) -> Alignment {
    let order = groups.indices.sorted { groups[$0].members.min()! < groups[$1].members.min()! }
    var unitOfSegment = [Int](repeating: 0, count: segments.count)
    var unitOfGroup = [Int](repeating: 0, count: groups.count)
    for (offset, group) in order.enumerated() {
      unitOfGroup[group] = firstUnitID + offset
      for member in groups[group].members { unitOfSegment[member] = firstUnitID + offset }
    }
    let units = order.map { index -> Unit in
      let group = groups[index]
      let members = group.members.sorted()
      let scripts = Set(members.map { segments[$0].script })
      var bySlot: [Script: [Int]] = [:]
      for member in members {
        var slot = segments[member].script
        if slot == .han, members.count > 1 {
          // An undetermined Han twin takes the variety its partner lacks.
          slot =
            scripts.contains(.simplified) ? .traditional : (scripts.contains(.traditional) ? .simplified : .han)
        }
        bySlot[slot, default: []].append(segments[member].id)
      }
      return Unit(
        id: unitOfGroup[index], segments: bySlot, confidence: (group.confidence * 1000).rounded() / 1000,
        repeatOf: group.repeatOf.map { unitOfSegment[$0] })
    }
    let uncertainties = uncertain.map { entry in
      Alignment.Uncertainty(
        unit: unitOfGroup[entry.group], confidence: groups[entry.group].confidence,
        rival: entry.rival.sorted().map { segments[$0].id }, rivalProbability: entry.probability)
    }
    return Alignment(units: units, uncertainties: uncertainties.sorted { $0.unit < $1.unit })
  }
}

/// The aligner's answer for one document: units, and the ones it is unsure of.
public struct Alignment: Sendable {
  /// A unit whose confidence is under the threshold, with the most probable other reading.
  public struct Uncertainty: Sendable, Hashable {
    /// The unit's id.
    public var unit: Int
    /// The unit's confidence.
    public var confidence: Double
    /// The segment ids of the rival reading's unit (empty when there is none).
    public var rival: [Int]
    /// The probability of the rival reading.
    public var rivalProbability: Double
  }

  /// Units in document order.
  public var units: [Unit]
  /// Units under the confidence threshold.
  public var uncertainties: [Uncertainty]

  /// `uncertain-alignment` findings for the uncertain units, at their first segment.
  public func findings(segment: (Int) -> Segment?) -> [Finding] {
    uncertainties.compactMap { uncertainty -> Finding? in
      guard let unit = units.first(where: { $0.id == uncertainty.unit }),
        let first = unit.segmentIDs.first.flatMap(segment)
      else { return nil }
      let files = Set(unit.segmentIDs.compactMap { segment($0)?.file })
      func describe(_ ids: [Int]) -> String {
        ids.compactMap(segment).map { segment in
          let place = files.count > 1 || segment.file != first.file ? "\(segment.file):" : "line "
          return "\(place)\(segment.range.start.line) (\(segment.script))"
        }
        .joined(separator: " + ")
      }
      let confidence = Self.twoDecimals(uncertainty.confidence)
      var message = "Alignment of \(describe(unit.segmentIDs)) is uncertain (\(confidence))"
      if !uncertainty.rival.isEmpty {
        message +=
          "; rival reading: \(describe(uncertainty.rival)) as one unit (\(Self.twoDecimals(uncertainty.rivalProbability)))"
      }
      return Rule.uncertainAlignment.finding(first.range, message, unit: unit.id)
    }
  }

  /// A probability from 0 to 1 with two decimals, as `%.2f` writes it (0.5 → `0.50`): the
  /// exact binary value rounded, ties to even (0.125 → `0.12`, 0.005 → `0.01`, for 0.005 is a
  /// little over 0.005 in binary). The value is `significand × 2^exponent`, and the significand
  /// times 100 fits in 64 bits.
  static func twoDecimals(_ value: Double) -> String {
    let value = min(max(value, 0), 1)
    var hundredths = 100
    if value < 1 {
      hundredths = 0
      let shift = value.isNormal ? 52 - Int(value.exponent) : 64
      if shift < 64 {
        let scaled = (value.significandBitPattern | (1 << 52)) * 100
        let rest = scaled & ((1 << shift) - 1)
        let half: UInt64 = 1 << (shift - 1)
        hundredths = Int(scaled >> shift)
        if rest > half || (rest == half && hundredths % 2 == 1) { hundredths += 1 }
      }
    }
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

}
