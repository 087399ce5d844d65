/// A check's stable identity: its id, default severity and what it looks for.
public struct Rule: Sendable, Hashable, Identifiable {
  /// The stable id used in output, configuration and suppressions.
  public let id: String
  /// The severity findings get unless configured otherwise.
  public let severity: Severity
  /// One line: what the rule finds.
  public let summary: String
  /// How to fix what it finds.
  public let help: String
  /// Whether a finding's `expected` is the text to write in place of its `actual` (a
  /// character-level correction such as 聯系 → 聯繫), so that a tool may apply it; false when
  /// `expected` describes what is missing or wanted (scripts, a quotation style).
  public let replacesActual: Bool

  init(id: String, severity: Severity, summary: String, help: String, replacesActual: Bool = false) {
    self.id = id
    self.severity = severity
    self.summary = summary
    self.help = help
    self.replacesActual = replacesActual
  }

  /// A paragraph of one Chinese variety without its twin in the other.
  public static let missingTranslation = Rule(
    id: "missing-translation", severity: .warning,
    summary: "A unit lacks a script the document uses for its translations.",
    help: "Add the missing Simplified or Traditional paragraph next to its twin, or remove the orphan.")
  /// Simplified and Traditional texts that say different things.
  public static let hansHantMismatch = Rule(
    id: "hans-hant-mismatch", severity: .error,
    summary: "The Simplified and Traditional texts differ beyond Simplified/Traditional conversion.",
    help: "Make both texts say the same thing; the finding shows the differing spans.")
  /// A Traditional character that the Simplified text and its context rule out.
  public static let wrongCharacterChoice = Rule(
    id: "wrong-character-choice", severity: .error,
    summary: "A Traditional character is one of several forms of the Simplified one, and the phrase rules it out.",
    help: "Use the form the phrase requires (联系 → 聯繫, not 聯系).", replacesActual: true)
  /// A Simplified-only character inside Traditional text.
  public static let simplifiedInTraditional = Rule(
    id: "simplified-in-hant", severity: .error,
    summary: "A character used only in Simplified Chinese appears in Traditional text.",
    help: "Replace it with its Traditional form.", replacesActual: true)
  /// A Traditional-only character inside Simplified text.
  public static let traditionalInSimplified = Rule(
    id: "traditional-in-hans", severity: .error,
    summary: "A character used only in Traditional Chinese appears in Simplified text.",
    help: "Replace it with its Simplified form.", replacesActual: true)
  /// A paragraph mixing “” and 「」 quotation marks.
  public static let quoteStyle = Rule(
    id: "quote-style", severity: .warning,
    summary: "A paragraph mixes “” and 「」 quotation marks.",
    help: "Use one style of quotation marks throughout the paragraph.")
  /// A unit the aligner is unsure of, with the rival reading.
  public static let uncertainAlignment = Rule(
    id: "uncertain-alignment", severity: .warning,
    summary: "The aligner is unsure these paragraphs translate each other; another reading is nearly as likely.",
    help: "Check the unit and its rival reading; keep each translation next to its English paragraph.")

  /// A Taiwan or Hong Kong character form (為, 裡, 著), or a form the chosen standard does
  /// not prefer.
  public static let regionalVariant = Rule(
    id: "regional-variant", severity: .note,
    summary: "A character is written in a regional form (裏/裡, 着/著, 爲/為), or not in the chosen standard's form.",
    help: "Nothing to fix by default; with --standard tw or hk, use the region's preferred form.",
    replacesActual: true)
  /// Regional vocabulary accepted as a translation (软件 / 軟體).
  public static let regionalVocabulary = Rule(
    id: "regional-vocabulary", severity: .note,
    summary: "The Traditional text uses a Taiwan or Hong Kong word for the Simplified one (软件 / 軟體).",
    help: "Nothing to fix: the pair is accepted as a translation.")

  /// Every rule, in a stable order.
  public static let all: [Rule] = [
    missingTranslation, hansHantMismatch, wrongCharacterChoice, simplifiedInTraditional,
    traditionalInSimplified, quoteStyle, uncertainAlignment, regionalVariant, regionalVocabulary,
  ]

  /// The rule with the given id.
  public static func named(_ id: String) -> Rule? { all.first { $0.id == id } }

  /// A finding of this rule at its default severity.
  func finding(
    _ range: SourceRange, _ message: String, actual: String? = nil, expected: String? = nil, unit: Int? = nil
  ) -> Finding {
    Finding(
      rule: id, severity: severity, range: range, message: message, actual: actual, expected: expected, unit: unit)
  }
}
