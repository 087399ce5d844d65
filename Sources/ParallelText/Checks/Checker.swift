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
    for unit in document.units {
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
      for id in originals + checked.dropFirst(paired) {
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
