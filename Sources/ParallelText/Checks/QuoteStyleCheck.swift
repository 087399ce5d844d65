/// Finds paragraphs that mix Western (“” ‘’) and corner-bracket (「」 『』) quotation marks.
public struct QuoteStyleCheck: Sendable {
  /// Creates the check.
  public init() {}

  /// A finding at the first quotation mark of the style that appears second, or nil.
  public func check(_ segment: Segment, unit: Int? = nil) -> Finding? {
    var firstWestern: Int?
    var firstCorner: Int?
    let scalars = Array(segment.text.unicodeScalars)
    for (offset, scalar) in scalars.enumerated() {
      switch scalar {
      case "“", "”", "‘", "’":
        if scalar == "’", isApostrophe(at: offset, in: scalars) { continue }
        if firstWestern == nil { firstWestern = offset }
      case "「", "」", "『", "』":
        if firstCorner == nil { firstCorner = offset }
      default: break
      }
      if firstWestern != nil, firstCorner != nil { break }
    }
    guard let western = firstWestern, let corner = firstCorner else { return nil }
    let (later, earlierStyle, laterStyle) = western < corner ? (corner, "“”", "「」") : (western, "「」", "“”")
    return Rule.quoteStyle.finding(
      segment.sourceRange(scalars: later..<(later + 1)),
      "Paragraph mixes \(earlierStyle) and \(laterStyle) quotation marks; use one style",
      actual: String(scalars[later]), expected: earlierStyle, unit: unit)
  }

  /// ’ between two letters (don’t) is an apostrophe, not a quotation mark.
  private func isApostrophe(at offset: Int, in scalars: [Unicode.Scalar]) -> Bool {
    guard offset > 0, offset + 1 < scalars.count else {
      return offset > 0 && Characters.isAlphabetic(scalars[offset - 1])
    }
    return Characters.isAlphabetic(scalars[offset - 1]) && Characters.isAlphabetic(scalars[offset + 1])
  }
}
