import CICUShim

/// The rules of an ICU transliterator such as `Hans-Hant`, parsed into single-character
/// and phrase mappings.
struct TransliterationRules: Sendable, Equatable {
  /// Context-free one-character rules (`发 > 發`).
  var characters: [Unicode.Scalar: Unicode.Scalar] = [:]
  /// Context-free rules of two or more characters (`联系 > 聯繫`), source → target.
  var phrases: [[Unicode.Scalar]: [Unicode.Scalar]] = [:]
  /// Characters some rule keeps unchanged at their position (后 in `皇后 > 皇后`): the
  /// target script uses them.
  var keptCharacters: Set<Unicode.Scalar> = []
  /// Characters with an explicit one-character identity rule (`着 > 着`): the source
  /// script uses them too.
  var identityCharacters: Set<Unicode.Scalar> = []

  /// No rules.
  private init() {}

  /// Loads and parses the rules of the system transliterator `identifier`: from the rule
  /// source in ICU's data when it is there (a fraction of a millisecond), else from the
  /// compiled transliterator (opening the first one builds ICU's registry of about a
  /// thousand transliterators: milliseconds at every start-up).
  init(identifier: String) throws(ICUError) {
    self = try Self.rules(identifier, source: Self.ruleSource(identifier: identifier))
  }

  /// The rule sources of a transliterator and its inverse in ICU's data, where it holds them.
  struct Sources {
    let identifier: String
    let inverse: String
    /// Each rule source as ICU's data holds it (UTF-16, decoded only to be parsed: a
    /// snapshot of tables built from it needs only its ``key``), and whether it applies in
    /// reverse.
    let source: (units: [UInt16], reverse: Bool)?
    let inverseSource: (units: [UInt16], reverse: Bool)?

    /// Reads the two rule sources (a fraction of a millisecond).
    init(_ identifier: String, inverse: String) {
      self.identifier = identifier
      self.inverse = inverse
      source = ruleSource(identifier: identifier)
      inverseSource = ruleSource(identifier: inverse)
    }

    /// A checksum of both sources and their directions, naming what tables derived from
    /// them were built from; nil unless ICU's data holds both.
    var key: UInt64? {
      guard let source, let inverseSource else { return nil }
      var units = source.units
      units += [0xFFFF, source.reverse ? 1 : 0, 0xFFFF]
      units += inverseSource.units
      units += [0xFFFF, inverseSource.reverse ? 1 : 0]
      // The checksum reads 8-byte words.
      while units.count % 4 != 0 { units.append(0) }
      return units.withUnsafeBytes { TableSnapshot.checksum($0) }
    }
  }

  /// The rules of both transliterators of `sources`, each read as `init(identifier:)` reads
  /// it. When ICU's data holds both as one rule source read in opposite directions
  /// (`Hans-Hant` and `Hant-Hans`), the source is parsed once.
  static func load(_ sources: Sources) throws(ICUError) -> (Self, inverse: Self) {
    if let source = sources.source, let inverseSource = sources.inverseSource, source.reverse != inverseSource.reverse,
      source.units == inverseSource.units
    {
      let both = parse(ruleSource: scalars(utf16: source.units[...]))
      return source.reverse ? (both.backward, both.forward) : (both.forward, both.backward)
    }
    return (
      try rules(sources.identifier, source: sources.source), try rules(sources.inverse, source: sources.inverseSource)
    )
  }

  /// The rules of `identifier` from its rule source, else from the compiled transliterator.
  private static func rules(
    _ identifier: String, source: (units: [UInt16], reverse: Bool)?
  ) throws(ICUError) -> Self {
    guard let source else { return TransliterationRules(ruleText: try ruleText(identifier: identifier)) }
    let both = parse(ruleSource: scalars(utf16: source.units[...]))
    return source.reverse ? both.backward : both.forward
  }

