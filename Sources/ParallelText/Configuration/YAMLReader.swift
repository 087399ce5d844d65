/// A node of a YAML document as ``YAMLReader`` reads it: a scalar, a sequence or a mapping,
/// at the 1-based line and column of its first character (for a block mapping, its first
/// key; for a block sequence, its first `-`; for a flow collection, its `[` or `{`; for an
/// empty value, the place just after its `:` or `-` in block context, or the `,`, `]` or `}`
/// after it in flow context). Columns count Unicode scalars; a byte order mark is not
/// counted.
struct YAMLNode: Hashable, Sendable {
  /// A key and its value in a mapping.
  struct Pair: Hashable, Sendable {
    /// The key: always a scalar.
    var key: YAMLNode
    /// The value.
    var value: YAMLNode
  }

  /// What the node holds.
  enum Content: Hashable, Sendable {
    /// A value's text, and whether it was written in quotes. Values are not resolved to
    /// numbers or booleans: `true`, `0.5` and an empty value are all text.
    case scalar(String, quoted: Bool)
    /// The items of a list, in order.
    case sequence([YAMLNode])
    /// The pairs of a mapping, in the order written; no key appears twice.
    case mapping([Pair])
  }

  /// What the node holds.
  var content: Content
  /// The 1-based line of the node's first character.
  var line: Int
  /// The 1-based column of the node's first character.
  var column: Int

  /// The text of a scalar; `nil` for a collection.
  var scalar: String? {
    if case .scalar(let text, _) = content { text } else { nil }
  }

  /// The items of a sequence; `nil` for other nodes.
  var sequence: [YAMLNode]? {
    if case .sequence(let items) = content { items } else { nil }
  }

  /// The pairs of a mapping; `nil` for other nodes.
  var mapping: [Pair]? {
    if case .mapping(let pairs) = content { pairs } else { nil }
  }
}

/// YAML that ``YAMLReader`` cannot read, at the 1-based line and column where the problem is.
struct YAMLError: Error, Hashable, Sendable {
  /// What is wrong.
  enum Problem: Hashable, Sendable {
    /// The text is not valid YAML.
    case syntax(String)
    /// Valid YAML outside the subset the reader takes (anchors, tags, block scalars, ...).
    case unsupported(String)
    /// A key written twice in one mapping; `firstLine` is the line of its first occurrence.
    case duplicateKey(String, firstLine: Int)
  }

  /// What is wrong.
  var problem: Problem
  /// The 1-based line of the problem.
  var line: Int
  /// The 1-based column of the problem.
  var column: Int
}

/// Reads the subset of YAML a configuration file needs into a ``YAMLNode`` tree, with each
/// node's line and column, and rejects everything else with a ``YAMLError`` at the place of
/// the problem rather than misreading it.
///
/// It takes one document (an optional leading `---`, an optional trailing `...`), a UTF-8
/// byte order mark, LF, CRLF and CR line ends, and:
/// - block mappings and block sequences by indentation with spaces, including a sequence at
///   its key's own indentation (`key:` then `- a` lines) and compact nesting (`- a: 1`,
///   `- - a`);
/// - flow sequences `[a, "b", 'c']` and flow mappings `{enabled: true}`, nested, spanning
///   lines, with a trailing comma allowed;
/// - plain scalars, single-quoted scalars (`''` is a quote) and double-quoted scalars with
///   YAML's escapes (`\\ \" \n \t \0 \a \b \v \f \r \e \/ \N \_ \L \P`, `\xXX`, `\uXXXX`,
///   `\UXXXXXXXX`, escaped space and tab);
/// - comments: `#` at a line's start or after a space or tab, outside quotes (`a#b` is a
///   plain scalar);
/// - an empty value (`key:` or `-` with nothing after it, `{a}`, `{a: }`): an empty
///   plain scalar.
///
/// It rejects tabs that indent a line, anchors (`&`), aliases (`*`), tags (`!`), block
/// scalars (`|`, `>`), complex keys (`?`), directives (`%`), a second document, a key
/// written twice in one mapping, collections as keys, `key: value` pairs directly inside
/// `[ ]`, bad indentation, and unterminated quotes and flow collections. A value that
/// continues over several lines is rejected too: a plain scalar continued on a more
/// indented line (which YAML would fold into one line) and a quoted scalar that does not
/// end on the line where it starts. Values are never resolved to other types: every
/// scalar is its text.
struct YAMLReader {
  /// The text as Unicode scalars, each line end one `\n`, without a leading byte order mark.
  private let text: [Unicode.Scalar]
  /// The index of the next scalar to read.
  private var index = 0
  /// The 1-based line of `text[index]`.
  private var line = 1
  /// The 1-based column of `text[index]`.
  private var column = 1
  /// How many nodes enclose the one being read (``enterNode(at:)``).
  private var depth = 0
  /// The deepest nesting read: a configuration needs three levels; text nested deeper (a
  /// fuzzer's 16,000 `{`) would exhaust the stack of the recursive descent.
  static let maximumDepth = 64

