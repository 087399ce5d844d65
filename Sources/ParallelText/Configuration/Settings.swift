/// What one run asks of the checks for one file: the configuration file's settings with the
/// command line's on top.
public struct Settings: Sendable, Hashable {
  /// When not nil, only these rules run (`--rule`).
  public var onlyRules: Set<String>?
  /// Rules switched off (`--disable`, or `off` in the configuration).
  public var disabledRules: Set<String> = []
  /// Severities that replace the rules' defaults.
  public var severities: [String: Severity] = [:]
  /// The Traditional standard the checks hold the Traditional text to.
  public var standard: TraditionalStandard = .generic
  /// Units whose alignment confidence is below this are not trusted: findings that only a
  /// correct alignment justifies (`missing-translation`, `hans-hant-mismatch`) are dropped
  /// for them, and exports leave them out of translation memories. 0 trusts every unit.
  public var minimumConfidence: Double = 0

  /// Every rule at its own severity, generic standard, every unit trusted.
  public init() {}

  /// The configuration file's settings, then the command line's choices on top.
  public init(
    configuration: Configuration, onlyRules: Set<String>? = nil, disabledRules: Set<String> = [],
    standard: TraditionalStandard? = nil, minimumConfidence: Double? = nil
  ) {
    self.onlyRules = onlyRules
    self.disabledRules = Set(configuration.enabledRules.filter { !$0.value }.keys).union(disabledRules)
    if let onlyRules { self.disabledRules.subtract(onlyRules) }
    severities = configuration.severities
    self.standard = standard ?? configuration.standard ?? .generic
    self.minimumConfidence = minimumConfidence ?? configuration.minimumConfidence ?? 0
  }

  /// Rules whose findings depend on the alignment being right.
  public static let alignmentRules: Set<String> = [Rule.missingTranslation.id, Rule.hansHantMismatch.id]

  /// Whether findings of the rule are reported.
  public func isEnabled(_ rule: String) -> Bool {
    !disabledRules.contains(rule) && (onlyRules?.contains(rule) ?? true)
  }

  /// The severity findings of the rule get.
  public func severity(of rule: String, default severity: Severity) -> Severity { severities[rule] ?? severity }

  /// The units trusted for export and for alignment-dependent findings.
  public func isTrusted(_ unit: Unit) -> Bool { unit.confidence >= minimumConfidence }

  /// The document with findings of disabled rules removed, severities replaced, and
  /// alignment-dependent findings of untrusted units dropped.
  public func apply(to document: Document) -> Document {
    var document = document
    let untrusted = Set(document.units.filter { !isTrusted($0) }.map(\.id))
    document.findings = document.findings.compactMap { finding in
      guard isEnabled(finding.rule) else { return nil }
      if let unit = finding.unit, untrusted.contains(unit), Self.alignmentRules.contains(finding.rule) { return nil }
      var finding = finding
      finding.severity = severity(of: finding.rule, default: finding.severity)
      return finding
    }
    return document
  }
}
