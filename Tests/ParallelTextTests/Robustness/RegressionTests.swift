import Testing

@testable import ParallelText

/// Inputs that once broke the library (found by the fuzzers under `Fuzz/` or by the bad-input
/// tests), kept so they stay fixed.
@Suite("Robustness: regressions")
struct RegressionTests {
  @Test(
    "A block of Markdown markers alone makes no empty segment (FuzzReader crash X18=)",
    arguments: ["__", "**", "__\n\n**", "Text.\n\n__\n\nMore text.", "** **", "[]()"])
  func markupOnlyBlock(_ text: String) {
    let segments = Reader().read(text: text, file: "f")
    #expect(segments.allSatisfy { !$0.text.unicodeScalars.allSatisfy(Characters.isWhitespace) })
    #expect(segments.map(\.id) == Array(1...max(1, segments.count)).prefix(segments.count).map { $0 })
  }

  @Test(
    "A configuration nested thousands deep is an error at its line and column, not a stack overflow (FuzzYAML crash)")
  func deeplyNestedConfiguration() {
    // The crash's shape: a value of 16,000 `{` (the fuzzer's had bytes of other settings too).
    #expect(
      throws: ConfigurationError(
        file: "x.yml", line: 2, column: 66, message: "unsupported YAML: collections nested more than 64 deep")
    ) {
      try Configuration(yaml: "standard: tw\nb: " + String(repeating: "{", count: 16_000), file: "x.yml")
    }
  }

  @Test("A link with empty text keeps nothing of its target (FuzzScript input [](s), a harness fix)")
  func emptyLinkText() {
    #expect(Reader().read(text: "[](s)", file: "f").isEmpty)
    #expect(Reader().read(text: "See [](s) here.", file: "f").map(\.text) == ["See  here."])
  }

  @Test("UTF-16 without BOM whose sample has zero bytes on both sides (一 is U+4E00) or few of them")
  func bomlessUTF16WithFewZeros() throws {
    for text in ["一个声明\nA statement.\n一個聲明\n", "香港的声明。\n\n香港的聲明。\n", "一一一\n"] {
      let little = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      let big = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
      #expect(try TextDecoder.decodeWithEncoding(little) == (text, .utf16LittleEndian))
      #expect(try TextDecoder.decodeWithEncoding(big) == (text, .utf16BigEndian))
    }
  }

  @Test("UTF-8 with a stray NUL byte stays an error even when its length is even")
  func strayNULIsNotUTF16() {
    #expect(throws: TextDecodingError(reason: "NUL byte", byteOffset: 5)) {
      try TextDecoder.decode(Array("Hello\0world!".utf8))
    }
    #expect(throws: TextDecodingError(reason: "NUL byte", byteOffset: 6)) {
      try TextDecoder.decode(Array("中文\0ab".utf8))
    }
  }

  @Test(
    "Many small pair sets, on all cores and on one, are checked without a stall (each waited a second for a Dispatch worker when its pieces queued behind the inputs in flight)",
    arguments: [false, true])
  func smallPairSetsDoNotStall(pinnedToOneCore: Bool) throws {
    let directory = try TemporaryDirectory()
    let files = try (1...48).map { try directory.file("set\($0).tsv", Array("联系我们\t聯繫我們\n头发\t頭髮\n".utf8)) }
    let run = try BoundedRun(
      shell: (pinnedToOneCore ? "taskset -c 0 " : "") + #""$ALIGN" check --pairs --quiet "#
        + files.joined(separator: " "),
      in: directory, timeout: 5)
    // Without the fix the run stalled until Dispatch had added workers: 7 s for these sets on
    // this machine (debug build); the work itself takes well under a second.
    #expect(run.endedNormally && run.status == 0, "\(run)")
    #expect(run.stdout.isEmpty && run.stderr.isEmpty)
  }
}