  /// A place in the text.
  private struct Position {
    var line: Int
    var column: Int
  }

  /// Reads `source` as one YAML document: its root node, or `nil` for a document with no
  /// content (empty, blank or only comments).
  static func read(_ source: String) throws(YAMLError) -> YAMLNode? {
    var reader = YAMLReader(source)
    return try reader.document()
  }

  private init(_ source: String) {
    var scalars: [Unicode.Scalar] = []
    scalars.reserveCapacity(source.utf8.count)
    var afterCarriageReturn = false
    for scalar in source.unicodeScalars {
      if scalar == "\n" && afterCarriageReturn {
        afterCarriageReturn = false
        continue
      }
      afterCarriageReturn = scalar == "\r"
      scalars.append(afterCarriageReturn ? "\n" : scalar)
    }
    if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
    text = scalars
  }

  // MARK: - Document and block structure

  private mutating func document() throws(YAMLError) -> YAMLNode? {
    try skipToContent()
    if atDocumentMarker("-") {
      skip(3)
      skipBlanks()
      guard atLineEnd || peek() == "#" else {
        throw unsupported("content on the '---' line; start the document on the next line")
      }
      try endLine()
      try skipToContent()
    }
    var root: YAMLNode?
    if !atBlockEnd {
      root = try blockNode(parentIndent: -1, onKeyLine: false)
    }
    if atDocumentMarker(".") {
      skip(3)
      try endLine()
      try skipToContent()
      if !atEnd { throw unsupported("content after the document end marker '...' (a second document)") }
    }
    if atDocumentMarker("-") { throw unsupported("a second document: only one document is read") }
    if !atEnd { throw badIndentation() }
    return root
  }

  /// The node at the cursor, which is at a line's first character, after `- `, or (when
  /// `onKeyLine`) after a key's `: `, where no block collection may start. Leaves the
  /// cursor at the next line with content, or at the end.
  private mutating func blockNode(parentIndent: Int, onKeyLine: Bool) throws(YAMLError) -> YAMLNode {
    let start = position
    try enterNode(at: start)
    defer { depth -= 1 }
    let first = peek()
    if first == "-" && isBlankOrEnd(at: 1) {
      if onKeyLine {
        throw syntax("a list cannot start on its key's line; put its '- ' items on the lines below")
      }
      return try blockSequence(indent: column - 1, atParentKeysIndent: false)
    }
    if first == "[" || first == "{" {
      let node = try flowCollection()
      skipBlanks()
      if atKeyColon { throw unsupported("a [ ] or { } collection as a key; keys must be plain or quoted", at: start) }
      try endLine()
      try skipToContent()
      return node
    }
    let node = try scalar(inFlow: false)
    skipBlanks()
    if atKeyColon {
      if onKeyLine {
        throw syntax("a second ': ' on one line; quote a value that contains ': '")
      }
      return try blockMapping(indent: start.column - 1, firstKey: node)
    }
    try endLine()
    try skipToContent()
    if node.isPlainScalar, !atBlockEnd, column - 1 > parentIndent {
      throw syntax(
        "bad indentation: this line is indented more than the one above it (a plain value cannot continue on the next line)"
      )
    }
    return node
  }

