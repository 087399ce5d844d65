/// Output built as UTF-8 bytes: appending to a `String` piece by piece cost hundreds of
/// instructions a piece, more than the work whose results it wrote.
extension Array where Element == UInt8 {
  /// Appends a string's UTF-8, copied from its storage in place.
  mutating func appendUTF8(_ text: String) {
    var text = text
    text.withUTF8 { append(contentsOf: $0) }
  }

  /// Appends the decimal digits of `value`.
  mutating func appendDecimal(_ value: Int) {
    guard value >= 0 else { return append(contentsOf: String(value).utf8) }
    if value >= 10 { appendDecimal(value / 10) }
    append(UInt8(ascii: "0") + UInt8(value % 10))
  }

  /// Appends `count` copies of a byte (padding).
  mutating func append(_ byte: UInt8, count: Int) {
    append(contentsOf: repeatElement(byte, count: Swift.max(0, count)))
  }
}