  /// Parses rule text of the form `SOURCE > TARGET;` (one rule a line; rules with `[set]`
  /// or `{}` context are skipped), as a compiled transliterator writes its rules. Works on
  /// scalars: about 3,000 lines a run, at start-up.
  init(ruleText: String) {
    let text = Array(ruleText.unicodeScalars)
    var lineStart = 0
    while lineStart < text.count {
      var lineEnd = lineStart
      while lineEnd < text.count, text[lineEnd] != "\n", text[lineEnd] != "\r" { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }
      guard let arrow = Self.arrow(in: text, lineStart..<lineEnd) else { continue }
      let source = Self.trimmed(text, lineStart..<arrow)
      var target = Self.trimmed(text, (arrow + 3)..<lineEnd)
      if target.last == ";" { target = Self.trimmed(text, target.startIndex..<(target.endIndex - 1)) }
      guard !source.contains(where: { "[]{}".unicodeScalars.contains($0) }) else { continue }
      add(source: Array(source), target: Array(target))
    }
  }

  /// Parses a transliterator's rule source as ICU's data holds it: rules end with `;`,
  /// `A↔B` (or `A<>B`) applies both ways, `A→B` (`A>B`) forward only and `A←B` (`A<B`) in
  /// reverse only; whitespace between characters is ignored and `#` starts a comment.
  /// `reverse` reads the rules in the reverse direction (as `Hant-Hans` reads
  /// `Hans-Hant`'s). Rules with any other syntax (sets, contexts, variables, quoting) are
  /// skipped, as `init(ruleText:)` skips them.
  init(ruleSource: String, reverse: Bool) {
    let both = Self.parse(ruleSource: Array(ruleSource.unicodeScalars))
    self = reverse ? both.backward : both.forward
  }

  /// Parses a rule source (see `init(ruleSource:reverse:)`) in both directions in one pass,
  /// reusing its buffers from rule to rule: ICU's `Hans-Hant` source is some 4,000 rules,
  /// read at every start-up.
  private static func parse(ruleSource text: [Unicode.Scalar]) -> (forward: Self, backward: Self) {
    var forwardRules = TransliterationRules()
    var backwardRules = TransliterationRules()
    // Room for every rule from the start (no rehashing as the tables grow).
    let ruleCount = text.reduce(0) { $1 == ";" ? $0 + 1 : $0 }
    forwardRules.characters.reserveCapacity(ruleCount)
    backwardRules.characters.reserveCapacity(ruleCount)
    forwardRules.phrases.reserveCapacity(ruleCount / 2)
    backwardRules.phrases.reserveCapacity(ruleCount / 2)
    var rule: [Unicode.Scalar] = []
    var left: [Unicode.Scalar] = []
    var right: [Unicode.Scalar] = []
    func finish() {
      defer { rule.removeAll(keepingCapacity: true) }
      guard let (arrow, width, forward, backward) = operatorPosition(in: rule) else { return }
      left.removeAll(keepingCapacity: true)
      right.removeAll(keepingCapacity: true)
      for scalar in rule[..<arrow] where !isRuleWhitespace(scalar) { left.append(scalar) }
      for scalar in rule[(arrow + width)...] where !isRuleWhitespace(scalar) { right.append(scalar) }
      guard !left.isEmpty, !right.isEmpty, !left.contains(where: isRuleSyntax), !right.contains(where: isRuleSyntax)
      else { return }
      if forward { forwardRules.add(source: left, target: right) }
      if backward { backwardRules.add(source: right, target: left) }
    }
    var quoted = false
    var index = 0
    while index < text.count {
      let scalar = text[index]
      index += 1
      if scalar == "\\", index < text.count {
        rule.append(scalar)
        rule.append(text[index])
        index += 1
      } else if scalar == "'" {
        quoted.toggle()
        rule.append(scalar)
      } else if !quoted, scalar == "#" {
        while index < text.count, text[index] != "\n", text[index] != "\r" { index += 1 }
      } else if !quoted, scalar == ";" {
        finish()
      } else {
        rule.append(scalar)
      }
    }
    finish()
    return (forwardRules, backwardRules)
  }

  /// Records one context-free rule `source > target`.
  private mutating func add(source: [Unicode.Scalar], target: [Unicode.Scalar]) {
    if source.count == target.count {
      for (from, to) in zip(source, target) where from == to { keptCharacters.insert(from) }
    }
    if source.count == 1, target == source { identityCharacters.insert(source[0]) }
    if source.count == 1, target.count == 1 {
      characters[source[0]] = target[0]
    } else if source.count > 1, source.count == target.count {
      phrases[source] = target
    }
  }