  /// A block mapping whose keys are at `indent` (0-based); the cursor is after `firstKey`,
  /// at its `:`.
  private mutating func blockMapping(indent: Int, firstKey: YAMLNode) throws(YAMLError) -> YAMLNode {
    var pairs: [YAMLNode.Pair] = []
    var key = firstKey
    while true {
      skip(1)  // The ':'.
      let value = try blockValue(keyIndent: indent)
      try append(key, value, to: &pairs)
      if atBlockEnd || column - 1 < indent { break }
      if column - 1 > indent { throw badIndentation() }
      if atSequenceEntry { throw syntax("a '- ' list item where a key was expected") }
      key = try scalar(inFlow: false)
      skipBlanks()
      guard atKeyColon else { throw syntax("expected ':' after the key '\(key.scalar ?? "")'") }
    }
    return YAMLNode(content: .mapping(pairs), line: firstKey.line, column: firstKey.column)
  }

  /// The value after a block mapping key's `:` (the cursor is just after it): on the key's
  /// line, on the lines below indented more than the key, a sequence at the key's own
  /// indentation, or empty.
  private mutating func blockValue(keyIndent: Int) throws(YAMLError) -> YAMLNode {
    let afterColon = position
    skipBlanks()
    if !atLineEnd && peek() != "#" {
      return try blockNode(parentIndent: keyIndent, onKeyLine: true)
    }
    try endLine()
    try skipToContent()
    if !atBlockEnd && column - 1 > keyIndent {
      return try blockNode(parentIndent: keyIndent, onKeyLine: false)
    }
    if !atBlockEnd && column - 1 == keyIndent && atSequenceEntry {
      return try blockSequence(indent: keyIndent, atParentKeysIndent: true)
    }
    return Self.empty(at: afterColon)
  }

  /// A block sequence whose `-` are at `indent` (0-based); the cursor is at the first `-`.
  /// `atParentKeysIndent`: the sequence is a mapping value at its key's indentation, and
  /// ends at the next key.
  private mutating func blockSequence(indent: Int, atParentKeysIndent: Bool) throws(YAMLError) -> YAMLNode {
    let start = position
    var items: [YAMLNode] = []
    while true {
      skip(1)  // The '-'.
      let afterDash = position
      skipBlanks()
      if !atLineEnd && peek() != "#" {
        items.append(try blockNode(parentIndent: indent, onKeyLine: false))
      } else {
        try endLine()
        try skipToContent()
        let nested = !atBlockEnd && column - 1 > indent
        items.append(nested ? try blockNode(parentIndent: indent, onKeyLine: false) : Self.empty(at: afterDash))
      }
      if atBlockEnd || column - 1 < indent { break }
      if column - 1 > indent { throw badIndentation() }
      if !atSequenceEntry {
        if atParentKeysIndent { break }
        throw syntax("expected a '- ' list item at the indentation of the items above")
      }
    }
    return YAMLNode(content: .sequence(items), line: start.line, column: start.column)
  }

  // MARK: - Flow collections

  /// A `[ ]` or `{ }` collection at the cursor, which may span lines; leaves the cursor
  /// after its closing bracket.
  private mutating func flowCollection() throws(YAMLError) -> YAMLNode {
    let start = position
    try enterNode(at: start)
    defer { depth -= 1 }
    let isSequence = peek() == "["
    let closing: Unicode.Scalar = isSequence ? "]" : "}"
    skip(1)
    var items: [YAMLNode] = []
    var pairs: [YAMLNode.Pair] = []
    try skipFlowSpace(closing: closing, openedAt: start)
    while peek() != closing {
      let item = try flowNode()
      try skipFlowSpace(closing: closing, openedAt: start)
      if isSequence {
        if peek() == ":" {
          throw unsupported("a 'key: value' pair directly inside [ ]; write it as {key: value}")
        }
        items.append(item)
      } else {
        guard item.scalar != nil else {
          throw unsupported("a [ ] or { } collection as a key; keys must be plain or quoted", at: item)
        }
        var value = Self.empty(at: position)
        if peek() == ":" {
          skip(1)
          try skipFlowSpace(closing: closing, openedAt: start)
          value = peek() == "," || peek() == closing ? Self.empty(at: position) : try flowNode()
          try skipFlowSpace(closing: closing, openedAt: start)
        }
        try append(item, value, to: &pairs)
      }
      if peek() == "," {
        skip(1)
        try skipFlowSpace(closing: closing, openedAt: start)
      } else if peek() != closing {
        let continued = item.isPlainScalar && line > item.line
        throw syntax(
          "expected ',' or '\(closing)'" + (continued ? " (a plain value cannot continue on the next line)" : ""))
      }
    }
    skip(1)
    let content: YAMLNode.Content = isSequence ? .sequence(items) : .mapping(pairs)
    return YAMLNode(content: content, line: start.line, column: start.column)
  }

