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
  /// or `{}` context are skipped).
  init(ruleText: String) {
    for line in ruleText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      guard let arrow = line.firstRange(of: " > ") else { continue }
      let source = line[..<arrow.lowerBound].trimmingSpaces
      var target = line[arrow.upperBound...].trimmingSpaces
      if target.hasSuffix(";") { target = target.dropLast().trimmingSpaces }
      let targetScalars = Array(target.unicodeScalars)
      guard !source.contains(where: { "[]{}".contains($0) }) else { continue }
      let sourceScalars = Array(source.unicodeScalars)
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

extension Substring {
  fileprivate var trimmingSpaces: Substring {
    var result = self
    while result.first == " " { result = result.dropFirst() }
    while result.last == " " { result = result.dropLast() }
    return result
  }
}
