/// A line of a pair set that is not a pair.
public struct PairSetError: Error, Sendable, Hashable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int

  /// Creates an error for `line`.
  public init(line: Int) { self.line = line }

  public var description: String {
    "line \(line): not a pair (expected SIMPLIFIED<TAB>TRADITIONAL or ID<TAB>SIMPLIFIED<TAB>TRADITIONAL)"
  }
}

/// Reads a pair set (a translation memory exported as tab-separated text): one pair a line,
/// `SIMPLIFIED<TAB>TRADITIONAL` or `ID<TAB>SIMPLIFIED<TAB>TRADITIONAL`; blank lines and
/// lines starting with `#` are skipped. Each pair becomes a Simplified and a Traditional
/// segment pointing at its exact columns.
public struct PairSetReader: Sendable {
  /// Creates a reader.
  public init() {}

  /// The segments of a pair set, Simplified then Traditional for each pair, numbered from 1.
  public func read(text: String, file: String) throws(PairSetError) -> [Segment] {
    var segments: [Segment] = []
    for (index, line) in Reader.lines(of: text).enumerated() {
      let number = index + 1
      if line.allSatisfy(Characters.isWhitespace) || line.first == "#" { continue }
      var fields: [Range<Int>] = []
      var start = 0
      for (offset, scalar) in line.enumerated() where scalar == "\t" {
        fields.append(start..<offset)
        start = offset + 1
      }
      fields.append(start..<line.count)
      guard fields.count == 2 || fields.count == 3 else { throw PairSetError(line: number) }
      let (simplified, traditional) = (fields[fields.count - 2], fields[fields.count - 1])
      guard !simplified.isEmpty, !traditional.isEmpty else { throw PairSetError(line: number) }
      for (range, script) in [(simplified, Script.simplified), (traditional, Script.traditional)] {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: line[range])
        let start = SourcePosition(line: number, column: range.lowerBound + 1)
        segments.append(
          Segment(
            id: segments.count + 1, kind: .paragraph, text: String(text),
            range: SourceRange(
              file: file, start: start, end: SourcePosition(line: number, column: range.upperBound + 1)),
            script: script, positions: SourcePositions(start: start, count: range.count)))
      }
    }
    return segments
  }
}