  /// An item, key or value inside a flow collection.
  private mutating func flowNode() throws(YAMLError) -> YAMLNode {
    switch peek() {
    case "[", "{": return try flowCollection()
    case ",": throw syntax("expected a value before ','")
    case "]", "}": throw syntax("unexpected '\(peek()!)'")
    case "-" where isBlankOrEnd(at: 1): throw syntax("a '- ' list item inside [ ] or { }")
    default: return try scalar(inFlow: true)
    }
  }

  /// Skips spaces, tabs, line ends and comments inside a flow collection; the end of the
  /// text there is an unclosed collection.
  private mutating func skipFlowSpace(closing: Unicode.Scalar, openedAt start: Position) throws(YAMLError) {
    while let next = peek() {
      if next == " " || next == "\t" || next == "\n" {
        skip(1)
      } else if next == "#" && (index == 0 || Self.isBlank(text[index - 1]) || text[index - 1] == "\n") {
        skipComment()
      } else {
        return
      }
    }
    let opening = closing == "]" ? "[" : "{"
    throw syntax("'\(opening)' at \(start.line):\(start.column) is not closed with '\(closing)'")
  }

  // MARK: - Scalars

  /// A quoted or plain scalar at the cursor, on one line; leaves the cursor after it.
  private mutating func scalar(inFlow: Bool) throws(YAMLError) -> YAMLNode {
    let start = position
    let quote = peek()
    let value =
      switch quote {
      case "'": try singleQuoted()
      case "\"": try doubleQuoted()
      default: try plain(inFlow: inFlow)
      }
    let quoted = quote == "'" || quote == "\""
    return YAMLNode(content: .scalar(value, quoted: quoted), line: start.line, column: start.column)
  }

  /// A plain scalar: up to a line end, a `: `, a ` #` or (in flow context) one of `,[]{}`
  /// or a `:` before one of them; trailing blanks are not part of it.
  private mutating func plain(inFlow: Bool) throws(YAMLError) -> String {
    try checkPlainStart(inFlow: inFlow)
    var value = String.UnicodeScalarView()
    var blanks = String.UnicodeScalarView()  // Part of the value only when more of it follows.
    while let next = peek(), next != "\n" {
      if next == ":" && (isBlankOrEnd(at: 1) || (inFlow && Self.isFlowIndicator(peek(1)))) { break }
      if inFlow && Self.isFlowIndicator(next) { break }
      if next == "#" && !blanks.isEmpty { break }
      if Self.isBlank(next) {
        blanks.append(next)
      } else {
        value += blanks
        blanks = String.UnicodeScalarView()
        value.append(next)
      }
      skip(1)
    }
    return String(value)
  }

  /// Rejects a plain scalar's first character when it is a YAML indicator this reader does
  /// not take or that cannot start a plain scalar.
  private func checkPlainStart(inFlow: Bool) throws(YAMLError) {
    guard let first = peek() else { throw syntax("expected a value") }
    let nextIsSafe = !isBlankOrEnd(at: 1) && !(inFlow && Self.isFlowIndicator(peek(1)))
    switch first {
    case "&": throw unsupported("an anchor ('&'); quote a value that starts with '&'")
    case "*": throw unsupported("an alias ('*'); quote a value that starts with '*'")
    case "!": throw unsupported("a tag ('!'); quote a value that starts with '!'")
    case "|", ">": throw unsupported("a block scalar ('\(first)'); write the value on one line, quoted if need be")
    case "?" where !nextIsSafe: throw unsupported("a complex key ('? ')")
    case ":" where !nextIsSafe: throw syntax("expected a key before ':'")
    case "%": throw unsupported("a directive or a value starting with '%'; quote a value that starts with '%'")
    case "@", "`", "#", ",", "[", "]", "{", "}":
      throw syntax("a plain value cannot start with '\(first)'; quote it")
    default: return
    }
  }

