/// Renders documents as the JSON contract (version 1): files, segments, units, findings.
public struct JSONRenderer: Sendable {
  /// Creates the renderer.
  public init() {}

  /// One JSON object for all documents, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    var out = JSONWriter()
    out.raw("{\"version\":1,\"files\":[")
    out.list(documents.flatMap(\.files)) { out, file in out.string(file) }
    out.raw("],\"segments\":[")
    out.list(documents.flatMap(\.segments)) { out, segment in
      out.raw("{\"id\":")
      out.number(segment.id)
      out.raw(",\"file\":")
      out.string(segment.file)
      out.position(segment.range)
      out.raw(",\"kind\":")
      out.string(segment.kind.rawValue)
      out.raw(",\"script\":")
      out.string(segment.script.rawValue)
      out.raw(",\"text\":")
      out.string(segment.text)
      out.raw("}")
    }
    out.raw("],\"units\":[")
    out.list(documents.flatMap(\.units)) { out, unit in
      out.raw("{\"id\":")
      out.number(unit.id)
      out.raw(",\"segments\":{")
      out.list(unit.scripts) { out, script in
        out.string(script.rawValue)
        out.raw(":[")
        out.list(unit.segments[script] ?? []) { out, id in out.number(id) }
        out.raw("]")
      }
      out.raw("},\"confidence\":\(unit.confidence)")
      if let repeatOf = unit.repeatOf { out.raw(",\"repeatOf\":\(repeatOf)") }
      out.raw("}")
    }
    out.raw("],\"findings\":[")
    out.list(documents.flatMap(\.findings)) { out, finding in
      out.raw("{\"rule\":")
      out.string(finding.rule)
      out.raw(",\"severity\":")
      out.string(finding.severity.rawValue)
      out.raw(",\"file\":")
      out.string(finding.range.file)
      out.position(finding.range)
      out.raw(",\"message\":")
      out.string(finding.message)
      out.raw(",\"actual\":")
      out.optionalString(finding.actual)
      out.raw(",\"expected\":")
      out.optionalString(finding.expected)
      if let unit = finding.unit {
        out.raw(",\"unit\":")
        out.number(unit)
      }
      out.raw("}")
    }
    out.raw("]}\n")
    return out.text
  }
}

/// Builds JSON text with RFC 8259 string escaping, as UTF-8 bytes.
struct JSONWriter {
  private var bytes: [UInt8] = []

  /// The JSON written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }

  mutating func raw(_ fragment: String) { bytes.appendUTF8(fragment) }

  mutating func number(_ value: Int) { bytes.appendDecimal(value) }

  mutating func list<T>(_ items: [T], _ body: (inout JSONWriter, T) -> Void) {
    for (index, item) in items.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      body(&self, item)
    }
  }

  mutating func position(_ range: SourceRange) {
    raw(",\"line\":")
    number(range.start.line)
    raw(",\"column\":")
    number(range.start.column)
    raw(",\"endLine\":")
    number(range.end.line)
    raw(",\"endColumn\":")
    number(range.end.column)
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  mutating func string(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    // Nearly every string has nothing to escape: appended whole, not scalar by scalar.
    guard Self.needsEscaping(value) else {
      bytes.appendUTF8(value)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": raw("\\\"")
      case "\\": raw("\\\\")
      case "\n": raw("\\n")
      case "\r": raw("\\r")
      case "\t": raw("\\t")
      case "\u{2028}": raw("\\u2028")
      case "\u{2029}": raw("\\u2029")
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
        } else {
          UTF8.encode(scalar) { bytes.append($0) }
        }
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether the text has something `string` escapes: a control character, `"`, `\`, or
  /// U+2028 / U+2029 (UTF-8 E2 80 A8 / E2 80 A9).
  private static func needsEscaping(_ value: String) -> Bool {
    var value = value
    return value.withUTF8 { bytes in
      var previous: (UInt8, UInt8) = (0, 0)
      for byte in bytes {
        if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
        if byte == 0xA8 || byte == 0xA9, previous == (0xE2, 0x80) { return true }
        previous = (previous.1, byte)
      }
      return false
    }
  }
}
