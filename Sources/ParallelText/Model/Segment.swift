/// What a segment is in the structure of its document.
public enum SegmentKind: String, Sendable, Codable, Hashable {
  /// A block of running text.
  case paragraph
  /// A `#` heading.
  case heading
  /// One item of a bulleted or numbered list.
  case listItem
}

/// A paragraph, heading or list item of one script, with the exact source span it came from.
public struct Segment: Sendable, Hashable, Identifiable {
  /// Unique within one run; assigned in document order starting at 1.
  public var id: Int
  /// Structural kind.
  public var kind: SegmentKind
  /// The text as a reader sees it: hard wraps joined, Markdown markers removed.
  public var text: String
  /// Where the segment sits in its file.
  public var range: SourceRange
  /// The script label (`Latn`, `Hans`, `Hant`, ...); `Zyyy` until detected.
  public var script: Script
  /// For each Unicode scalar of `text`, the source position it came from.
  public var positions: SourcePositions

  /// Creates a segment; `positions` must hold one entry per Unicode scalar of `text`.
  public init(
    id: Int, kind: SegmentKind, text: String, range: SourceRange, script: Script = .common,
    positions: SourcePositions
  ) {
    self.id = id
    self.kind = kind
    self.text = text
    self.range = range
    self.script = script
    self.positions = positions
  }

  /// Creates a segment from one position per Unicode scalar of `text`.
  public init(
    id: Int, kind: SegmentKind, text: String, range: SourceRange, script: Script = .common,
    positions: [SourcePosition]
  ) {
    self.init(
      id: id, kind: kind, text: text, range: range, script: script, positions: SourcePositions(positions))
  }

  /// A paragraph that is the whole of line 1 of a synthetic file `file` (a pair of strings
  /// checked outside any document).
  init(id: Int, line text: String, file: String, script: Script) {
    let count = text.unicodeScalars.count
    self.init(
      id: id, kind: .paragraph, text: text,
      range: SourceRange(file: file, start: .init(line: 1, column: 1), end: .init(line: 1, column: count + 1)),
      script: script, positions: SourcePositions(start: SourcePosition(line: 1, column: 1), count: count))
  }

  /// The file this segment comes from.
  public var file: String { range.file }

  /// The source span of the scalars `offsets` (scalar offsets into `text`, end exclusive).
  public func sourceRange(scalars offsets: Range<Int>) -> SourceRange {
    guard !positions.isEmpty else { return range }
    let lower = min(max(offsets.lowerBound, 0), positions.count - 1)
    let upper = min(max(offsets.upperBound, lower + 1), positions.count)
    var end = positions[upper - 1]
    end.column += 1
    return SourceRange(file: range.file, start: positions[lower], end: end)
  }
}
