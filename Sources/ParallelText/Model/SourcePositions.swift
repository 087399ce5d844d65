/// The source position of each Unicode scalar of a segment's text, stored as runs of
/// consecutive columns on one line (a one-line segment is a single run), so that a segment
/// costs a few words however long it is.
public struct SourcePositions: RandomAccessCollection, Sendable, Hashable {
  /// A run: from text offset `offset` on, scalars sit at `line`, `column`, `column + 1`, ...
  private struct Run: Sendable, Hashable {
    var offset: Int32
    var line: Int32
    var column: Int32
  }

  /// The first run (text offset 0), kept inline.
  private var firstLine: Int32 = 0
  private var firstColumn: Int32 = 0
  /// Runs after the first, by increasing offset; nil for a one-run segment.
  private var laterRuns: [Run]?
  /// How many scalars.
  public private(set) var count = 0

  /// No positions.
  public init() {}

  /// `count` consecutive columns on one line, starting at `start`.
  public init(start: SourcePosition, count: Int) {
    firstLine = Int32(start.line)
    firstColumn = Int32(start.column)
    self.count = count
  }

  /// The given positions, compressed into runs.
  public init(_ positions: some Sequence<SourcePosition>) {
    for position in positions { append(position) }
  }

  /// Appends the position of the next scalar.
  public mutating func append(_ position: SourcePosition) {
    defer { count += 1 }
    let line = Int32(position.line)
    let column = Int32(position.column)
    guard count > 0 else {
      firstLine = line
      firstColumn = column
      return
    }
    let last = self[count - 1]
    if last.line == position.line, last.column + 1 == position.column { return }
    if laterRuns == nil { laterRuns = [] }
    laterRuns!.append(Run(offset: Int32(count), line: line, column: column))
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(offset: Int) -> SourcePosition {
    guard let runs = laterRuns, let firstRun = runs.first, offset >= Int(firstRun.offset) else {
      return SourcePosition(line: Int(firstLine), column: Int(firstColumn) + offset)
    }
    // The last run starting at or before `offset`.
    var low = 0
    var high = runs.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if Int(runs[middle].offset) <= offset { low = middle } else { high = middle }
    }
    let run = runs[low]
    return SourcePosition(line: Int(run.line), column: Int(run.column) + offset - Int(run.offset))
  }

  /// The positions of the scalars in `range`.
  public func extracting(_ range: Range<Int>) -> SourcePositions {
    guard laterRuns != nil else {
      return range.isEmpty ? SourcePositions() : SourcePositions(start: self[range.lowerBound], count: range.count)
    }
    return SourcePositions(range.map { self[$0] })
  }
}
