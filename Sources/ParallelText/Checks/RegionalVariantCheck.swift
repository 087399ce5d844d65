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
    var first: [Unicode.Scalar: (offset: Int, count: Int, message: String, severity: Severity, expected: String?)] = [:]
    var order: [Unicode.Scalar] = []
    for (offset, scalar) in segment.text.unicodeScalars.enumerated()
    where HanVariants.isHanIdeograph(scalar) && tables.mayHaveRegionalForm(scalar.value) {
      if var seen = first[scalar] {
        seen.count += 1
        first[scalar] = seen
        continue
      }
      guard let verdict = verdict(scalar.value, tables) else { continue }
      first[scalar] = (offset, 1, verdict.message, verdict.severity, verdict.expected)
      order.append(scalar)
    }
    return order.map { scalar in
      let seen = first[scalar]!
      let times = seen.count > 1 ? " (\(seen.count) times in this paragraph)" : ""
      return Finding(
        rule: Rule.regionalVariant.id, severity: seen.severity,
        range: segment.sourceRange(scalars: seen.offset..<(seen.offset + 1)), message: seen.message + times,
        actual: String(scalar), expected: seen.expected, unit: unit)
    }
  }

  private func verdict(_ value: UInt32, _ tables: ConversionTables) -> (
    message: String, severity: Severity, expected: String?
  )? {
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
