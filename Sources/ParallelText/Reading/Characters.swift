/// Character classes the reader needs, decided without ICU so that reading stays cheap.
enum Characters {
  /// Unicode White_Space (including U+00A0, U+3000, U+2028, U+2029).
  @inline(__always)
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool { isWhitespace(scalar.value) }

  /// `isWhitespace` of a scalar's value.
  @inline(__always)
  static func isWhitespace(_ value: UInt32) -> Bool {
    // Han characters and everything else above U+3000 answered by one comparison.
    if value > 0x3000 { return value == 0xFEFF }
    switch value {
    case 0x20, 0x09, 0x0B, 0x0C: return true
    case 0..<0x85: return false
    case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
    default: return false
    }
  }

  /// Unicode Alphabetic, with ASCII answered without the property tables (the hot case).
  @inline(__always)
  static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return (scalar.value | 0x20) &- 0x61 < 26 }
    return scalar.properties.isAlphabetic
  }

  /// Han ideographs, CJK punctuation, kana, Hangul and fullwidth forms: text written
  /// without spaces between words, so hard wraps inside it join without a space.
  @inline(__always)
  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x2E80...0x2FDF, 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
      0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x1100...0x11FF,
      0x20000...0x3FFFF:
      return true
    default:
      return false
    }
  }

  /// The Unicode scalars of a string, decoded from its UTF-8 in one pass.
  static func scalars(of text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8(scalars(ofUTF8:))
  }

  /// The Unicode scalars of valid UTF-8 (a String's, or a slice of it on sequence
  /// boundaries), in an array allocated once at its size.
  static func scalars(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
    let count = scalarCount(bytes)
    var scalars = [Unicode.Scalar](repeating: "\0", count: count)
    scalars.withUnsafeMutableBufferPointer { buffer in
      var index = 0
      for position in 0..<count {
        // Valid UTF-8: every sequence decodes to a scalar.
        buffer[position] = Unicode.Scalar(decodeUTF8(UnsafeRawBufferPointer(bytes), &index)) ?? "\u{FFFD}"
      }
    }
    return scalars
  }

  /// Latin a–z.
  @inline(__always)
  static func isLowercaseLatin(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 0x61 && scalar.value <= 0x7A
  }

  /// Closing quotes and brackets that may follow a sentence's final punctuation.
  static func isClosing(_ scalar: Unicode.Scalar) -> Bool {
    "\"')]}”’»」』）】〕〉》".unicodeScalars.contains(scalar)
  }

  /// Punctuation that ends a sentence or introduces what follows.
  static func isTerminal(_ scalar: Unicode.Scalar) -> Bool {
    ".!?:;…。！？：；．".unicodeScalars.contains(scalar)
  }

  /// The number of Unicode scalars in valid UTF-8: the bytes that are no continuation byte
  /// (10xxxxxx), counted eight at a time.
  static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    var continuation = 0
    var index = 0
    while index + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // A continuation byte has its top bit set and the bit below it clear.
      continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
      index += 8
    }
    while index < bytes.count {
      if bytes[index] & 0xC0 == 0x80 { continuation += 1 }
      index += 1
    }
    return bytes.count - continuation
  }

  /// The scalar whose UTF-8 encoding starts at `bytes[index]` (already validated text),
  /// advancing `index` past it; U+FFFD for a sequence cut short by the end.
  @inline(__always)
  static func decodeUTF8(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) -> UInt32 {
    let lead = UInt32(bytes[index])
    // ASCII and three-byte sequences (nearly all of Chinese text) without the general loop.
    if lead < 0x80 {
      index += 1
      return lead
    }
    if lead & 0xF0 == 0xE0, index + 3 <= bytes.count {
      let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
      index += 3
      return value
    }
    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    guard index + length <= bytes.count else {
      index = bytes.count
      return 0xFFFD
    }
    var value = lead & (0xFF >> (length + 1))
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    index += length
    return value
  }
}

extension String {
  /// The text of a run of Unicode scalars, encoded to UTF-8 in one pass (appending them
  /// one by one to a `String.UnicodeScalarView` costs several times more).
  init<Scalars: Collection>(scalars: Scalars) where Scalars.Element == Unicode.Scalar {
    var capacity = 0
    for scalar in scalars { capacity += UTF8.width(scalar) }
    self.init(unsafeUninitializedCapacity: capacity) { buffer in
      var index = 0
      for scalar in scalars {
        UTF8.encode(scalar) { unit in
          buffer[index] = unit
          index += 1
        }
      }
      return index
    }
  }
}
