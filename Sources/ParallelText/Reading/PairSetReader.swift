import Foundation

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
    var text = text
    let result = text.withUTF8 { bytes in
      Result { () throws(PairSetError) in try read(utf8: bytes, file: file, firstLine: 1) }
    }
    return try result.get()
  }

  /// The segments of whole lines of a pair set's UTF-8 (validated) text, the first of them
  /// line `firstLine` of the file; ids from 1.
  public func read(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int) throws(PairSetError)
    -> [Segment]
  {
    try Self.readPairs(utf8: bytes, file: file, firstLine: firstLine, sorting: nil).segments
  }

  /// What becomes of a pair as it is read, decided from its two fields' UTF-8.
  enum PairDecision {
    /// No segments: the pair is only counted.
    case omit
    /// Segments.
    case keep
    /// Segments, and the pair's number among those marked (the decider's finding about it,
    /// passed on).
    case keepMarked
  }

  /// Decides a pair from its two fields' UTF-8, Simplified then Traditional.
  typealias PairSorter = @Sendable (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> PairDecision

  /// The pairs of (part of) a pair set as read.
  struct Pairs: Sendable {
    /// The segments of the pairs not omitted: pair k has ids 2k − 1 and 2k.
    var segments: [Segment] = []
    /// How many pairs were read, omitted or not.
    var count = 0
    /// The numbers (from 1) of the pairs kept marked, in order.
    var marked: [Int] = []
    /// How many lines were read (blank lines and comments too).
    var lines = 0
  }

  /// `read(utf8:file:firstLine:)` with each pair decided by `sorting` (all kept when nil).
  func read(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, sorting: PairSorter?)
    throws(PairSetError) -> Pairs
  {
    try Self.readPairs(utf8: bytes, file: file, firstLine: firstLine, sorting: sorting)
  }

  /// The first line of the UTF-8 text that is not a pair (nor blank, nor a comment), if any:
  /// a check of the whole set before any of it is read into segments. A large set is
  /// checked in chunks on all cores.
  public func firstError(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PairSetError? {
    nonisolated(unsafe) let bytes = bytes
    let bounds = Self.chunkBounds(bytes, minimumSize: 1 << 20)
    // Per chunk, its number of lines and its first line (from 1) that is not a pair; a chunk
    // stops counting at that line, which only chunks before the first bad one need.
    let chunks = ConcurrentChunks.map(bounds.count - 1) { chunk in
      var lines = 0
      var bad: Int?
      Self.forEachLine(in: UnsafeBufferPointer(rebasing: bytes[bounds[chunk]..<bounds[chunk + 1]])) { line in
        lines += 1
        guard Self.fieldRanges(of: line) != nil || Self.isSkipped(line) else {
          bad = lines
          return false
        }
        return true
      }
      return (lines: lines, bad: bad)
    }
    var before = 0
    for chunk in chunks {
      if let bad = chunk.bad { return PairSetError(line: before + bad) }
      before += chunk.lines
    }
    return nil
  }

  /// Where chunks of whole lines start, and the end: about `minimumSize` bytes or more each,
  /// a few per core (one on one core), each ending after a line feed so that no line (nor
  /// a CR LF pair) is split.
  private static func chunkBounds(_ bytes: UnsafeBufferPointer<UInt8>, minimumSize: Int) -> [Int] {
    var bounds = [0]
    let chunks = ConcurrentChunks.count(items: bytes.count, minimumSize: minimumSize)
    for chunk in 1..<max(chunks, 1) {
      var end = max(ConcurrentChunks.range(chunk, of: chunks, total: bytes.count).lowerBound, bounds.last!)
      end = offset(of: 0x0A, in: bytes, from: end, to: bytes.count)
      bounds.append(min(end + 1, bytes.count))
    }
    bounds.append(bytes.count)
    return bounds
  }

  /// The number of lines in the UTF-8 bytes (a last line without a line break counts).
  public static func lineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var lines = 0
    forEachLine(in: bytes) { _ in
      lines += 1
      return true
    }
    return lines
  }

  /// Splits the UTF-8 bytes at line breaks (LF, CR, CRLF) and tabs; columns count Unicode
  /// scalars. A large pair set is read in chunks on all cores (`chunkBounds`), and a first
  /// pass counts each chunk's lines so that every chunk knows its first line number. Chunks
  /// are smaller when pairs are sorted (the sorting costs far more than reading).
  private static func readPairs(
    utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, sorting: PairSorter?
  ) throws(PairSetError) -> Pairs {
    nonisolated(unsafe) let bytes = bytes
    let bounds = chunkBounds(bytes, minimumSize: sorting == nil ? 1 << 20 : 1 << 16)
    // Line numbers where each chunk starts (and, past the last, one more than the last line).
    var firstLines = [firstLine]
    if bounds.count > 2 {
      for lines in ConcurrentChunks.map(
        bounds.count - 1,
        { [bounds] chunk in lineCount(UnsafeBufferPointer(rebasing: bytes[bounds[chunk]..<bounds[chunk + 1]])) })
      {
        firstLines.append(firstLines.last! + lines)
      }
    }
    let results = ConcurrentChunks.map(bounds.count - 1) { [bounds, firstLines] chunk in
      readLines(
        UnsafeBufferPointer(rebasing: bytes[bounds[chunk]..<bounds[chunk + 1]]), firstLine: firstLines[chunk],
        lines: firstLines.count > chunk + 1 ? firstLines[chunk + 1] - firstLines[chunk] : 0, file: file,
        sorting: sorting)
    }
    guard results.count > 1 else { return try results[0].get() }
    var pairs = Pairs()
    pairs.segments.reserveCapacity(sorting == nil ? 2 * (firstLines.last! - firstLine) : 0)
    for result in results {
      let chunk = try result.get()
      // Ids and numbers follow the pairs of the chunks before.
      pairs.segments += chunk.segments.map { segment in
        var segment = segment
        segment.id += 2 * pairs.count
        return segment
      }
      pairs.marked += chunk.marked.map { $0 + pairs.count }
      pairs.count += chunk.count
      pairs.lines += chunk.lines
    }
    return pairs
  }

  /// Calls `body` with each line of the bytes (without its line break) until it returns
  /// false. Line breaks are found by `memchr`, not byte by byte; the next LF and the next CR
  /// are each searched for once and kept until passed, so a file of CR-only breaks is still
  /// read in linear time.
  private static func forEachLine(
    in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool
  ) {
    var lineStart = 0
    let end = bytes.count
    var nextLF = -1
    var nextCR = -1
    while lineStart < end {
      if nextLF < lineStart { nextLF = offset(of: 0x0A, in: bytes, from: lineStart, to: end) }
      if nextCR < lineStart { nextCR = offset(of: 0x0D, in: bytes, from: lineStart, to: end) }
      let lineEnd = min(nextLF, nextCR)
      guard body(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])) else { return }
      // A CR LF pair ends one line.
      lineStart = lineEnd + (lineEnd + 1 < end && bytes[lineEnd] == 0x0D && bytes[lineEnd + 1] == 0x0A ? 2 : 1)
    }
  }

  /// The offset of the first `byte` in `bytes[from..<to]`, or `to` when there is none.
  @inline(__always)
  private static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
    guard from < to, let base = bytes.baseAddress, let found = memchr(base + from, Int32(byte), to - from) else {
      return to
    }
    return UnsafeRawPointer(found) - UnsafeRawPointer(base)
  }

  /// The tabs of a line: how many (counting stops at three, which is already too many for a
  /// pair) and the offsets of the first two (the line's length where there are fewer).
  private static func tabs(in line: UnsafeBufferPointer<UInt8>) -> (count: Int, first: Int, second: Int) {
    let first = offset(of: 0x09, in: line, from: 0, to: line.count)
    guard first < line.count else { return (0, line.count, line.count) }
    let second = offset(of: 0x09, in: line, from: first + 1, to: line.count)
    guard second < line.count else { return (1, first, line.count) }
    let third = offset(of: 0x09, in: line, from: second + 1, to: line.count)
    return (third < line.count ? 3 : 2, first, second)
  }

  /// The segments of some lines (about `lines` of them, 0 when unknown), the first numbered
  /// `firstLine`, ids from 1 (pair k: 2k − 1 and 2k), each pair as `sorting` decides. Or the
  /// first line that is not a pair.
  private static func readLines(
    _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, lines: Int, file: String, sorting: PairSorter?
  ) -> Result<Pairs, PairSetError> {
    var pairs = Pairs()
    pairs.segments.reserveCapacity(sorting == nil ? 2 * lines : 0)
    var number = firstLine - 1
    var error: PairSetError?
    forEachLine(in: bytes) { line in
      number += 1
      pairs.lines += 1
      if isSkipped(line) { return true }
      guard let ranges = fieldRanges(of: line) else {
        error = PairSetError(line: number)
        return false
      }
      pairs.count += 1
      if let sorting {
        switch sorting(UnsafeBufferPointer(rebasing: line[ranges.0]), UnsafeBufferPointer(rebasing: line[ranges.1])) {
        case .omit: return true
        case .keep: break
        case .keepMarked: pairs.marked.append(pairs.count)
        }
      }
      let (simplified, traditional) = fields(of: line, ranges)
      func append(_ field: Field, _ script: Script) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[field.bytes]), as: UTF8.self)
        let start = SourcePosition(line: number, column: field.column + 1)
        pairs.segments.append(
          Segment(
            id: 2 * pairs.count - (script == .simplified ? 1 : 0), kind: .paragraph, text: text,
            range: SourceRange(
              file: file, start: start, end: SourcePosition(line: number, column: field.column + field.count + 1)),
            script: script, positions: SourcePositions(start: start, count: field.count)))
      }
      append(simplified, .simplified)
      append(traditional, .traditional)
      return true
    }
    if let error { return .failure(error) }
    return .success(pairs)
  }

  /// A field of a line: its bytes, the scalar column it starts at and its length in scalars.
  private typealias Field = (bytes: Range<Int>, column: Int, count: Int)

  /// The byte ranges of a line's Simplified and Traditional fields (the last two of two or
  /// three tab-separated fields, neither empty), found by its tabs alone; nil when the line
  /// is not a pair.
  private static func fieldRanges(of line: UnsafeBufferPointer<UInt8>) -> (Range<Int>, Range<Int>)? {
    let tabs = tabs(in: line)
    guard tabs.count == 1 || tabs.count == 2 else { return nil }
    // With an ID column, the Simplified field starts after the first tab.
    let (start, middle) = tabs.count == 2 ? (tabs.first + 1, tabs.second) : (0, tabs.first)
    guard middle > start, middle + 1 < line.count else { return nil }
    return (start..<middle, (middle + 1)..<line.count)
  }

  /// The Simplified and Traditional fields of a line, from their byte ranges: columns count
  /// scalars.
  private static func fields(of line: UnsafeBufferPointer<UInt8>, _ ranges: (Range<Int>, Range<Int>)) -> (
    Field, Field
  ) {
    func scalars(_ range: Range<Int>) -> Int { Characters.scalarCount(UnsafeBufferPointer(rebasing: line[range])) }
    let (simplifiedBytes, traditionalBytes) = ranges
    let simplifiedColumn = simplifiedBytes.lowerBound == 0 ? 0 : scalars(0..<(simplifiedBytes.lowerBound - 1)) + 1
    let simplified: Field = (simplifiedBytes, simplifiedColumn, scalars(simplifiedBytes))
    let traditional: Field = (traditionalBytes, simplifiedColumn + simplified.count + 1, scalars(traditionalBytes))
    return (simplified, traditional)
  }

  /// True for a comment line (`#`) or a line of white space only.
  private static func isSkipped(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    line.first == UInt8(ascii: "#") || isBlank(line)
  }

  /// True when the line holds only white space (or nothing).
  private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    let bytes = UnsafeRawBufferPointer(line)
    var index = 0
    while index < bytes.count {
      guard Characters.isWhitespace(Characters.decodeUTF8(bytes, &index)) else { return false }
    }
    return true
  }
}