  /// Where a rule's operator is, its width, and whether it applies forward and backward.
  private static func operatorPosition(in rule: [Unicode.Scalar]) -> (Int, Int, Bool, Bool)? {
    for (index, scalar) in rule.enumerated() {
      switch scalar {
      case "↔": return (index, 1, true, true)
      case "→": return (index, 1, true, false)
      case "←": return (index, 1, false, true)
      case "<" where index + 1 < rule.count && rule[index + 1] == ">": return (index, 2, true, true)
      case ">": return (index, 1, true, false)
      case "<": return (index, 1, false, true)
      default: continue
      }
    }
    return nil
  }

  /// Whitespace the rule syntax ignores (Pattern_White_Space).
  private static func isRuleWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0x85, 0x200E, 0x200F, 0x2028, 0x2029: true
    default: false
    }
  }

  /// ASCII punctuation, which the rule syntax reserves (sets, contexts, variables,
  /// quoting, cursors, segments, quantifiers).
  private static func isRuleSyntax(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
    default: false
    }
  }

  /// Where ` > ` starts in `text[range]`, if it does.
  private static func arrow(in text: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
    var index = range.lowerBound
    while index + 3 <= range.upperBound {
      if text[index] == " ", text[index + 1] == ">", text[index + 2] == " " { return index }
      index += 1
    }
    return nil
  }

  /// `text[range]` without leading and trailing spaces.
  private static func trimmed(_ text: [Unicode.Scalar], _ range: Range<Int>) -> ArraySlice<Unicode.Scalar> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, text[lower] == " " { lower += 1 }
    while upper > lower, text[upper - 1] == " " { upper -= 1 }
    return text[lower..<upper]
  }

  /// The rule source of `identifier` in ICU's data, as UTF-16, and whether it applies in
  /// reverse; nil when ICU's data does not hold it so. Its length is asked first, then it is
  /// copied into an array of that size.
  private static func ruleSource(identifier: String) -> (units: [UInt16], reverse: Bool)? {
    var error: Int32 = 0
    var reverse: Int32 = 0
    var none: UInt16 = 0
    let length = ptx_icu_transliterator_source(identifier, &none, 0, &reverse, &error)
    guard length > 0, error <= 0 else { return nil }
    var units = [UInt16](repeating: 0, count: Int(length))
    let copied = ptx_icu_transliterator_source(identifier, &units, length, &reverse, &error)
    guard copied == length, error <= 0 else { return nil }
    return (units, reverse != 0)
  }

  /// UTF-16 decoded to scalars by the standard library's decoder (an unpaired surrogate
  /// becomes U+FFFD), into an array sized once: no detour through `String`, whose
  /// transcoding took half of start-up.
  static func scalars(utf16 units: ArraySlice<UInt16>) -> [Unicode.Scalar] {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(units.count)
    var decoder = UTF16()
    var iterator = units.makeIterator()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): scalars.append(scalar)
      case .error: scalars.append("\u{FFFD}")
      case .emptyInput: break decoding
      }
    }
    return scalars
  }

  /// The rules of the compiled transliterator `identifier`, as ICU writes them.
  static func ruleText(identifier: String) throws(ICUError) -> String {
    var error: Int32 = 0
    var buffer = [UInt16](repeating: 0, count: 65_536)
    var length = ptx_icu_transliterator_rules(identifier, &buffer, Int32(buffer.count), &error)
    guard length > 0 else { throw ICUError(operation: "open transliterator \(identifier)", code: error) }
    if Int(length) >= buffer.count {
      buffer = [UInt16](repeating: 0, count: Int(length) + 1)
      error = 0
      length = ptx_icu_transliterator_rules(identifier, &buffer, Int32(buffer.count), &error)
    }
    guard error <= 0 else { throw ICUError(operation: "read rules of \(identifier)", code: error) }
    return String(decoding: buffer.prefix(Int(length)), as: UTF16.self)
  }
}

/// An ICU call that failed, with ICU's error name.
public struct ICUError: Error, Sendable, CustomStringConvertible {
  /// What was attempted.
  public var operation: String
  /// ICU's UErrorCode.
  public var code: Int32

  /// Creates an error for a failed ICU operation.
  public init(operation: String, code: Int32) {
    self.operation = operation
    self.code = code
  }

  public var description: String {
    "ICU could not \(operation): \(String(cString: ptx_icu_error_name(code)))"
  }
}