  /// A single-quoted scalar, `''` standing for `'`.
  private mutating func singleQuoted() throws(YAMLError) -> String {
    let start = position
    skip(1)
    var value = String.UnicodeScalarView()
    while true {
      guard let next = peek() else { throw unclosedQuote("'", at: start) }
      if next == "\n" { throw unclosedOrMultiLineQuote("'", at: start) }
      skip(1)
      if next == "'" {
        guard peek() == "'" else { return String(value) }
        skip(1)
      }
      value.append(next)
    }
  }

  /// A double-quoted scalar with YAML's escapes.
  private mutating func doubleQuoted() throws(YAMLError) -> String {
    let start = position
    skip(1)
    var value = String.UnicodeScalarView()
    while true {
      guard let next = peek() else { throw unclosedQuote("\"", at: start) }
      if next == "\n" || (next == "\\" && isLineEnd(at: 1)) { throw unclosedOrMultiLineQuote("\"", at: start) }
      if next == "\"" {
        skip(1)
        return String(value)
      }
      if next == "\\" {
        value.append(try escape())
      } else {
        value.append(next)
        skip(1)
      }
    }
  }

  /// The escape sequence at the cursor (at its `\`, not at a line's end), in a
  /// double-quoted scalar.
  private mutating func escape() throws(YAMLError) -> Unicode.Scalar {
    let start = position
    let code = peek(1) ?? "\\"
    let simple: [Unicode.Scalar: Unicode.Scalar] = [
      "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}", "f": "\u{0C}",
      "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\", "N": "\u{85}", "_": "\u{A0}",
      "L": "\u{2028}", "P": "\u{2029}",
    ]
    if let scalar = simple[code] {
      skip(2)
      return scalar
    }
    let digits: Int
    switch code {
    case "x": digits = 2
    case "u": digits = 4
    case "U": digits = 8
    default: throw syntax("unknown escape '\\\(code)' in a double-quoted value", at: start)
    }
    let hex = (0..<digits).compactMap { peek(2 + $0) }.filter(\.properties.isASCIIHexDigit)
    guard hex.count == digits, let value = UInt32(String(String.UnicodeScalarView(hex)), radix: 16) else {
      throw syntax("'\\\(code)' needs \(digits) hexadecimal digits", at: start)
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw syntax("'\\\(code)\(String(String.UnicodeScalarView(hex)))' is not a Unicode scalar value", at: start)
    }
    skip(2 + digits)
    return scalar
  }

  /// The error for a quoted scalar whose line ends before its closing quote: unsupported
  /// when the quote closes on a later line, else not closed at all.
  private func unclosedOrMultiLineQuote(_ quote: Unicode.Scalar, at start: Position) -> YAMLError {
    guard text[index...].contains(quote) else { return unclosedQuote(quote, at: start) }
    return unsupported("a quoted value continued on the next line; end it on its line", at: start)
  }

  private func unclosedQuote(_ quote: Unicode.Scalar, at start: Position) -> YAMLError {
    syntax("the quoted value that starts here has no closing quote (\(quote))", at: start)
  }

  // MARK: - Lines and characters

  /// Skips blank lines, comment lines and the next line's indentation, stopping at its
  /// first character or at the end; a tab in that indentation is an error.
  private mutating func skipToContent() throws(YAMLError) {
    while !atEnd {
      var tab: Position?
      while let next = peek(), Self.isBlank(next) {
        if next == "\t" && tab == nil { tab = position }
        skip(1)
      }
      if peek() == "#" { skipComment() }
      if atEnd { return }
      if peek() == "\n" {
        skip(1)
        continue
      }
      if let tab { throw syntax("a tab in a line's indentation; indent with spaces", at: tab) }
      return
    }
  }

