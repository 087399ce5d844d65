/// Finds units that lack a script the document uses for its translations: a Simplified
/// paragraph without its Traditional twin (or the reverse), and, in a document that
/// translates most of its English paragraphs, an English paragraph left untranslated.
public struct MissingTranslationCheck: Sendable {
  /// The share of translated English units above which an untranslated one is flagged.
  public var translatedShare = 0.5

  /// Creates the check.
  public init() {}

  /// Findings for the units of one document.
  public func check(units: [Unit], segment: (Int) -> Segment?) -> [Finding] {
    let translated = units.filter { $0.scripts.count > 1 && $0.repeatOf == nil }
    let translationScripts = Set(translated.flatMap(\.scripts))
    let chineseScripts = translationScripts.filter { $0 == .simplified || $0 == .traditional }
    let englishUnits = units.filter { $0.scripts.contains(.latin) && $0.repeatOf == nil }
    let englishTranslated = englishUnits.filter { $0.scripts.count > 1 }.count
    let flagEnglishOnly =
      !englishUnits.isEmpty && Double(englishTranslated) / Double(englishUnits.count) > translatedShare
    var findings: [Finding] = []
    for unit in units where unit.repeatOf == nil {
      let present = Set(unit.scripts)
      let hasChinese = present.contains { $0.isChinese }
      var missing: [Script] = []
      if hasChinese {
        missing = chineseScripts.subtracting(present).sorted()
        if present.contains(.han), !missing.isEmpty { missing.removeLast() }
      } else if present == [.latin], flagEnglishOnly {
        missing = translationScripts.subtracting(present).sorted()
      }
      // Point at the paragraph whose twin is missing: the Chinese one when there is one.
      let segments = unit.segmentIDs.compactMap(segment)
      guard !missing.isEmpty, let first = segments.first(where: { $0.script.isChinese }) ?? segments.first
      else { continue }
      let names = missing.map { "\(Self.name($0)) (\($0))" }.joined(separator: " and ")
      let has = unit.scripts.map { Self.name($0) }.joined(separator: " and ")
      findings.append(
        Rule.missingTranslation.finding(
          first.range, "The \(has) paragraph has no \(names) counterpart", actual: nil,
          expected: missing.map(\.rawValue).joined(separator: ","), unit: unit.id))
    }
    return findings
  }

  static func name(_ script: Script) -> String {
    switch script {
    case .latin: "English"
    case .simplified: "Simplified Chinese"
    case .traditional: "Traditional Chinese"
    case .han: "Chinese"
    default: script.rawValue
    }
  }
}
