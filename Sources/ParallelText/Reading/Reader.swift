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
    // A block of markup alone (`__`, `**`) leaves no text: it makes no segment.
    var segments: [Segment] = []
    for item in Self.rejoinBrokenParagraphs(items) {
      let segment = item.segment(id: segments.count + 1, file: file)
      if segment.text.unicodeScalars.contains(where: { !Characters.isWhitespace($0) }) { segments.append(segment) }
    }
    return segments
  }

  /// The lines of `text`, split at LF, CRLF and CR.
  static func lines(of text: String) -> [[Unicode.Scalar]] {
    var lines: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var afterCR = false
    for scalar in text.unicodeScalars {
      if afterCR {
        afterCR = false
        if scalar == "\n" { continue }
      }
      if scalar == "\n" || scalar == "\r" {
        lines.append(current)
        current = []
        afterCR = scalar == "\r"
      } else {
        current.append(scalar)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// Joins a paragraph that a blank line broke mid-sentence: the first part ends without
  /// terminal punctuation and the next block starts with a lowercase Latin letter.
  static func rejoinBrokenParagraphs(_ items: [Item]) -> [Item] {
    var result: [Item] = []
    for item in items {
      if item.startsBlock, item.kind == .paragraph, let first = item.characters.first?.scalar,
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

/// One segment under construction: its characters with their source positions.
struct Item {
  var kind: SegmentKind
  var characters: [(scalar: Unicode.Scalar, position: SourcePosition)]
  var start: SourcePosition
  var end: SourcePosition
  /// True for the first item of a blank-line separated block.
  var startsBlock: Bool

  /// True when the text ends with terminal punctuation (possibly inside closing quotes).
  var endsSentence: Bool {
    var index = characters.count - 1
    while index >= 0, Characters.isClosing(characters[index].scalar) { index -= 1 }
    return index >= 0 && Characters.isTerminal(characters[index].scalar)
  }

  /// Appends the characters of `line` (already trimmed), joining with a space unless both
  /// sides of the join are CJK.
  mutating func append(line: ArraySlice<(scalar: Unicode.Scalar, position: SourcePosition)>) {
    guard let first = line.first else { return }
    if let last = characters.last, !(Characters.isCJK(last.scalar) && Characters.isCJK(first.scalar)) {
      var position = last.position
      position.column += 1
      characters.append((" ", position))
    }
    characters.append(contentsOf: line)
    if let last = line.last { end = SourcePosition(line: last.position.line, column: last.position.column + 1) }
  }

  /// Appends another item that continues this one across a blank line.
  mutating func append(_ other: Item) {
    append(line: other.characters[...])
    end = other.end
  }

  func segment(id: Int, file: String) -> Segment {
    let cleaned = InlineMarkup.strip(characters)
    var text = String.UnicodeScalarView()
    text.append(contentsOf: cleaned.map(\.scalar))
    return Segment(
      id: id, kind: kind, text: String(text),
      range: SourceRange(file: file, start: start, end: end),
      positions: cleaned.map(\.position))
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
    let positioned = (first...last).map { (scalar: line[$0], position: SourcePosition(line: number, column: $0 + 1)) }
    let start = SourcePosition(line: number, column: first + 1)
    let end = SourcePosition(line: number, column: last + 2)
    let startsBlock = items.isEmpty
    if let markerLength = Self.headingMarkerLength(content) {
      var text = positioned[markerLength...].drop(while: { Characters.isWhitespace($0.scalar) })
      while let tail = text.last, tail.scalar == "#" { text = text.dropLast() }
      while let tail = text.last, Characters.isWhitespace(tail.scalar) { text = text.dropLast() }
      items.append(Item(kind: .heading, characters: Array(text), start: start, end: end, startsBlock: startsBlock))
    } else if let markerLength = Self.listMarkerLength(content) {
      let text = positioned[markerLength...].drop(while: { Characters.isWhitespace($0.scalar) })
      items.append(Item(kind: .listItem, characters: Array(text), start: start, end: end, startsBlock: startsBlock))
    } else if var current = items.last, current.kind != .heading {
      current.append(line: positioned[...])
      items[items.count - 1] = current
    } else {
      items.append(
        Item(kind: .paragraph, characters: positioned, start: start, end: end, startsBlock: startsBlock))
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
