/// Labels segments with their script and splits a line that holds two scripts separated
/// by ` / ` (a bilingual title) into one segment per script.
public struct ScriptDetector: Sendable {
  private let variants: HanVariants

  /// Creates a detector over the given Han variant tables.
  public init(variants: HanVariants = .icu) { self.variants = variants }

  /// The script label of a text.
  public func label(_ text: some StringProtocol) -> Script {
    ScriptProfile(text, variants: variants).label
  }

  /// Labels every segment, splitting bilingual ` / ` lines, and renumbers the result from
  /// `firstID` in document order.
  public func label(_ segments: [Segment], firstID: Int = 1) -> [Segment] {
    var result: [Segment] = []
    result.reserveCapacity(segments.count)
    for segment in segments {
      for var part in split(segment) {
        part.id = firstID + result.count
        result.append(part)
      }
    }
    return result
  }

  /// True when the text holds ` / ` (a byte scan: Foundation's `contains` costs more than
  /// labelling the segment).
  private static func holdsSeparator(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
      guard bytes.count >= 3 else { return false }
      for index in 1..<(bytes.count - 1) where bytes[index] == 0x2F {
        if bytes[index - 1] == 0x20, bytes[index + 1] == 0x20 { return true }
      }
      return false
    }
  }

  private func split(_ segment: Segment) -> [Segment] {
    var labelled = segment
    labelled.script = label(segment.text)
    guard segment.range.start.line == segment.range.end.line || segment.kind == .heading,
      Self.holdsSeparator(segment.text)
    else { return [labelled] }
    let scalars = Array(segment.text.unicodeScalars)
    guard scalars.count >= 5 else { return [labelled] }
    var parts: [Range<Int>] = []
    var start = 0
    var index = 0
    while index + 2 < scalars.count {
      if scalars[index] == " ", scalars[index + 1] == "/", scalars[index + 2] == " " {
        parts.append(start..<index)
        start = index + 3
        index += 3
      } else {
        index += 1
      }
    }
    parts.append(start..<scalars.count)
    let labels = parts.map { label(String(scalars: scalars[$0])) }
    guard Set(labels).count == parts.count, !labels.contains(.common) else { return [labelled] }
    return zip(parts, labels).map { range, script in
      Segment(
        id: segment.id, kind: segment.kind, text: String(scalars: scalars[range]),
        range: segment.sourceRange(scalars: range), script: script,
        positions: segment.positions.extracting(range))
    }
  }
}
