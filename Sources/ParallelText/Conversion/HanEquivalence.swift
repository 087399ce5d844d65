/// When a Simplified character and a Traditional one are the same character in the two
/// scripts (联/聯, 系/繫, 为/為), by OpenCC's candidates, ICU's transliterator rules and
/// regional forms; quotation marks match across styles (“/「) and full-width forms match
/// their ASCII twins.
public struct HanEquivalence: Sendable {
  /// ICU-derived variant tables.
  public let variants: HanVariants
  /// OpenCC's tables, loaded only when a Han comparison needs them.
  private let tables: @Sendable () -> ConversionTables
  /// The tables when the caller already has them.
  private let loaded: ConversionTables?

  /// Equivalence over ICU's tables and the shipped OpenCC dictionaries.
  public static let standard = HanEquivalence(variants: .icu, tables: { .openCC })

  /// Creates an equivalence over the given tables.
  public init(variants: HanVariants, tables: @escaping @Sendable () -> ConversionTables) {
    self.variants = variants
    self.tables = tables
    loaded = nil
  }

  /// Creates an equivalence over tables already loaded.
  public init(variants: HanVariants, loaded tables: ConversionTables) {
    self.variants = variants
    self.tables = { tables }
    loaded = tables
  }

  /// True when `t` renders `s` in Traditional script (or is the same mark in another style).
  public func equivalent(_ s: Unicode.Scalar, _ t: Unicode.Scalar) -> Bool {
    if s == t { return true }
    if HanVariants.isHanIdeograph(s), HanVariants.isHanIdeograph(t) {
      let tables = loaded ?? tables()
      let standard = tables.standardForm(t.value)
      if tables.standardForm(s.value) == standard { return true }
      if let entry = tables.toTraditional.entry(for: s.value) {
        for index in 0..<entry.count where entry.length(of: index) == 1 {
          if tables.standardForm(entry.scalar(0, of: index)) == standard { return true }
        }
      }
      if let entry = tables.toSimplified.entry(for: t.value) {
        for index in 0..<entry.count where entry.scalar(0, of: index) == s.value { return true }
      }
      return variants.isVariant(simplified: s, traditional: t)
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
