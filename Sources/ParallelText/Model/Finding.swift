/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Hashable, Comparable, CaseIterable {
  /// Informational; never fails a run by default.
  case note
  /// Worth a look; fails a run only when asked (`--strict`).
  case warning
  /// A defect; fails the run.
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in a document, pointing at the exact text it concerns.
public struct Finding: Sendable, Hashable {
  /// The stable rule identifier, e.g. `wrong-character-choice`.
  public var rule: String
  /// How serious it is.
  public var severity: Severity
  /// Where it is.
  public var range: SourceRange
  /// A one-line explanation.
  public var message: String
  /// The text as written, when the rule concerns a span.
  public var actual: String?
  /// The text the rule expects instead, when it knows.
  public var expected: String?
  /// The unit the finding belongs to.
  public var unit: Int?

  /// The text to write in place of `actual`, when the rule's `expected` is such a correction
  /// (``Rule/replacesActual``) and differs from it; nil otherwise.
  public var replacement: String? {
    guard let actual, let expected, expected != actual, Rule.named(rule)?.replacesActual == true else { return nil }
    return expected
  }

  /// Creates a finding.
  public init(
    rule: String, severity: Severity, range: SourceRange, message: String, actual: String? = nil,
    expected: String? = nil, unit: Int? = nil
  ) {
    self.rule = rule
    self.severity = severity
    self.range = range
    self.message = message
    self.actual = actual
    self.expected = expected
    self.unit = unit
  }
}
