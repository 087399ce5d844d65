/// Notes regional character forms in Traditional text (為 for 爲, 裡 for 裏, 著 for 着) and,
/// when a standard is chosen, warns where the text does not use that region's form.
public struct RegionalVariantCheck: Sendable {
  /// The standard the Traditional text should follow.
  public var standard: TraditionalStandard
  private let tables: @Sendable () -> ConversionTables

  /// Creates the check for a standard.
  public init(
    standard: TraditionalStandard = .generic, tables: @escaping @Sendable () -> ConversionTables = { .openCC }
  ) {
    self.standard = standard
    self.tables = tables
  }

  /// One finding per distinct character form in a Traditional segment, at its first use.
  public func check(_ segment: Segment, unit: Int? = nil) -> [Finding] {
    guard segment.script == .traditional else { return [] }
    let tables = tables()
    // Each distinct candidate character in order of first use, with its verdict: a paragraph
    // has few, so a list searched in place costs less than a dictionary. The text is
    // decoded from its UTF-8 directly (this runs for every Traditional paragraph).
    var seen: [(scalar: UInt32, offset: Int, count: Int, verdict: Verdict?)] = []
    var text = segment.text
    text.withUTF8 { bytes in
      let bytes = UnsafeRawBufferPointer(bytes)
      var index = 0
      var offset = -1
      while index < bytes.count {
        let value = Characters.decodeUTF8(bytes, &index)
        offset += 1
        guard tables.mayHaveRegionalForm(value), HanVariants.isHanIdeograph(value) else { continue }
        if let known = seen.firstIndex(where: { $0.scalar == value }) {
          seen[known].count += 1
        } else {
          seen.append((value, offset, 1, verdict(value, tables)))
        }
      }
    }
    return seen.compactMap { seen in
      guard let verdict = seen.verdict else { return nil }
      let times = seen.count > 1 ? " (\(seen.count) times in this paragraph)" : ""
      return Finding(
        rule: Rule.regionalVariant.id, severity: verdict.severity,
        range: segment.sourceRange(scalars: seen.offset..<(seen.offset + 1)), message: verdict.message + times,
        actual: Self.text(seen.scalar), expected: verdict.expected, unit: unit)
    }
  }

  /// What a regional form calls for: a note, or a warning under a chosen standard.
  private typealias Verdict = (message: String, severity: Severity, expected: String?)

  private func verdict(_ value: UInt32, _ tables: ConversionTables) -> Verdict? {
    let character = String(Unicode.Scalar(value)!)
    let standardForm = tables.standardForms[value]
    let preferred: [UInt32: UInt32]
    let region: String
    switch standard {
    case .generic:
      guard let standardForm else { return nil }
      let regions = [
        tables.taiwanVariants[standardForm] == value ? "Taiwan" : nil,
        tables.hongKongVariants[standardForm] == value ? "Hong Kong" : nil,
      ].compactMap { $0 }
      let name = regions.isEmpty ? "a regional" : "the " + regions.joined(separator: " and ")
      return ("\(character) is \(name) form of \(Self.text(standardForm))", .note, nil)
    case .taiwan: (preferred, region) = (tables.taiwanVariants, "Taiwan")
    case .hongKong: (preferred, region) = (tables.hongKongVariants, "Hong Kong")
    }
    let base = standardForm ?? value
    let wanted = preferred[base] ?? base
    guard wanted != value, standardForm != nil || preferred[value] != nil else { return nil }
    return (
      "The \(region) standard writes \(Self.text(wanted)), not \(character)", .warning, Self.text(wanted)
    )
  }

  private static func text(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }
}
