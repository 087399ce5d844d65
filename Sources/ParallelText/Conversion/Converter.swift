/// The Traditional standard a text follows: OpenCC's generic forms, Taiwan's or Hong Kong's.
public enum TraditionalStandard: String, Sendable, CaseIterable, Codable {
  /// OpenCC's standard Traditional forms (爲, 裏, 着); regional forms are accepted.
  case generic
  /// Taiwan's forms (為, 裡, 著) and vocabulary (軟體).
  case taiwan = "tw"
  /// Hong Kong's forms (為, 裏, 着).
  case hongKong = "hk"
}

/// Converts between Simplified and Traditional Chinese with OpenCC's dictionaries by
/// longest phrase match (Hans→Hant for a chosen standard, or Hant→Hans).
public struct Converter: Sendable {
  /// Which way to convert.
  public enum Direction: Sendable {
    /// Simplified to Traditional.
    case toTraditional
    /// Traditional to Simplified.
    case toSimplified
  }

  /// The direction of conversion.
  public let direction: Direction
  /// The Traditional standard written (for `toTraditional`).
  public let standard: TraditionalStandard
  private let tables: ConversionTables

  /// Creates a converter.
  public init(_ direction: Direction, standard: TraditionalStandard = .generic, tables: ConversionTables = .openCC) {
    self.direction = direction
    self.standard = standard
    self.tables = tables
  }

  /// The converted text.
  public func convert(_ text: String) -> String {
    var scalars = text.unicodeScalars.map(\.value)
    switch direction {
    case .toSimplified:
      scalars = Self.longestMatch(scalars, tables.toSimplified)
    case .toTraditional:
      scalars = Self.longestMatch(scalars, tables.toTraditional)
      switch standard {
      case .generic: break
      case .taiwan:
        scalars = Self.longestMatch(scalars, tables.taiwanPhrases).map { tables.taiwanVariants[$0] ?? $0 }
      case .hongKong:
        scalars = Self.longestMatch(scalars, tables.hongKongPhrases).map { tables.hongKongVariants[$0] ?? $0 }
      }
    }
    return String(scalars: scalars.compactMap(Unicode.Scalar.init))
  }

  /// Replaces, left to right, the longest key found at each position by its preferred
  /// candidate.
  static func longestMatch(_ scalars: [UInt32], _ trie: PhraseTrie) -> [UInt32] {
    var output: [UInt32] = []
    output.reserveCapacity(scalars.count)
    scalars.withUnsafeBufferPointer { text in
      var index = 0
      while index < text.count {
        if let match = trie.longestMatch(in: text, from: index) {
          output.append(contentsOf: match.entry.candidate(0))
          index += match.length
        } else {
          output.append(text[index])
          index += 1
        }
      }
    }
    return output
  }
}
