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
  public func check(_ document: Document) -> [Finding] { check(document, plainlyFaithful: nil) }

  /// The findings for a document whose units are pairs already sorted when `plainlyFaithful`
  /// is given: the units in it are plainly faithful
  /// (``ConversionCheck/isPlainlyFaithful(simplified:traditional:)``), the others are not,
  /// so neither is asked again.
  func check(_ document: Document, plainlyFaithful: Set<Int>?) -> [Finding] {
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
          units[ConcurrentChunks.range($0, of: chunks, total: units.count)], of: document, large,
          plainlyFaithful: plainlyFaithful)
      })
    {
      findings += chunk
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
  /// (not plainly faithful). The units kept go to ``check(_:plainlyFaithful:)`` with the
  /// marked ones as the plainly faithful. Nil when the original is Traditional (no plain
  /// path). Works out, once, the context dependence the plain path needs.
  func pairSorter() -> PairSetReader.PairSorter? {
    guard conversion.direction == .simplifiedToTraditional else { return nil }
    let dependence = conversion.contextDependence
    return { [conversion, regionalVariant] hans, hant in
      guard conversion.isPlainlyFaithful(simplifiedUTF8: hans, traditionalUTF8: hant, dependence) else {
        return .keep
      }
      let clean =
        !QuoteStyleCheck.mayMixQuotes(utf8: hans) && !QuoteStyleCheck.mayMixQuotes(utf8: hant)
        && !regionalVariant.mayFind(inUTF8: hant)
      return clean ? .omit : .keepMarked
    }
  }

  /// How many units a document needs before the plain path pays for its set-up: a pair
  /// saves about 13 k instructions on it (callgrind, a pair set of 20-character pairs).
  static let unitsWorthPlainPath = 1_000

  /// The per-unit findings of some units, in unit order; `large` when the document is large
  /// enough for the plain path.
  private func check(
    _ units: ArraySlice<Unit>, of document: Document, _ large: Bool, plainlyFaithful: Set<Int>?
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
        let isPlain: Bool
        if let plainlyFaithful, simplified.count == 1, traditional.count == 1 {
          // Sorted as it was read: the plain path has answered already.
          isPlain = plainlyFaithful.contains(unit.id)
        } else {
          if !askedForDependence {
            askedForDependence = true
            dependence = large ? conversion.contextDependence : conversion.contextDependenceIfComputed
          }
          isPlain =
            dependence.map { conversion.isPlainlyFaithful(simplified: hans.text, traditional: hant.text, $0) } ?? false
        }
        if isPlain {
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
        guard let segment = document.segment(id), segment.script.isChinese else { continue }
        if let finding = quoteStyle.check(segment, unit: unit.id) { findings.append(finding) }
        findings += regionalVariant.check(segment, unit: unit.id)
      }
    }
    return findings
  }
}
