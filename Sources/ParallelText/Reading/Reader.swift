/// Splits text into segments: blank-line separated paragraphs, `#` headings and list
/// items, with hard wraps joined, Markdown markers removed and every character's source
/// position kept.
public struct Reader: Sendable {
  /// Creates a reader.
  public init() {}

  /// Decodes a file's bytes and splits them into segments.
  public func read(bytes: some Collection<UInt8>, file: String) throws(TextDecodingError) -> [Segment] {
    read(text: try TextDecoder.decode(bytes), file: file)
  }

  /// Splits decoded text into segments, numbered from 1 in document order.
  public func read(text: String, file: String) -> [Segment] {
    var items: [Item] = []
    var block = BlockParser()
    var lineNumber = 0
    for line in Self.lines(of: text) {
      lineNumber += 1
      if line.allSatisfy(Characters.isWhitespace) {
        items.append(contentsOf: block.finish())
        continue
      }
      block.add(line: line, number: lineNumber)
    }
    items.append(contentsOf: block.finish())
    items = Self.rejoinBrokenParagraphs(items)
    // A block of markup alone (`__`, `**`) leaves no text: it makes no segment. Each item
    // hands its arrays over to its segment, so that memory is not held twice.
    var segments: [Segment] = []
    for index in items.indices {
      let segment = items[index].takeSegment(id: segments.count + 1, file: file)
      if segment.text.unicodeScalars.contains(where: { !Characters.isWhitespace($0) }) { segments.append(segment) }
    }
    return segments
  }

  /// The lines of `text`, split at LF, CRLF and CR.
  static func lines(of text: String) -> [[Unicode.Scalar]] {
    var text = text
    return text.withUTF8 { bytes in
      lineRanges(ofUTF8: bytes).map { Characters.scalars(ofUTF8: UnsafeBufferPointer(rebasing: bytes[$0])) }
    }
  }

  /// Where the reader's lines lie in UTF-8 `bytes`, without their endings: a line ends at
  /// LF, CRLF or a lone CR; text after the last ending is a last line. Line numbers in
  /// findings count these (``FindingFixes`` finds spans by them).
  static func lineRanges(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var lines: [Range<Int>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == 0x0A || byte == 0x0D else {
        index += 1
        continue
      }
      lines.append(start..<index)
      index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
      start = index
    }
    if start < bytes.count { lines.append(start..<bytes.count) }
    return lines
  }

  /// Joins a paragraph that a blank line broke mid-sentence: the first part ends without
  /// terminal punctuation and the next block starts with a lowercase Latin letter.
  static func rejoinBrokenParagraphs(_ items: [Item]) -> [Item] {
    var result: [Item] = []
    for item in items {
      if item.startsBlock, item.kind == .paragraph, let first = item.scalars.first,
        Characters.isLowercaseLatin(first), let previous = result.last, previous.kind == .paragraph,
        !previous.endsSentence
      {
        result[result.count - 1].append(item)
      } else {
        result.append(item)
      }
    }
    return result
  }
}

/// One segment under construction: its characters with their source positions (two
/// parallel arrays, so that the positions pass to the segment without a copy).
struct Item {
  var kind: SegmentKind
  var scalars: [Unicode.Scalar]
  var positions: [SourcePosition]
  var start: SourcePosition
  var end: SourcePosition
  /// True for the first item of a blank-line separated block.
  var startsBlock: Bool

  /// True when the text ends with terminal punctuation (possibly inside closing quotes).
  var endsSentence: Bool {
    var index = scalars.count - 1
    while index >= 0, Characters.isClosing(scalars[index]) { index -= 1 }
    return index >= 0 && Characters.isTerminal(scalars[index])
  }

  /// Appends the characters of a line (already trimmed), joining with a space unless both
  /// sides of the join are CJK.
  mutating func append(_ line: ArraySlice<Unicode.Scalar>, at linePositions: ArraySlice<SourcePosition>) {
    guard let first = line.first, let lastPosition = linePositions.last else { return }
    if let last = scalars.last, var position = positions.last, !(Characters.isCJK(last) && Characters.isCJK(first)) {
      position.column += 1
      scalars.append(" ")
      positions.append(position)
    }
    scalars.append(contentsOf: line)
    positions.append(contentsOf: linePositions)
    end = SourcePosition(line: lastPosition.line, column: lastPosition.column + 1)
  }

