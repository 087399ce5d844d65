/// Runs every check over an aligned document and returns its findings in source order.
public struct Checker: Sendable {
  private let conversion: ConversionCheck
  private let regionalVariant: RegionalVariantCheck
  private let quoteStyle = QuoteStyleCheck()
  private let missingTranslation = MissingTranslationCheck()

  /// Creates a checker for a Traditional standard and conversion direction over the given
  /// Han variant tables.
  public init(
    standard: TraditionalStandard = .generic, direction: ConversionDirection = .simplifiedToTraditional,
    variants: HanVariants = .icu
  ) {
    conversion = ConversionCheck(standard: standard, direction: direction, variants: variants)
    regionalVariant = RegionalVariantCheck(standard: standard)
  }

  /// The findings for a document whose segments are labelled and units aligned.
  public func check(_ document: Document) -> [Finding] {
    var findings: [Finding] = []
    findings += missingTranslation.check(units: document.units, segment: document.segment)
    // Units are checked one by one, independently: a long document's units are checked in
    // chunks on all cores, and the chunks' findings joined in unit order.
    let units = document.units
    let large = units.count >= Self.unitsWorthPlainPath
    let chunks = ConcurrentChunks.count(items: units.count, minimumSize: 1_000)
    for chunk in ConcurrentChunks.map(
      chunks,
      {
        check(
          units[ConcurrentChunks.range($0, of: chunks, total: units.count)], of: document, large)
      })
    {
      findings += chunk
    }
    return findings.sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
  }

  /// The findings for a pair set's document, whose units are its pairs in order: unit k
  /// holds segments 2k and 2k + 1 (Simplified, then Traditional). `plainlyFaithful`: the
  /// units the pair sorter found plainly faithful (the others are not), or nil when the pairs
  /// were not sorted. Every unit has both texts, so none misses a translation. The same
  /// findings as ``check(_:)``, without looking units' segments up by script and id.
  func checkPairs(_ document: Document, plainlyFaithful: Set<Int>?) -> [Finding] {
    guard let plainlyFaithful else { return check(document) }
    var findings: [Finding] = []
    let segments = document.segments
    for (index, unit) in document.units.enumerated() {
      let (hans, hant) = (segments[2 * index], segments[2 * index + 1])
      if !plainlyFaithful.contains(unit.id) {
        findings += conversion.check(simplified: hans, traditional: hant, unit: unit.id)
        findings += conversion.wrongVariety(
          in: conversion.direction == .simplifiedToTraditional ? hans : hant, unit: unit.id)
      }
      appendSegmentFindings(hans, unit: unit.id, to: &findings)
      appendSegmentFindings(hant, unit: unit.id, to: &findings)
    }
    return findings.sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
  }

  /// Sorts a pair set's pairs as they are read (their two fields' valid UTF-8, Simplified
  /// then Traditional), before any segment is made: `.omit` when checking a document holding
  /// the pair as a unit would find nothing for it (the pair is plainly faithful, neither text
  /// mixes quotation styles and the Traditional one has no regional form to report);
  /// `.keepMarked` when it is plainly faithful but has one of those to report; else `.keep`
  /// (not plainly faithful). The units kept go to ``checkPairs(_:plainlyFaithful:)`` with the
  /// marked ones as the plainly faithful. Nil when the original is Traditional (no plain
  /// path). Works out, once, the context dependence the plain path needs.
  func pairSorter() -> PairSetReader.PairSorter? {
    guard conversion.direction == .simplifiedToTraditional else { return nil }
    let dependence = conversion.contextDependence
    let tables = conversion.conversionTables
    return { [conversion, regionalVariant] hans, hant in
      // The plain path notes the quotation marks and possible regional forms as it decodes
      // the texts: the other checks look again only when it saw some.
      var traits = ConversionCheck.PairTraits()
      guard
        conversion.isPlainlyFaithful(
          simplifiedUTF8: hans, traditionalUTF8: hant, dependence, tables, traits: &traits)
      else { return .keep }
      let clean = !traits.mixesQuotes && !(traits.mayHaveRegionalForm && regionalVariant.mayFind(inUTF8: hant))
      return clean ? .omit : .keepMarked
    }
  }

  /// How many units a document needs before the plain path pays for its set-up: a pair
  /// saves about 13 k instructions on it (callgrind, a pair set of 20-character pairs).
  static let unitsWorthPlainPath = 1_000

  /// The per-unit findings of some units, in unit order; `large` when the document is large
  /// enough for the plain path.
  private func check(
    _ units: ArraySlice<Unit>, of document: Document, _ large: Bool
  ) -> [Finding] {
    var findings: [Finding] = []
    // Plainly faithful pairs skip the close comparison. What that needs is worked out once
    // (about 16 M instructions) when a large document first has a pair (documents without
    // Chinese never load the tables), and used by any document once it exists.
    var dependence: ContextDependence?
    var askedForDependence = false
    for unit in units {
      let simplified = unit.segments[.simplified] ?? []
      let traditional = unit.segments[.traditional] ?? []
      // Pairs (the first 64) that are plainly faithful: nothing to find in their originals
      // either. A bit set, not a list: no allocation per unit.
      var plainPairs: UInt64 = 0
      for (index, (hans, hant)) in zip(simplified, traditional).enumerated() {
        guard let hans = document.segment(hans), let hant = document.segment(hant) else { continue }
        if !askedForDependence {
          askedForDependence = true
          dependence = large ? conversion.contextDependence : conversion.contextDependenceIfComputed
        }
        if let dependence, conversion.isPlainlyFaithful(simplified: hans.text, traditional: hant.text, dependence) {
          if index < 64 { plainPairs |= 1 << index }
          continue
        }
        findings += conversion.check(simplified: hans, traditional: hant, unit: unit.id)
      }
      // The original text must not hold the other variety's characters; a checked text
      // without its twin is checked alone (with a twin, the pair check does it).
      let paired = min(simplified.count, traditional.count)
      let (originals, checked) =
        conversion.direction == .simplifiedToTraditional ? (simplified, traditional) : (traditional, simplified)
      for (index, id) in originals.enumerated() where index >= 64 || plainPairs & (1 << index) == 0 {
        guard let segment = document.segment(id) else { continue }
        findings += conversion.wrongVariety(in: segment, unit: unit.id)
      }
      for id in checked.dropFirst(paired) {
        guard let segment = document.segment(id) else { continue }
        findings += conversion.wrongVariety(in: segment, unit: unit.id)
      }
      for id in unit.segmentIDs {
        guard let segment = document.segment(id) else { continue }
        appendSegmentFindings(segment, unit: unit.id, to: &findings)
      }
    }
    return findings
  }

  /// Appends the findings of one segment of a unit alone: mixed quotation marks and
  /// regional forms, for Chinese text.
  private func appendSegmentFindings(_ segment: Segment, unit: Int, to findings: inout [Finding]) {
    guard segment.script.isChinese else { return }
    if let finding = quoteStyle.check(segment, unit: unit) { findings.append(finding) }
    findings += regionalVariant.check(segment, unit: unit)
  }
}
