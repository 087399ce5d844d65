import CICUShim

/// Renders documents for a terminal: each unit's scripts side by side in columns wrapped to
/// the width, findings as `FILE:LINE:COL: severity: message [rule]`, and a summary.
public struct TextRenderer: Sendable {
  /// The total width in terminal cells.
  public var width: Int
  /// Whether to use ANSI colours (never when NO_COLOR is set; the CLI decides).
  public var color: Bool

  /// Creates a renderer for a terminal `width` cells wide.
  public init(width: Int = 100, color: Bool = false) {
    self.width = max(width, 20)
    self.color = color
  }

  /// The aligned units of every document, then all findings and a summary line per document.
  public func render(_ documents: [Document]) -> String {
    var out = ""
    for document in documents { out += renderUnits(document) }
    out += renderFindings(documents)
    for document in documents { out += summary(document) + "\n" }
    return out
  }

  /// The findings alone, one line each.
  public func renderFindings(_ documents: [Document]) -> String {
    // UTF-8 appended into one reserved byte buffer, numbers written digit by digit: appending
    // to a String cost about 400 instructions a piece (a pair set can have a finding on
    // every other line).
    var out: [UInt8] = []
    out.reserveCapacity(documents.reduce(0) { $0 + 128 * $1.findings.count })
    // The severity words as painted, once; a String's UTF-8 appended in place (small strings
    // have no contiguous storage of their own to copy from).
    func painted(_ severity: Severity) -> [UInt8] { Array(paint(severity.rawValue, Self.severityColor(severity)).utf8) }
    let (note, warning, error) = (painted(.note), painted(.warning), painted(.error))
    for document in documents {
      for finding in document.findings {
        out.appendUTF8(finding.range.file)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(finding.range.start.line)
        out.append(UInt8(ascii: ":"))
        out.appendDecimal(finding.range.start.column)
        out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
        switch finding.severity {
        case .note: out += note
        case .warning: out += warning
        case .error: out += error
        }
        out += [UInt8(ascii: ":"), UInt8(ascii: " ")]
        out.appendUTF8(finding.message)
        out += [UInt8(ascii: " "), UInt8(ascii: "[")]
        out.appendUTF8(finding.rule)
        out += [UInt8(ascii: "]"), UInt8(ascii: "\n")]
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `FILE: N units (T translated), E errors, W warnings`.
  public func summary(_ document: Document) -> String { summary(file: document.file, Tally(document)) }

  /// The summary line of a file read in parts, from the parts' tallies added up.
  public func summary(file: String, _ tally: Tally) -> String {
    var parts = [
      "\(tally.units) units (\(tally.translated) translated)", Self.count(tally.errors, "error"),
      Self.count(tally.warnings, "warning"),
    ]
    if tally.notes > 0 { parts.append(Self.count(tally.notes, "note")) }
    return "\(file): " + parts.joined(separator: ", ")
  }

  /// What a summary line counts: units, translated units and findings by severity.
  public struct Tally: Sendable, Equatable {
    /// Units.
    public var units = 0
    /// Units with more than one script.
    public var translated = 0
    /// Error findings.
    public var errors = 0
    /// Warning findings.
    public var warnings = 0
    /// Note findings.
    public var notes = 0

    /// Nothing counted yet.
    public init() {}

    /// The counts of one document.
    public init(_ document: Document) {
      units = document.units.count
      translated = document.units.count(where: \.isTranslated)
      for finding in document.findings {
        switch finding.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
      }
    }

    /// The counts of two parts together.
    public static func + (lhs: Tally, rhs: Tally) -> Tally {
      var sum = lhs
      sum.units += rhs.units
      sum.translated += rhs.translated
      sum.errors += rhs.errors
      sum.warnings += rhs.warnings
      sum.notes += rhs.notes
      return sum
    }
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  private func renderUnits(_ document: Document) -> String {
    let scripts = Array(Set(document.units.flatMap(\.scripts))).sorted()
    guard !scripts.isEmpty else { return paint("\(document.file): no text\n", "2") }
    let separator = " │ "
    let columnWidth = max(8, (width - (scripts.count - 1) * separator.count) / scripts.count)
    let highlights = highlightedOffsets(document)
    // UTF-8 appended into byte buffers, padding as repeated bytes: building each row as a
    // String (and its padding with String(repeating:count:)) cost more than aligning.
    let paintedSeparator = Array(paint(separator, "2").utf8)
    var out: [UInt8] = []
    out.appendUTF8(paint("\(document.file)", "1") + "\n")
    var line: [UInt8] = []
    for unit in document.units {
      let segments = unit.segmentIDs.compactMap(document.segment)
      let first = segments.map(\.range.start.line).min() ?? 0
      let last = segments.map(\.range.end.line).max() ?? 0
      var header = "── \(unit.id) · line\(first == last ? " \(first)" : "s \(first)–\(last)") · \(unit.confidence)"
      if let repeatOf = unit.repeatOf { header += " · repeats \(repeatOf)" }
      header += " "
      if color { out.appendUTF8("\u{1B}[2m") }
      out.appendUTF8(header)
      for _ in 0..<max(0, width - Self.displayWidth(header)) { out += [0xE2, 0x94, 0x80] }  // ─
      if color { out.appendUTF8("\u{1B}[0m") }
      out.append(0x0A)
      let columns = scripts.map { script -> [Line] in
        let ids = unit.segments[script] ?? []
        return ids.enumerated().flatMap { index, id -> [Line] in
          guard let segment = document.segment(id) else { return [] }
          let lines = wrap(segment, width: columnWidth, highlights: highlights[id] ?? [:])
          return index == 0 ? lines : [Line()] + lines
        }
      }
      let height = columns.map(\.count).max() ?? 0
      for row in 0..<height {
        line.removeAll(keepingCapacity: true)
        for (index, column) in columns.enumerated() {
          var cellWidth = 0
          if row < column.count {
            line += column[row].bytes
            cellWidth = column[row].width
          }
          if index < columns.count - 1 {
            line.append(0x20, count: columnWidth - cellWidth)
            line += paintedSeparator
          }
        }
        while line.last == 0x20 { line.removeLast() }
        out += line
        out.append(0x0A)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// One wrapped line of a column: its rendered text (maybe coloured) as UTF-8, and its
  /// display width.
  private struct Line {
    var bytes: [UInt8] = []
    var width = 0
  }

  /// Wraps a segment's text to `width` cells: at spaces in Latin text, anywhere in CJK.
  private func wrap(_ segment: Segment, width: Int, highlights: [Int: Severity]) -> [Line] {
    let scalars = Characters.scalars(of: segment.text)
    let widths = scalars.map(Self.cellWidth)
    var lines: [Line] = []
    var start = 0
    while start < scalars.count {
      var used = 0
      var end = start
      var lastBreak: Int?
      while end < scalars.count {
        let cells = widths[end]
        if used + cells > width, end > start { break }
        used += cells
        end += 1
        if end < scalars.count,
          scalars[end] == " " || Characters.isCJK(scalars[end]) || Characters.isCJK(scalars[end - 1])
        {
          lastBreak = end
        }
      }
      if end < scalars.count, let lastBreak, lastBreak > start { end = lastBreak }
      lines.append(render(scalars, widths, start..<end, highlights: highlights))
      start = end
      while start < scalars.count, scalars[start] == " " { start += 1 }
    }
    return lines
  }

  private func render(
    _ scalars: [Unicode.Scalar], _ widths: [Int], _ range: Range<Int>, highlights: [Int: Severity]
  ) -> Line {
    var line = Line()
    line.bytes.reserveCapacity(3 * range.count)
    var current: Severity?
    for offset in range {
      if color, case let severity = highlights[offset], severity != current {
        line.bytes.appendUTF8(severity.map { "\u{1B}[\(Self.severityColor($0));4m" } ?? "\u{1B}[0m")
        current = severity
      }
      UTF8.encode(scalars[offset]) { line.bytes.append($0) }
      line.width += widths[offset]
    }
    if color, current != nil { line.bytes.appendUTF8("\u{1B}[0m") }
    while line.width > 0, line.bytes.last == 0x20 {
      line.bytes.removeLast()
      line.width -= 1
    }
    return line
  }

  /// The terminal cells a character takes (ICU's East Asian width; marks and format
  /// characters none), printable ASCII and the main CJK block answered without asking ICU.
  @inline(__always)
  static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.value {
    case 0x20...0x7E: 1
    case 0x4E00...0x9FFF: 2
    default: Int(ptx_icu_display_width(scalar.value))
    }
  }

  /// For each segment, the text offsets that findings point at, with the worst severity.
  private func highlightedOffsets(_ document: Document) -> [Int: [Int: Severity]] {
    guard color else { return [:] }
    var result: [Int: [Int: Severity]] = [:]
    // Segments are in document order and their positions ascend, so binary searches find
    // what a finding covers: linear in the findings, not findings × characters.
    let segments = document.segments
    for finding in document.findings where finding.rule != Rule.missingTranslation.id {
      var index = Self.partition(segments.count) { segments[$0].range.end > finding.range.start }
      while index < segments.count, segments[index].range.start < finding.range.end {
        let segment = segments[index]
        index += 1
        guard segment.file == finding.range.file else { continue }
        var offset = Self.partition(segment.positions.count) { segment.positions[$0] >= finding.range.start }
        while offset < segment.positions.count, segment.positions[offset] < finding.range.end {
          result[segment.id, default: [:]][offset] = max(result[segment.id]?[offset] ?? .note, finding.severity)
          offset += 1
        }
      }
    }
    return result
  }

  /// The first index in `0..<count` for which `isAfter` holds (it holds for a suffix).
  private static func partition(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if isAfter(middle) { high = middle } else { low = middle + 1 }
    }
    return low
  }

  private static func severityColor(_ severity: Severity) -> String {
    switch severity {
    case .error: "31"
    case .warning: "33"
    case .note: "36"
    }
  }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  private static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + cellWidth($1) }
  }
}
