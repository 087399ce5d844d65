/// When a Simplified character and a Traditional one are the same character in the two
/// scripts (联/聯, 系/繫, 为/為), by OpenCC's candidates, ICU's transliterator rules and
/// regional forms; quotation marks match across styles (“/「) and full-width forms match
/// their ASCII twins.
public struct HanEquivalence: Sendable {
  /// ICU-derived variant tables.
  public var variants: HanVariants { storage.variants }
  /// Everything in one reference, so that copying the equivalence (as comparisons do for
  /// every character pair) costs one reference count, not one per table.
  private let storage: Storage

  private final class Storage: Sendable {
    let variants: HanVariants
    /// OpenCC's tables, loaded only when a Han comparison needs them.
    let tables: @Sendable () -> ConversionTables
    /// The tables when the caller already has them.
    let loaded: ConversionTables?

    init(variants: HanVariants, tables: @escaping @Sendable () -> ConversionTables, loaded: ConversionTables?) {
      self.variants = variants
      self.tables = tables
      self.loaded = loaded
    }
  }

  /// Equivalence over ICU's tables and the shipped OpenCC dictionaries.
  public static let standard = HanEquivalence(variants: .icu, tables: { .openCC })

  /// Creates an equivalence over the given tables.
  public init(variants: HanVariants, tables: @escaping @Sendable () -> ConversionTables) {
    storage = Storage(variants: variants, tables: tables, loaded: nil)
  }

  /// Creates an equivalence over tables already loaded.
  public init(variants: HanVariants, loaded tables: ConversionTables) {
    storage = Storage(variants: variants, tables: { tables }, loaded: tables)
  }

  /// True when `t` renders `s` in Traditional script (or is the same mark in another style).
  public func equivalent(_ s: Unicode.Scalar, _ t: Unicode.Scalar) -> Bool {
    if s == t { return true }
    if HanVariants.isHanIdeograph(s), HanVariants.isHanIdeograph(t) {
      let tables = storage.loaded ?? storage.tables()
      let standard = tables.standardForm(t.value)
      if tables.standardForm(s.value) == standard { return true }
      let toTraditional = tables.toTraditional
      let traditionalEntry = toTraditional.entryIndex(for: s.value)
      if traditionalEntry >= 0 {
        for index in 0..<toTraditional.candidateCount(traditionalEntry)
        where toTraditional.candidateLength(traditionalEntry, index) == 1 {
          if tables.standardForm(toTraditional.candidateScalar(traditionalEntry, 0, of: index)) == standard {
            return true
          }
        }
      }
      let toSimplified = tables.toSimplified
      let simplifiedEntry = toSimplified.entryIndex(for: t.value)
      if simplifiedEntry >= 0 {
        for index in 0..<toSimplified.candidateCount(simplifiedEntry)
        where toSimplified.candidateScalar(simplifiedEntry, 0, of: index) == s.value {
          return true
        }
      }
      return storage.variants.isVariant(simplified: s, traditional: t)
    }
    return Self.normalizedPunctuation(s) == Self.normalizedPunctuation(t)
  }

  private static func normalizedPunctuation(_ scalar: Unicode.Scalar) -> UInt32 {
    switch scalar.value {
    case 0x300C, 0x201C, 0x300E, 0x2018: return 0x201C  // 「 “ 『 ‘: opening quote
    case 0x300D, 0x201D, 0x300F, 0x2019: return 0x201D  // 」 ” 』 ’: closing quote
    case 0xFF01...0xFF5E: return scalar.value - 0xFEE0  // full-width ASCII forms
    case 0x3001: return 0x2C  // 、 as ,
    default: return scalar.value
    }
  }
}
