import Testing

@testable import ParallelText

/// `YAMLReader`: the YAML subset `.align.yml` is read with, each node's line and column, and
/// the constructs it rejects. Positions are those libyaml (through Yams, which read
/// `.align.yml` before) gave for the same text.
@Suite("YAMLReader")
struct YAMLReaderTests {
  /// A node as one line: a plain scalar as its text (`<empty>` when empty), a quoted one in
  /// double quotes, `[...]` and `{key: value, ...}`, each followed by `@LINE:COLUMN`.
  static func render(_ node: YAMLNode?) -> String {
    guard let node else { return "nil" }
    let body: String
    switch node.content {
    case .scalar(let text, quoted: true): body = "\"\(text)\""
    case .scalar(let text, quoted: false): body = text.isEmpty ? "<empty>" : text
    case .sequence(let items): body = "[" + items.map { render($0) }.joined(separator: ", ") + "]"
    case .mapping(let pairs):
      body = "{" + pairs.map { "\(render($0.key)): \(render($0.value))" }.joined(separator: ", ") + "}"
    }
    return "\(body)@\(node.line):\(node.column)"
  }

  static func read(_ yaml: String) throws -> String { render(try YAMLReader.read(yaml)) }

  @Test("Nested block mappings and sequences, with each node's position")
  func blockStructure() throws {
    let yaml = """
      standard: tw
      rules:
        quote-style: off
        hans-hant-mismatch:
          enabled: true
      include:
        - "**/*.txt"
        - '**/*.md'
      """
    #expect(
      try Self.read(yaml)
        == "{standard@1:1: tw@1:11, rules@2:1: {quote-style@3:3: off@3:16, hans-hant-mismatch@4:3: "
        + "{enabled@5:5: true@5:14}@5:5}@3:3, include@6:1: [\"**/*.txt\"@7:5, \"**/*.md\"@8:5]@7:3}@1:1")
  }

  @Test("A sequence under a key at the key's own indentation; compact nesting in sequences")
  func sequencesAtKeyIndentation() throws {
    #expect(try Self.read("k:\n- a\n- b\nj: c\n") == "{k@1:1: [a@2:3, b@3:3]@2:1, j@4:1: c@4:4}@1:1")
    #expect(
      try Self.read("rules:\n  x:\n  - a\n  y: b\n")
        == "{rules@1:1: {x@2:3: [a@3:5]@3:3, y@4:3: b@4:6}@2:3}@1:1")
    #expect(
      try Self.read("- a: 1\n  b: 2\n- - x\n  - y\n-\n  c: d\n")
        == "[{a@1:3: 1@1:6, b@2:3: 2@2:6}@1:3, [x@3:5, y@4:5]@3:3, {c@6:3: d@6:6}@6:3]@1:1")
  }

  @Test("Flow sequences and mappings: nested, spanning lines, with comments and a trailing comma")
  func flowStructure() throws {
    #expect(
      try Self.read("a: {x: [1, {y: z}], w: \"q\"}\n")
        == "{a@1:1: {x@1:5: [1@1:9, {y@1:13: z@1:16}@1:12]@1:8, w@1:21: \"q\"@1:24}@1:4}@1:1")
    #expect(
      try Self.read("include: [\n  one,   # first\n  \"two\",\n'three' ]\n")
        == "{include@1:1: [one@2:3, \"two\"@3:3, \"three\"@4:1]@1:10}@1:1")
    #expect(try Self.read("a: []\nb: {}\nc: [x,]\n") == "{a@1:1: []@1:4, b@2:1: {}@2:4, c@3:1: [x@3:5]@3:4}@1:1")
    // A ':' not followed by a space is part of a plain value; a quoted key may have its ':' right after.
    #expect(try Self.read("[a:b, http://x/y]") == "[a:b@1:2, http://x/y@1:7]@1:1")
    #expect(try Self.read("{\"a\":b}") == "{\"a\"@1:2: b@1:6}@1:1")
    // Blanks before ',' or ']' are not part of a plain value; blanks inside it are.
    #expect(try Self.read("[a , b c ,d ]") == "[a@1:2, b c@1:6, d@1:11]@1:1")
  }

  @Test("Quoted scalars: '' in single quotes, the escapes of double quotes")
  func quoting() throws {
    #expect(try Self.read("a: 'it''s # not a comment'\n") == "{a@1:1: \"it's # not a comment\"@1:4}@1:1")
    let node = try YAMLReader.read(#"a: "\x41\u00e9\U0001F600\n\t\"\\\/\ \0\e\N\_\L\P""#)
    #expect(
      node?.mapping?.first?.value.scalar
        == "Aé😀\n\t\"\\/ \u{0}\u{1B}\u{85}\u{A0}\u{2028}\u{2029}")
    #expect(try YAMLReader.read("'a b': \"c\"")?.mapping?.first?.key.content == .scalar("a b", quoted: true))
    // A quoted value is text as it is: no escapes in single quotes, no type in either.
    #expect(try Self.read(#"a: '\n'"#) == #"{a@1:1: "\n"@1:4}@1:1"#)
    #expect(try Self.read("a: \"true\"\nb: 0.5\n") == "{a@1:1: \"true\"@1:4, b@2:1: 0.5@2:4}@1:1")
  }

  @Test("Comments: at a line's start or after a blank, not inside quotes or a plain value")
  func comments() throws {
    let yaml = "# heading\na: b # c\n  # indented\nd: \"e#f\" # g\nh: i#j\n\t# after a tab\n"
    #expect(try Self.read(yaml) == "{a@2:1: b@2:4, d@4:1: \"e#f\"@4:4, h@5:1: i#j@5:4}@2:1")
    #expect(try Self.read("a: b   \nc:\td\n") == "{a@1:1: b@1:4, c@2:1: d@2:4}@1:1")
  }

  @Test("CRLF and CR line ends; a byte order mark is skipped and not counted as a column")
  func lineEndsAndByteOrderMark() throws {
    #expect(try Self.read("a: b\r\nc: [d,\r\n e]\r\n") == "{a@1:1: b@1:4, c@2:1: [d@2:5, e@3:2]@2:4}@1:1")
    #expect(try Self.read("a: b\rc: d\r") == "{a@1:1: b@1:4, c@2:1: d@2:4}@1:1")
    #expect(try Self.read("\u{FEFF}a: b\n") == "{a@1:1: b@1:4}@1:1")
  }

  @Test("Empty values: after ':' or '-' in block context, before ',' or '}' in flow context")
  func emptyValues() throws {
    #expect(try Self.read("a:\nb: c\n") == "{a@1:1: <empty>@1:3, b@2:1: c@2:4}@1:1")
    #expect(try Self.read("a: # nothing\n") == "{a@1:1: <empty>@1:3}@1:1")
    #expect(try Self.read("a:") == "{a@1:1: <empty>@1:3}@1:1")
    #expect(try Self.read("- \n- b\n") == "[<empty>@1:2, b@2:3]@1:1")
    #expect(try Self.read("{a: , b}") == "{a@1:2: <empty>@1:5, b@1:7: <empty>@1:8}@1:1")
  }

  @Test("Documents: empty, only comments, '---' and '...' markers")
  func documents() throws {
    #expect(try YAMLReader.read("") == nil)
    #expect(try YAMLReader.read("# only a comment\n\n") == nil)
    #expect(try YAMLReader.read("---\n...\n") == nil)
    #expect(try Self.read("--- # start\na: b\n...\n# end\n") == "{a@2:1: b@2:4}@2:1")
    #expect(try Self.read("- x\n") == "[x@1:3]@1:1")
    #expect(try Self.read("\"x\"") == "\"x\"@1:1")
  }

  @Test(
    "Each construct outside the subset and each malformed text is an error at its place",
    arguments: [
      ("a:\n\tb: c\n", 2, 1, "a tab in a line's indentation"),
      ("a: &x b\n", 1, 4, "an anchor ('&')"),
      ("a: *x\n", 1, 4, "an alias ('*')"),
      ("a: !t b\n", 1, 4, "a tag ('!')"),
      ("a: |\n  x\n", 1, 4, "a block scalar ('|')"),
      ("a: >\n  x\n", 1, 4, "a block scalar ('>')"),
      ("? a\n: b\n", 1, 1, "a complex key ('? ')"),
      ("a: %x\n", 1, 4, "a directive or a value starting with '%'"),
      ("a: @x\n", 1, 4, "a plain value cannot start with '@'"),
      ("a: b\n---\nc: d\n", 2, 1, "a second document"),
      ("a: b\n...\nc: d\n", 3, 1, "content after the document end marker '...'"),
      ("--- a: b\n", 1, 5, "content on the '---' line"),
      ("a:\n  b: 1\n c: 2\n", 3, 2, "bad indentation: this line does not line up"),
      ("  a: 1\nb: 2\n", 2, 1, "bad indentation: this line does not line up"),
      ("a: 1\n  b: 2\n", 2, 3, "bad indentation: this line is indented more than the one above it"),
      ("a: foo\n  bar\n", 2, 3, "bad indentation: this line is indented more than the one above it"),
      ("- a\n  - b\n", 2, 3, "bad indentation: this line is indented more than the one above it"),
      ("a: \"abc\n", 1, 4, "the quoted value that starts here has no closing quote (\")"),
      ("a: 'abc", 1, 4, "the quoted value that starts here has no closing quote (')"),
      ("a: \"abc\n  def\"\n", 1, 4, "a quoted value continued on the next line"),
      ("a: \"abc\\\n  def\"\n", 1, 4, "a quoted value continued on the next line"),
      ("rules: [\n", 2, 1, "'[' at 1:8 is not closed with ']'"),
      ("a: {b: c,\n  d: e\n", 3, 1, "'{' at 1:4 is not closed with '}'"),
      ("a: [b\n  c]\n", 2, 3, "expected ',' or ']' (a plain value cannot continue on the next line)"),
      ("a: [b}\n", 1, 6, "expected ',' or ']'"),
      ("a: [a, , b]\n", 1, 8, "expected a value before ','"),
      ("a: b: c\n", 1, 5, "a second ': ' on one line"),
      ("a: - b\n", 1, 4, "a list cannot start on its key's line"),
      ("[a: b]\n", 1, 3, "a 'key: value' pair directly inside [ ]"),
      ("a: [x]: b\n", 1, 4, "a [ ] or { } collection as a key"),
      ("{[x]: b}\n", 1, 2, "a [ ] or { } collection as a key"),
      ("a: \"x\\qy\"\n", 1, 6, "unknown escape '\\q'"),
      ("a: \"\\u12\"\n", 1, 5, "'\\u' needs 4 hexadecimal digits"),
      ("a: \"\\uD800\"\n", 1, 5, "'\\uD800' is not a Unicode scalar value"),
      ("a: 'b'c\n", 1, 7, "unexpected 'c' after the value"),
      ("- a\nb: c\n", 2, 1, "expected a '- ' list item"),
      ("a: 1\n- b\n", 2, 1, "a '- ' list item where a key was expected"),
      ("a: 1\nb\n", 2, 2, "expected ':' after the key 'b'"),
      ("a: [- b]\n", 1, 5, "a '- ' list item inside [ ] or { }"),
    ])
  func rejects(yaml: String, line: Int, column: Int, message: String) {
    do {
      let node = try YAMLReader.read(yaml)
      Issue.record("read as \(Self.render(node))")
    } catch {
      let problem =
        switch error.problem {
        case .syntax(let text), .unsupported(let text): text
        case .duplicateKey(let key, _): key
        }
      #expect(problem.hasPrefix(message), "\(problem)")
      #expect(error.line == line && error.column == column, "at \(error.line):\(error.column)")
    }
  }

  @Test("Which rejections are not YAML, and which are YAML this reader does not take")
  func problemKinds() {
    #expect(
      throws: YAMLError(
        problem: .unsupported("an anchor ('&'); quote a value that starts with '&'"), line: 1, column: 4)
    ) {
      try YAMLReader.read("a: &x b")
    }
    #expect(
      throws: YAMLError(
        problem: .syntax("a second ': ' on one line; quote a value that contains ': '"), line: 1, column: 5)
    ) {
      try YAMLReader.read("a: b: c")
    }
  }

  @Test("A key written twice in one mapping is an error at the second, naming the first's line")
  func duplicateKeys() {
    #expect(throws: YAMLError(problem: .duplicateKey("a", firstLine: 1), line: 3, column: 1)) {
      try YAMLReader.read("a: 1\nb: 2\na: 3\n")
    }
    #expect(throws: YAMLError(problem: .duplicateKey("b", firstLine: 1), line: 1, column: 11)) {
      try YAMLReader.read("a: {b: 1, b: 2}")
    }
    // Keys are compared as text, quoted or not.
    #expect(throws: YAMLError(problem: .duplicateKey("a", firstLine: 1), line: 2, column: 1)) {
      try YAMLReader.read("a: 1\n\"a\": 2\n")
    }
  }

  @Test("Nesting deeper than 64 levels is an error where the 65th starts, not a stack overflow (found by FuzzYAML)")
  func depth() throws {
    // The top mapping and the value node count: 62 brackets inside them are the limit.
    let inside = YAMLReader.maximumDepth - 2
    let flow = String(repeating: "[", count: inside) + String(repeating: "]", count: inside)
    let read = try Self.read("a: " + flow)
    #expect(read.hasPrefix("{a@1:1: [[") && read.contains("[]@1:65"))
    #expect(throws: YAMLError.self) { try YAMLReader.read("a: [" + flow + "]") }
    #expect(throws: YAMLError(problem: .unsupported("collections nested more than 64 deep"), line: 1, column: 66)) {
      try YAMLReader.read("a: " + String(repeating: "{", count: 16_000))
    }
    #expect(throws: YAMLError(problem: .unsupported("collections nested more than 64 deep"), line: 1, column: 129)) {
      try YAMLReader.read(String(repeating: "- ", count: 10_000) + "x")
    }
    var block = ""
    for level in 0..<100 { block += String(repeating: " ", count: level) + "k\(level):\n" }
    #expect(throws: YAMLError.self) { try YAMLReader.read(block) }
  }
}
