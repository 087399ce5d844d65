#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
    try Self.readLines(bytes, firstLine: firstLine, pairs: 0, file: file, sorting: nil).get().segments
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
  }

  /// What a chunk of a pair set holds, counted before it is read.
  struct ChunkCount: Sendable, Equatable {
    /// Lines, blank lines and comments too.
    var lines = 0
    /// Pairs.
    var pairs = 0
  }

  /// `read(utf8:file:firstLine:)` with each pair decided by `sorting` (all kept when nil);
  /// `pairs` is about how many pairs the lines hold (0 when unknown). Kept out of line, so
  /// that a profile shows reading apart from checking.
  @inline(never)
  func read(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, pairs: Int, sorting: PairSorter?)
    throws(PairSetError) -> Pairs
  {
    try Self.readLines(bytes, firstLine: firstLine, pairs: pairs, file: file, sorting: sorting).get()
  }

  /// The first line of the UTF-8 text that is not a pair (nor blank, nor a comment), if any:
  /// a check of the whole set before any of it is read into segments. A large set is
  /// checked in chunks on all cores.
  public func firstError(utf8 bytes: UnsafeBufferPointer<UInt8>) -> PairSetError? {
    let chunks = ConcurrentChunks.count(bytes: bytes.count)
    do {
      _ = try counts(utf8: bytes, chunks: Self.bounds(bytes, in: 0..<bytes.count, every: bytes.count / chunks + 1))
      return nil
    } catch {
      return error
    }
  }

  /// The lines and pairs of each chunk of the UTF-8 text, the chunks ending at `bounds`
  /// (``bounds(_:in:every:)``), counted on all cores when the text is large
  /// (``ConcurrentChunks/map(_:holding:_:)``); or the first line that is not a pair (nor
  /// blank, nor a comment).
  func counts(utf8 bytes: UnsafeBufferPointer<UInt8>, chunks bounds: [Int]) throws(PairSetError) -> [ChunkCount] {
    nonisolated(unsafe) let bytes = bytes
    // A chunk stops counting at its first bad line, which only chunks before the first bad
    // one need.
    let chunks = ConcurrentChunks.map(bounds.count - 1, holding: bytes.count) { chunk in
      var count = ChunkCount()
      var bad: Int?
      Self.forEachLine(in: UnsafeBufferPointer(rebasing: bytes[bounds[chunk]..<bounds[chunk + 1]])) { line in
        count.lines += 1
        if Self.isSkipped(line) { return true }
        guard Self.fieldRanges(of: line) != nil else {
          bad = count.lines
          return false
        }
        count.pairs += 1
        return true
      }
      return (count: count, bad: bad)
    }
    var before = 0
    for chunk in chunks {
      if let bad = chunk.bad { throw PairSetError(line: before + bad) }
      before += chunk.count.lines
    }
    return chunks.map(\.count)
  }

  /// Where the chunks of `range` start, and its end: each chunk is whole lines, `size` bytes
  /// or more (the last may be less), ending after a line feed so that no line (nor a CR LF
  /// pair) is split. An empty range is one empty chunk.
  static func bounds(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, every size: Int) -> [Int] {
    var bounds = [range.lowerBound]
    var end = range.lowerBound
    while range.upperBound - end > size {
      end = offset(of: 0x0A, in: bytes, from: end + max(size, 1) - 1, to: range.upperBound) + 1
      guard end < range.upperBound else { break }
      bounds.append(end)
    }
    bounds.append(range.upperBound)
    return bounds
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

  /// The segments of some lines (holding about `pairs` pairs, 0 when unknown), the first
  /// numbered `firstLine`, ids from 1 (pair k: 2k − 1 and 2k), each pair as `sorting` decides.
  /// Or the first line that is not a pair.
  private static func readLines(
    _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, pairs expected: Int, file: String, sorting: PairSorter?
  ) -> Result<Pairs, PairSetError> {
    var pairs = Pairs()
    pairs.segments.reserveCapacity(sorting == nil ? 2 * expected : 0)
    var number = firstLine - 1
    var error: PairSetError?
    // Unwrapped once (without a sorter every pair is kept): unwrapping it for each line would
    // copy the closure, and update its context's reference count, which every core's pieces
    // share.
    let sort = sorting ?? { _, _ in .keep }
    forEachLine(in: bytes) { line in
      number += 1
      if isSkipped(line) { return true }
      guard let ranges = fieldRanges(of: line) else {
        error = PairSetError(line: number)
        return false
      }
      pairs.count += 1
      switch sort(UnsafeBufferPointer(rebasing: line[ranges.0]), UnsafeBufferPointer(rebasing: line[ranges.1])) {
      case .omit: return true
      case .keep: break
      case .keepMarked: pairs.marked.append(pairs.count)
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
