/// Runs every check over an aligned document and returns its findings in source order.
public struct Checker: Sendable {
  private let conversion: ConversionCheck
  private let regionalVariant: RegionalVariantCheck
  private let quoteStyle = QuoteStyleCheck()
  private let missingTranslation = MissingTranslationCheck()

  /// Creates a checker for a Traditional standard over the given Han variant tables.
  public init(standard: TraditionalStandard = .generic, variants: HanVariants = .icu) {
    conversion = ConversionCheck(standard: standard, variants: variants)
    regionalVariant = RegionalVariantCheck(standard: standard)
  }

  /// The findings for a document whose segments are labelled and units aligned.
  public func check(_ document: Document) -> [Finding] {
    var findings: [Finding] = []
    findings += missingTranslation.check(units: document.units, segment: document.segment)
    for unit in document.units {
      let simplified = unit.segments[.simplified] ?? []
      let traditional = unit.segments[.traditional] ?? []
      for (hans, hant) in zip(simplified, traditional) {
        guard let hans = document.segment(hans), let hant = document.segment(hant) else { continue }
        findings += conversion.check(simplified: hans, traditional: hant, unit: unit.id)
      }
      // Simplified text must not hold Traditional-only characters; Traditional text without
      // a twin is checked for Simplified-only ones (with a twin, the pair check does it).
      let paired = min(simplified.count, traditional.count)
      for id in simplified + traditional.dropFirst(paired) {
        guard let segment = document.segment(id) else { continue }
        findings += conversion.wrongVariety(in: segment, unit: unit.id)
      }
      for id in unit.segmentIDs {
        guard let segment = document.segment(id), segment.script.isChinese else { continue }
        if let finding = quoteStyle.check(segment, unit: unit.id) { findings.append(finding) }
        findings += regionalVariant.check(segment, unit: unit.id)
      }
    }
    return findings.sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
  }
}
