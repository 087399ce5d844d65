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
    let scripts = units.map(\.scripts)
    // Few distinct scripts: a list searched in place, not a set hashing each unit's codes.
    var translationScripts: [Script] = []
    var englishUnits = 0
    var englishTranslated = 0
    for (unit, present) in zip(units, scripts) where unit.repeatOf == nil {
      if present.count > 1 {
        for script in present where !translationScripts.contains(script) { translationScripts.append(script) }
      }
      if present.contains(.latin) {
        englishUnits += 1
        if present.count > 1 { englishTranslated += 1 }
      }
    }
    // In display order, so that what a unit misses comes out sorted.
    let chineseScripts = translationScripts.filter { $0 == .simplified || $0 == .traditional }.sorted()
    let orderedTranslationScripts = translationScripts.sorted()
    let flagEnglishOnly = englishUnits > 0 && Double(englishTranslated) / Double(englishUnits) > translatedShare
    var findings: [Finding] = []
    for (unit, scripts) in zip(units, scripts) where unit.repeatOf == nil {
      // `scripts` holds each script once: checked as a set without building one.
      let hasChinese = scripts.contains { $0.isChinese }
      var missing: [Script] = []
      if hasChinese {
        // Most units have every Chinese script the document translates into.
        guard !chineseScripts.allSatisfy(scripts.contains) else { continue }
        missing = chineseScripts.filter { !scripts.contains($0) }
        if scripts.contains(.han), !missing.isEmpty { missing.removeLast() }
      } else if scripts == [.latin], flagEnglishOnly {
        missing = orderedTranslationScripts.filter { !scripts.contains($0) }
      }
      guard !missing.isEmpty else { continue }
      // Point at the paragraph whose twin is missing: the Chinese one when there is one.
      let segments = unit.segmentIDs.compactMap(segment)
      guard let first = segments.first(where: { $0.script.isChinese }) ?? segments.first else { continue }
      let names = missing.map { "\(Self.name($0)) (\($0))" }.joined(separator: " and ")
      let has = scripts.map { Self.name($0) }.joined(separator: " and ")
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