  /// Ends the line after a value: blanks and a comment may follow, nothing else.
  private mutating func endLine() throws(YAMLError) {
    skipBlanks()
    if peek() == "#" && index > 0 && Self.isBlank(text[index - 1]) { skipComment() }
    if atEnd { return }
    guard peek() == "\n" else { throw syntax("unexpected '\(peek()!)' after the value") }
    skip(1)
  }

  /// Skips a comment up to its line's end.
  private mutating func skipComment() {
    while let next = peek(), next != "\n" { skip(1) }
  }

  private mutating func skipBlanks() {
    while let next = peek(), Self.isBlank(next) { skip(1) }
  }

  private mutating func skip(_ count: Int) {
    for _ in 0..<count where index < text.count {
      if text[index] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
  }

  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    index + offset < text.count ? text[index + offset] : nil
  }

  private var position: Position { Position(line: line, column: column) }

  private var atEnd: Bool { index >= text.count }

  private var atLineEnd: Bool { isLineEnd(at: 0) }

  private func isLineEnd(at offset: Int) -> Bool { peek(offset) == nil || peek(offset) == "\n" }

  /// At a `:` that ends a block mapping key.
  private var atKeyColon: Bool { peek() == ":" && isBlankOrEnd(at: 1) }

  /// At a block sequence's `- ` (or a `-` ending its line).
  private var atSequenceEntry: Bool { peek() == "-" && isBlankOrEnd(at: 1) }

  /// At the end, or at a `---` or `...` line, where every block collection ends.
  private var atBlockEnd: Bool { atEnd || atDocumentMarker("-") || atDocumentMarker(".") }

  /// At `---` (for `-`) or `...` (for `.`) at a line's start, followed by a blank or line end.
  private func atDocumentMarker(_ mark: Unicode.Scalar) -> Bool {
    column == 1 && peek() == mark && peek(1) == mark && peek(2) == mark && isBlankOrEnd(at: 3)
  }

  private func isBlankOrEnd(at offset: Int) -> Bool {
    isLineEnd(at: offset) || Self.isBlank(peek(offset)!)
  }

  private static func isBlank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

  private static func isFlowIndicator(_ scalar: Unicode.Scalar?) -> Bool {
    scalar == "," || scalar == "[" || scalar == "]" || scalar == "{" || scalar == "}"
  }

  // MARK: - Nodes and errors

  private static func empty(at position: Position) -> YAMLNode {
    YAMLNode(content: .scalar("", quoted: false), line: position.line, column: position.column)
  }

  /// Appends a pair to a mapping's pairs, unless its key is already there.
  private func append(_ key: YAMLNode, _ value: YAMLNode, to pairs: inout [YAMLNode.Pair]) throws(YAMLError) {
    let name = key.scalar ?? ""
    if let first = pairs.first(where: { $0.key.scalar == name }) {
      throw YAMLError(problem: .duplicateKey(name, firstLine: first.key.line), line: key.line, column: key.column)
    }
    pairs.append(YAMLNode.Pair(key: key, value: value))
  }

  private func badIndentation() -> YAMLError {
    syntax("bad indentation: this line does not line up with the keys or list items above it")
  }

  private func syntax(_ message: String, at place: Position? = nil) -> YAMLError {
    let place = place ?? position
    return YAMLError(problem: .syntax(message), line: place.line, column: place.column)
  }

  /// Counts one more level of nesting for a node starting at `place` (the caller counts it
  /// back down as it returns); deeper than ``maximumDepth`` is an error there.
  private mutating func enterNode(at place: Position) throws(YAMLError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw unsupported("collections nested more than \(Self.maximumDepth) deep", at: place)
    }
  }

  private func unsupported(_ message: String, at place: Position? = nil) -> YAMLError {
    let place = place ?? position
    return YAMLError(problem: .unsupported(message), line: place.line, column: place.column)
  }

  private func unsupported(_ message: String, at node: YAMLNode) -> YAMLError {
    unsupported(message, at: Position(line: node.line, column: node.column))
  }
}

extension YAMLNode {
  /// Whether the node is a scalar written without quotes.
  fileprivate var isPlainScalar: Bool {
    if case .scalar(_, quoted: false) = content { true } else { false }
  }
}
