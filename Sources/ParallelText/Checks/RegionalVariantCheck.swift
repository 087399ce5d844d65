/// Notes regional character forms in Traditional text (為 for 爲, 裡 for 裏, 著 for 着) and,
/// when a standard is chosen, warns where the text does not use that region's form.
public struct RegionalVariantCheck: Sendable {
  /// The standard the Traditional text should follow.
  public var standard: TraditionalStandard
  private let tables: @Sendable () -> ConversionTables
  /// The verdicts written so far: a text with many regional forms (a Taiwanese translation
  /// memory) would otherwise build the same message for each.
  private let verdicts = VerdictMemo()

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
    // has few, so a list searched in place costs less than a dictionary.
    // Only the forms reported are kept (a standard form such as 裏 is a candidate too).
    var seen: [(scalar: UInt32, offset: Int, count: Int)] = []
    var text = segment.text
    text.withUTF8 { bytes in
      Self.forEachCandidate(in: bytes, tables) { value, offset in
        if let known = seen.firstIndex(where: { $0.scalar == value }) {
          seen[known].count += 1
        } else if report(value, tables) != nil {
          seen.append((value, offset, 1))
        }
        return true
      }
    }
    return seen.compactMap { seen in
      guard let verdict = verdict(seen.scalar, tables) else { return nil }
      let times = seen.count > 1 ? " (\(seen.count) times in this paragraph)" : ""
      return Finding(
        rule: Rule.regionalVariant.id, severity: verdict.severity,
        range: segment.sourceRange(scalars: seen.offset..<(seen.offset + 1)), message: verdict.message + times,
        actual: Self.text(seen.scalar), expected: verdict.expected, unit: unit)
    }
  }

  /// False when `check` finds nothing in a Traditional paragraph with this (valid) UTF-8:
  /// a test that stops at the first character it would report, building no finding.
  func mayFind(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let tables = tables()
    var found = false
    Self.forEachCandidate(in: bytes, tables) { value, _ in
      found = report(value, tables) != nil
      return !found
    }
    return found
  }

  /// Whether `value` is reported, and how: its standard form (the character itself when it is
  /// no regional form) and the form the chosen standard wants; nil when there is nothing to
  /// say. No message is built and no memo looked up (the pair sorter asks this for every
  /// regional form of a set). A character that is OpenCC's usual form of its Simplified one
  /// (參 for 参) is no regional form, though a region writes another character as it (蔘).
  /// That is decided here, for reporting, and not by leaving it out of `standardForms`:
  /// there 鯰 and 梁 (both usual forms, and Taiwan's for 鮎 and 樑) must still stand for 鮎
  /// and 樑 (``ConversionTables/stands(_:for:)``, which takes the same set into account).
  private func report(_ value: UInt32, _ tables: ConversionTables) -> (standardForm: UInt32, wanted: UInt32)? {
    let standardForm = tables.standardInTheirOwnRight.contains(value) ? value : tables.standardForm(value)
    let isRegionalForm = standardForm != value
    switch standard {
    case .generic:
      return isRegionalForm ? (standardForm, standardForm) : nil
    case .taiwan, .hongKong:
      let preferred = standard == .taiwan ? tables.taiwanVariants : tables.hongKongVariants
      let wanted = preferred[standardForm] ?? standardForm
      guard wanted != value, isRegionalForm || preferred[value] != nil else { return nil }
      return (standardForm, wanted)
    }
  }

  /// Calls `body` with each Han character of the UTF-8 that may have a regional form, and
  /// its offset in scalars, until it returns false. Decodes the UTF-8 in place (this runs
  /// for every Traditional paragraph).
  private static func forEachCandidate(
    in bytes: UnsafeBufferPointer<UInt8>, _ tables: ConversionTables, _ body: (UInt32, Int) -> Bool
  ) {
    let bytes = UnsafeRawBufferPointer(bytes)
    var index = 0
    var offset = -1
    while index < bytes.count {
      let value = Characters.decodeUTF8(bytes, &index)
      offset += 1
      guard tables.mayHaveRegionalForm(value), HanVariants.isHanIdeograph(value) else { continue }
      guard body(value, offset) else { return }
    }
  }

  /// What a regional form calls for: a note, or a warning under a chosen standard.
  private typealias Verdict = (message: String, severity: Severity, expected: String?)

  private func verdict(_ value: UInt32, _ tables: ConversionTables) -> Verdict? {
    guard let (standardForm, wanted) = report(value, tables) else { return nil }
    switch standard {
    case .generic:
      return verdicts.value(for: value, under: standard) {
        let regions = [
          tables.taiwanVariants[standardForm] == value ? "Taiwan" : nil,
          tables.hongKongVariants[standardForm] == value ? "Hong Kong" : nil,
        ].compactMap { $0 }
        let name = regions.isEmpty ? "a regional" : "the " + regions.joined(separator: " and ")
        return ("\(Self.text(value)) is \(name) form of \(Self.text(standardForm))", .note, nil)
      }
    case .taiwan, .hongKong:
      let region = standard == .taiwan ? "Taiwan" : "Hong Kong"
      return verdicts.value(for: value, under: standard) {
        (
          "The \(region) standard writes \(Self.text(wanted)), not \(Self.text(value))", .warning,
          Self.text(wanted)
        )
      }
    }
  }

  private static func text(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }
}

/// Verdicts by character and standard (copies of a check share the memo, and `standard` is
/// mutable), written once by whichever thread first needs each.
private final class VerdictMemo: @unchecked Sendable {
  private struct Key: Hashable {
    var scalar: UInt32
    var standard: TraditionalStandard
  }

  private let lock = Lock()
  private var verdicts: [Key: (message: String, severity: Severity, expected: String?)] = [:]

  func value(
    for scalar: UInt32, under standard: TraditionalStandard,
    _ make: () -> (message: String, severity: Severity, expected: String?)
  ) -> (message: String, severity: Severity, expected: String?) {
    let key = Key(scalar: scalar, standard: standard)
    lock.lock()
    defer { lock.unlock() }
    if let known = verdicts[key] { return known }
    let verdict = make()
    verdicts[key] = verdict
    return verdict
  }
}
