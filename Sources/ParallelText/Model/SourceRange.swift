/// A position in a source file: 1-based line and column, columns counted in Unicode scalars.
public struct SourcePosition: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// 1-based line number.
  public var line: Int
  /// 1-based column, in Unicode scalars.
  public var column: Int

  /// Creates a position from a 1-based line and column.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }

  public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// A span of a source file; `end` is one past the last character.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
  /// The file the span belongs to, as given by the user.
  public var file: String
  /// The first character.
  public var start: SourcePosition
  /// One past the last character.
  public var end: SourcePosition

  /// Creates a span of `file` from `start` up to (not including) `end`.
  public init(file: String, start: SourcePosition, end: SourcePosition) {
    self.file = file
    self.start = start
    self.end = end
  }

  public var description: String { "\(file):\(start)-\(end)" }
}
