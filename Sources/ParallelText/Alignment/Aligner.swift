/// Groups labelled segments into units, one row per meaning: Simplified and Traditional
/// twins first (near-identical under conversion), then each Chinese group with the
/// English paragraph next to it when length, sentence ends and shared numbers or Latin
/// words say they translate each other.
public struct Aligner: Sendable {
  private let variants: HanVariants
  /// The evidence score under which a Chinese group is not attached to an English paragraph.
  public var minimumScore = 0.5
  /// The conversion similarity over which adjacent Hans and Hant segments are twins.
  public var minimumTwinSimilarity = 0.5

  /// Creates an aligner over the given Han variant tables.
  public init(variants: HanVariants = .icu) { self.variants = variants }

  /// Aligns the segments of one document (in document order) into units numbered from
  /// `firstUnitID`.
  public func align(_ segments: [Segment], firstUnitID: Int = 1) -> [Unit] {
    var items = groupTwins(segments)
    markRepeats(&items)
    attachTranslations(&items)
    return units(from: items, firstUnitID: firstUnitID)
  }

  /// A unit under construction.
  struct Item {
    var segments: [Segment]
    var isChinese: Bool
    var confidence = 1.0
    var repeatOf: Int?
    var absorbed = false
    /// The largest probability of a rejected reading that attached a Chinese group here.
    var strongestRejected = 0.0
  }

  private func groupTwins(_ segments: [Segment]) -> [Item] {
    var items: [Item] = []
    var index = 0
    while index < segments.count {
      let segment = segments[index]
      if segment.script.isChinese, index + 1 < segments.count, segments[index + 1].script.isChinese,
        segments[index + 1].script != segment.script || segment.script == .han
      {
        let similarity = twinSimilarity(segment, segments[index + 1])
        if similarity >= minimumTwinSimilarity {
          items.append(Item(segments: [segment, segments[index + 1]], isChinese: true, confidence: similarity))
          index += 2
          continue
        }
      }
      items.append(Item(segments: [segment], isChinese: segment.script.isChinese))
      index += 1
    }
    return items
  }

  private func twinSimilarity(_ first: Segment, _ second: Segment) -> Double {
    let (simplified, traditional) = first.script == .traditional ? (second, first) : (first, second)
    return VariantComparison(
      simplified: Array(simplified.text.unicodeScalars), traditional: Array(traditional.text.unicodeScalars),
      variants: variants
    ).similarity
  }

  /// A pull quote repeats (part of) a nearby paragraph of the same script.
  private func markRepeats(_ items: inout [Item]) {
    for index in items.indices where items[index].segments.count == 1 && !items[index].isChinese {
      let quote = Self.normalized(items[index].segments[0].text)
      guard quote.count >= 20 else { continue }
      let window = max(0, index - 3)...min(items.count - 1, index + 3)
      for other in window where other != index && items[other].segments.count == 1 {
        let candidate = items[other].segments[0]
        guard candidate.script == items[index].segments[0].script else { continue }
        let text = Self.normalized(candidate.text)
        if text.count > quote.count, Self.contains(text, quote) {
          items[index].repeatOf = other
          break
        }
      }
    }
  }

  /// Whether `text` holds `pattern` (as Unicode scalars), in linear time (Knuth–Morris–Pratt):
  /// `String.contains` compares naively, which takes hours on long repetitive paragraphs.
  static func contains(_ text: String, _ pattern: String) -> Bool {
    let pattern = Array(pattern.unicodeScalars)
    guard !pattern.isEmpty else { return true }
    var failure = [Int](repeating: 0, count: pattern.count)
    var matched = 0
    for index in pattern.indices.dropFirst() {
      while matched > 0, pattern[index] != pattern[matched] { matched = failure[matched - 1] }
      if pattern[index] == pattern[matched] { matched += 1 }
      failure[index] = matched
    }
    matched = 0
    for scalar in text.unicodeScalars {
      while matched > 0, scalar != pattern[matched] { matched = failure[matched - 1] }
      if scalar == pattern[matched] { matched += 1 }
      if matched == pattern.count { return true }
    }
    return false
  }

  private static func normalized(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.filter { $0.properties.isAlphabetic || ($0.value >= 0x30 && $0.value <= 0x39) })
    )
    .lowercased()
  }

  /// Attaches each Chinese group to the English paragraph before it (preferred: translations
  /// usually follow) or after it, when the evidence is strong enough.
  private func attachTranslations(_ items: inout [Item]) {
    let precedingPrior = 1.0
    let followingPrior = 0.8
    for index in items.indices where items[index].isChinese {
      // The readings: this group translates the English paragraph before it, the one after
      // it, or neither (scored at the threshold). Each reading's share of the squared
      // scores is its probability.
      var readings: [(target: Int?, score: Double)] = [(nil, minimumScore)]
      for (target, prior) in [(index - 1, precedingPrior), (index + 1, followingPrior)] {
        guard items.indices.contains(target), isOpenEnglish(items[target]) else { continue }
        let english = items[target].segments[0]
        let scores = items[index].segments.map { TranslationEvidence.score(english: english, chinese: $0) }
        readings.append((target, prior * scores.reduce(0, +) / Double(scores.count)))
      }
      let total = readings.reduce(0) { $0 + $1.score * $1.score }
      let best = readings.max { $0.score < $1.score || ($0.score == $1.score && $0.target == nil) }!
      for reading in readings where reading.target != best.target {
        guard let target = reading.target else { continue }
        items[target].strongestRejected = max(items[target].strongestRejected, reading.score * reading.score / total)
      }
      let probability = best.score * best.score / total
      guard let target = best.target else {
        items[index].confidence *= probability
        continue
      }
      items[index].absorbed = true
      items[target].segments += items[index].segments
      items[target].confidence = items[index].confidence * probability
    }
    for index in items.indices where !items[index].isChinese && items[index].segments.count == 1 {
      items[index].confidence = 1 - items[index].strongestRejected
    }
  }

  private func isOpenEnglish(_ item: Item) -> Bool {
    !item.isChinese && item.segments.count == 1 && item.repeatOf == nil && !item.absorbed
      && item.segments[0].script != .common
  }

  private func units(from items: [Item], firstUnitID: Int) -> [Unit] {
    let kept = items.indices.filter { !items[$0].absorbed }
    var unitID: [Int: Int] = [:]
    for (offset, index) in kept.enumerated() { unitID[index] = firstUnitID + offset }
    return kept.map { index in
      let item = items[index]
      var bySlot: [Script: [Int]] = [:]
      let scripts = Set(item.segments.map(\.script))
      for segment in item.segments {
        var slot = segment.script
        if slot == .han, item.segments.count > 1 {
          // An undetermined Han twin takes the variety its partner lacks.
          slot = scripts.contains(.simplified) ? .traditional : (scripts.contains(.traditional) ? .simplified : .han)
        }
        bySlot[slot, default: []].append(segment.id)
      }
      return Unit(
        id: unitID[index]!, segments: bySlot, confidence: (item.confidence * 1000).rounded() / 1000,
        repeatOf: item.repeatOf.flatMap { unitID[$0] })
    }
  }
}
