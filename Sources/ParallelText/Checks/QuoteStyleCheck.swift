#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds paragraphs that mix Western (“” ‘’) and corner-bracket (「」 『』) quotation marks.
public struct QuoteStyleCheck: Sendable {
  /// Creates the check.
  public init() {}

  /// A finding at the first quotation mark of the style that appears second, or nil.
  public func check(_ segment: Segment, unit: Int? = nil) -> Finding? {
    guard Self.mayMixQuotes(segment.text) else { return nil }
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

  /// False when the text lacks a Western or a corner-bracket quotation mark, by a scan of
  /// its UTF-8 bytes (“ ” ‘ ’ are E2 80 98–9D, 「 」 『 』 are E3 80 8C–8F): most paragraphs.
  /// Reads the bytes in place (iterating `String.UTF8View` cost five times as much).
  private static func mayMixQuotes(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { mayMixQuotes(utf8: $0) }
  }

  /// `mayMixQuotes` on a paragraph's UTF-8 in place: false when `check` finds nothing. The
  /// middle bytes (80) of the marks are found by `memchr`, not byte by byte.
  static func mayMixQuotes(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count >= 3, let base = bytes.baseAddress else { return false }
    var western = false
    var corner = false
    var from = 1
    while from < bytes.count - 1, let found = memchr(base + from, 0x80, bytes.count - 1 - from) {
      let middle = UnsafeRawPointer(found) - UnsafeRawPointer(base)
      let (lead, last) = (bytes[middle - 1], bytes[middle + 1])
      if lead == 0xE2, (0x98...0x9D).contains(last) { western = true }
      if lead == 0xE3, (0x8C...0x8F).contains(last) { corner = true }
      if western, corner { return true }
      from = middle + 1
    }
    return false
  }

  /// The quotation marks seen in a text, character by character: ``mixed`` is false when
  /// `check` finds nothing, as for ``mayMixQuotes(utf8:)``.
  struct Marks {
    private var western = false
    private var corner = false

    /// Notes one character (a scalar value).
    @inline(__always)
    mutating func note(_ value: UInt32) {
      // “ ” ‘ ’ are U+2018–U+201D; 「 」 『 』 are U+300C–U+300F. One test for most
      // characters (Han and ASCII lie outside U+2018–U+300F).
      guard value &- 0x2018 <= 0x300F - 0x2018 else { return }
      if value <= 0x201D { western = true } else if value >= 0x300C { corner = true }
    }

    /// Both styles were seen.
    var mixed: Bool { western && corner }
  }

  /// ’ between two letters (don’t) is an apostrophe, not a quotation mark.
  private func isApostrophe(at offset: Int, in scalars: [Unicode.Scalar]) -> Bool {
    guard offset > 0, offset + 1 < scalars.count else {
      return offset > 0 && Characters.isAlphabetic(scalars[offset - 1])
    }
    return Characters.isAlphabetic(scalars[offset - 1]) && Characters.isAlphabetic(scalars[offset + 1])
  }
}
