import CICUShim

/// The rules of an ICU transliterator such as `Hans-Hant`, parsed into single-character
/// and phrase mappings.
struct TransliterationRules: Sendable {
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

  /// Loads and parses the rules of the system transliterator `identifier`.
  init(identifier: String) throws(ICUError) {
    self.init(ruleText: try Self.ruleText(identifier: identifier))
  }

  /// Parses rule text of the form `SOURCE > TARGET;` (one rule a line; rules with `[set]`
  /// or `{}` context are skipped). Works on scalars: about 3,000 lines a run, at start-up.
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
      let sourceScalars = Array(source)
      let targetScalars = Array(target)
      if sourceScalars.count == targetScalars.count {
        for (from, to) in zip(sourceScalars, targetScalars) where from == to { keptCharacters.insert(from) }
      }
      if sourceScalars.count == 1, targetScalars == sourceScalars { identityCharacters.insert(sourceScalars[0]) }
      if sourceScalars.count == 1, targetScalars.count == 1 {
        characters[sourceScalars[0]] = targetScalars[0]
      } else if sourceScalars.count > 1, sourceScalars.count == targetScalars.count {
        phrases[sourceScalars] = targetScalars
      }
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

  private static func ruleText(identifier: String) throws(ICUError) -> String {
    var error: Int32 = 0
    let length = ptx_icu_transliterator_rules(identifier, nil, 0, &error)
    guard length > 0 else { throw ICUError(operation: "open transliterator \(identifier)", code: error) }
    var buffer = [UInt16](repeating: 0, count: Int(length) + 1)
    error = 0
    let written = ptx_icu_transliterator_rules(identifier, &buffer, Int32(buffer.count), &error)
    guard error <= 0 else { throw ICUError(operation: "read rules of \(identifier)", code: error) }
    return String(decoding: buffer.prefix(Int(written)), as: UTF16.self)
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