  /// Appends another item that continues this one across a blank line.
  mutating func append(_ other: Item) {
    append(other.scalars[...], at: other.positions[...])
    end = other.end
  }

  /// The segment of this item; the item's arrays are handed over and left empty.
  mutating func takeSegment(id: Int, file: String) -> Segment {
    var scalars: [Unicode.Scalar] = []
    var positions: [SourcePosition] = []
    swap(&scalars, &self.scalars)
    swap(&positions, &self.positions)
    InlineMarkup.strip(&scalars, &positions)
    let text = String(scalars: scalars)
    scalars = []
    return Segment(
      id: id, kind: kind, text: text, range: SourceRange(file: file, start: start, end: end),
      positions: positions)
  }
}

/// Groups the lines of one blank-line separated block into headings, list items and
/// paragraphs.
struct BlockParser {
  private var items: [Item] = []

  mutating func add(line: [Unicode.Scalar], number: Int) {
    guard let first = line.firstIndex(where: { !Characters.isWhitespace($0) }),
      let last = line.lastIndex(where: { !Characters.isWhitespace($0) })
    else { return }
    let content = line[first...last]
    if Self.isThematicBreak(content) { return }
    let start = SourcePosition(line: number, column: first + 1)
    let end = SourcePosition(line: number, column: last + 2)
    let startsBlock = items.isEmpty
    // The kept text as offsets into `line`; its positions follow from the offsets.
    var text = first..<(last + 1)
    let kind: SegmentKind
    if let markerLength = Self.headingMarkerLength(content) {
      text = (first + markerLength)..<text.upperBound
      while text.lowerBound < text.upperBound, Characters.isWhitespace(line[text.lowerBound]) {
        text = text.dropFirst()
      }
      while text.lowerBound < text.upperBound, line[text.upperBound - 1] == "#" { text = text.dropLast() }
      while text.lowerBound < text.upperBound, Characters.isWhitespace(line[text.upperBound - 1]) {
        text = text.dropLast()
      }
      kind = .heading
    } else if let markerLength = Self.listMarkerLength(content) {
      text = (first + markerLength)..<text.upperBound
      while text.lowerBound < text.upperBound, Characters.isWhitespace(line[text.lowerBound]) {
        text = text.dropFirst()
      }
      kind = .listItem
    } else {
      kind = .paragraph
    }
    let positions = text.map { SourcePosition(line: number, column: $0 + 1) }
    if kind == .paragraph, let previous = items.last?.kind, previous != .heading {
      // In place: a copy of the item would copy its arrays on every line.
      items[items.count - 1].append(line[text], at: positions[...])
    } else {
      items.append(
        Item(
          kind: kind, scalars: Array(line[text]), positions: positions, start: start, end: end,
          startsBlock: startsBlock))
    }
  }

  /// Returns the block's items and starts a new block.
  mutating func finish() -> [Item] {
    defer { items = [] }
    return items
  }

  /// `---`, `***` or `___` (three or more, spaces allowed) alone on a line.
  static func isThematicBreak(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = content.first, first == "-" || first == "*" || first == "_" else { return false }
    var count = 0
    for scalar in content {
      if scalar == first {
        count += 1
      } else if !Characters.isWhitespace(scalar) {
        return false
      }
    }
    return count >= 3
  }

  /// The length of a `#` heading marker (1–6 `#` then a space), or nil.
  static func headingMarkerLength(_ content: ArraySlice<Unicode.Scalar>) -> Int? {
    let hashes = content.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(hashes) else { return nil }
    let rest = content.dropFirst(hashes)
    guard let next = rest.first, Characters.isWhitespace(next) else { return nil }
    return hashes
  }

  /// The length of a list marker (`•`, `-`, `*`, `+`, `1.`, `1)`) followed by a space, or nil.
  static func listMarkerLength(_ content: ArraySlice<Unicode.Scalar>) -> Int? {
    guard let first = content.first else { return nil }
    var length: Int
    if "•‣◦▪●-*+".unicodeScalars.contains(first) {
      length = 1
    } else {
      let digits = content.prefix(while: { $0.value >= 0x30 && $0.value <= 0x39 }).count
      guard (1...9).contains(digits) else { return nil }
      let after = content.dropFirst(digits).first
      guard after == "." || after == ")" else { return nil }
      length = digits + 1
    }
    let rest = content.dropFirst(length)
    guard let next = rest.first, Characters.isWhitespace(next) else { return nil }
    return length
  }
}
