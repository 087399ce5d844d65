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
    let chunks = ConcurrentChunks.count(items: units.count, minimumSize: 1_000)
    for chunk in ConcurrentChunks.map(
      chunks, { check(units[ConcurrentChunks.range($0, of: chunks, total: units.count)], of: document) })
    {
      findings += chunk
    }
    return findings.sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
  }

  /// The per-unit findings of some units, in unit order.
  private func check(_ units: ArraySlice<Unit>, of document: Document) -> [Finding] {
    var findings: [Finding] = []
    for unit in units {
      let simplified = unit.segments[.simplified] ?? []
      let traditional = unit.segments[.traditional] ?? []
      for (hans, hant) in zip(simplified, traditional) {
        guard let hans = document.segment(hans), let hant = document.segment(hant) else { continue }
        findings += conversion.check(simplified: hans, traditional: hant, unit: unit.id)
      }
      // The original text must not hold the other variety's characters; a checked text
      // without its twin is checked alone (with a twin, the pair check does it).
      let paired = min(simplified.count, traditional.count)
      let (originals, checked) =
        conversion.direction == .simplifiedToTraditional ? (simplified, traditional) : (traditional, simplified)
      for id in originals {
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
