import Testing

@testable import ParallelText

@Suite("Reading")
struct ReaderTests {
  let reader = Reader()

  @Test("UTF-8 with BOM, UTF-16 LE and BE with BOM decode to the same text")
  func encodings() throws {
    let text = "Hello 你好\n"
    let utf16 = Array(text.utf16)
    let le: [UInt8] = [0xFF, 0xFE] + utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let be: [UInt8] = [0xFE, 0xFF] + utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
    #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == text)
    #expect(try TextDecoder.decode(le) == text)
    #expect(try TextDecoder.decode(be) == text)
    #expect(try TextDecoder.decodeWithEncoding(be).encoding == .utf16BigEndian)
  }

  @Test("In text large enough to be validated in chunks, the first bad byte is reported wherever it falls")
  func chunkedValidation() throws {
    // 8 MB of Chinese and ASCII: chunk bounds fall inside three-byte sequences.
    let text = Array(String(repeating: "头发很长 ok，複製\n", count: 400_000).utf8)
    #expect(try TextDecoder.utf8Text(text.withUnsafeBufferPointer { $0 }) == 0..<text.count)
    for position in [1, text.count / 3 + 1, text.count / 2, text.count / 2 + 2, text.count - 2] {
      // A lead byte whose sequence is cut by ASCII; a second error later must not win.
      var bad = text
      bad[position] = 0xE5
      bad[position + 1] = 0x41
      bad[min(position + 7, bad.count - 1)] = 0xFF
      // The error is at the lead, or at the start of the sequence it cuts short.
      var expected = position
      var index = 0
      while index < position {
        let byte = bad[index]
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        if index + length > position { expected = index }
        index += length
      }
      #expect(throws: TextDecodingError(reason: "invalid UTF-8", byteOffset: expected)) {
        try TextDecoder.decode(bad)
      }
    }
  }

  @Test(
    "Inside a run of Chinese characters, a surrogate, an overlong form, a bad or missing continuation byte and a control are refused at their offset"
  )
  func badSequenceInChineseRun() {
    let run = Array("中文字元".utf8)  // four three-byte sequences
    let cases: [(bytes: [UInt8], reason: String)] = [
      ([0xED, 0xA0, 0x80], "invalid UTF-8"),  // U+D800
      ([0xE0, 0x80, 0x80], "invalid UTF-8"),  // overlong
      ([0xE4, 0x41, 0x80], "invalid UTF-8"),
      ([0xE4, 0xB8], "invalid UTF-8"),  // cut short by the next lead byte
      ([0x01], "control character 0x1"),
    ]
    for (bytes, reason) in cases {
      #expect(throws: TextDecodingError(reason: reason, byteOffset: run.count)) {
        try TextDecoder.decode(run + bytes + run)
      }
    }
  }

  @Test("Invalid UTF-8 and NUL bytes are refused with the byte offset")
  func binary() {
    #expect(throws: TextDecodingError(reason: "invalid UTF-8", byteOffset: 3)) {
      try TextDecoder.decode(Array("abc".utf8) + [0xC3, 0x28])
    }
    #expect(throws: TextDecodingError(reason: "invalid UTF-8", byteOffset: 0)) {
      try TextDecoder.decode([0xC0, 0xAF])  // overlong "/"
    }
    #expect(throws: TextDecodingError(reason: "NUL byte", byteOffset: 2)) {
      try TextDecoder.decode([0x41, 0x42, 0x00, 0x43, 0x44, 0x45])
    }
    #expect(throws: TextDecodingError(reason: "invalid UTF-16 (lone surrogate)", byteOffset: 2)) {
      try TextDecoder.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])
    }
  }

  @Test("CRLF and CR line ends count lines like LF")
  func lineEnds() {
    for newline in ["\n", "\r\n", "\r"] {
      let segments = reader.read(text: ["First line.", "", "Second", "block."].joined(separator: newline), file: "f")
      #expect(segments.map(\.text) == ["First line.", "Second block."])
      #expect(
        segments[1].range == SourceRange(file: "f", start: .init(line: 3, column: 1), end: .init(line: 4, column: 7)))
    }
  }

  @Test("Hard wraps join with a space between Latin words and nothing between Han characters")
  func hardWraps() {
    let segments = reader.read(text: "International\nsolidarity\n\n集体反抗的人们\n被警察野蛮殴打\n", file: "f")
    #expect(segments.map(\.text) == ["International solidarity", "集体反抗的人们被警察野蛮殴打"])
  }

  @Test("Paragraphs broken mid-sentence across a blank line are rejoined (seeds 000, 003, 004)")
  func rejoin() throws {
    let seed000 = reader.read(text: try Fixtures.text("000"), file: "000")
    #expect(seed000.contains { $0.text.contains("Two Systems\" as the city knows it") })
    #expect(
      seed000.contains {
        $0.text.contains("abroad – to assist the murder") || $0.range.start.line == 25 && $0.range.end.line == 27
      })
    #expect(seed000.contains { $0.text.contains("we call for other socialists to continue") })
    let seed003 = reader.read(text: try Fixtures.text("003"), file: "003")
    #expect(seed003.contains { $0.text.contains("in one of the two largest capitalist superpowers") })
    #expect(seed003.contains { $0.text.contains("satisfy the heightened production quota") })
    let seed004 = reader.read(text: try Fixtures.text("004"), file: "004")
    let lines14 = try #require(seed004.first { $0.range.start.line == 14 })
    #expect(lines14.range.end.line == 14)
    #expect(lines14.text.hasSuffix("email contact details to"))
    #expect(seed004.contains { $0.range.start.line == 16 && $0.text.hasPrefix("If outside the UK") })
  }

  @Test("Headings, bullets and numbered items are segments of their own kind; inline Markdown is removed")
  func markdown() {
    let text = """
      # Socialists **Should** Support

      Thursday, by [LI Promise](#) (Date first published).

      - [What's Happening](#)
      - What Can *Socialists* Do?
        continued here
        • Stop Repression!
      1. First
      2) Second

      ---

      @northern\\_square <https://example.org/a>
      """
    let segments = reader.read(text: text, file: "f")
    #expect(
      segments.map(\.kind) == [.heading, .paragraph, .listItem, .listItem, .listItem, .listItem, .listItem, .paragraph])
    #expect(
      segments.map(\.text) == [
        "Socialists Should Support", "Thursday, by LI Promise (Date first published).", "What's Happening",
        "What Can Socialists Do? continued here", "Stop Repression!", "First", "Second",
        "@northern_square https://example.org/a",
      ])
    // The range covers the source including the markers.
    #expect(segments[2].range.start == SourcePosition(line: 5, column: 1))
    #expect(segments[4].range.start == SourcePosition(line: 8, column: 3))
  }

  @Test("Every character of a segment's text keeps its source position")
  func positions() throws {
    let segments = reader.read(text: "Intro [link](#) **bold** text\n\n  • 第二项\n", file: "f")
    let first = segments[0]
    let scalars = Array(first.text.unicodeScalars)
    let bold = first.text.unicodeScalars.firstIndex(of: "b")!
    let offset = first.text.unicodeScalars.distance(from: first.text.unicodeScalars.startIndex, to: bold)
    #expect(scalars.count == first.positions.count)
    #expect(first.positions[offset] == SourcePosition(line: 1, column: 19))
    #expect(
      segments[1].range == SourceRange(file: "f", start: .init(line: 3, column: 3), end: .init(line: 3, column: 8)))
    #expect(segments[1].positions.first == SourcePosition(line: 3, column: 5))
  }
}
