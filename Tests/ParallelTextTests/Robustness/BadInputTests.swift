import Foundation
import Testing

@testable import ParallelText

/// Bad and odd input on the built `align`: each case ends with a clear one-line error
/// naming the file (and the byte offset) and exit status 2, or with a correct result;
/// never a trap, a hang or unbounded memory.
@Suite("Robustness: bad input")
struct BadInputTests {
  /// A byte sequence `align` must refuse, and the reason and offset it must name.
  struct Refused: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var reason: String
    var testDescription: String { name }
  }

  static let utf16LittleBOM: [UInt8] = [0xFF, 0xFE]
  static let utf16BigBOM: [UInt8] = [0xFE, 0xFF]
  static let goodPrefix = Array("Good text.\n\n好的".utf8)
  static let png: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
  ]

  static func littleEndian(_ units: [UInt16]) -> [UInt8] { units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
  static func bigEndian(_ units: [UInt16]) -> [UInt8] { units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

  static let refused: [Refused] = [
    Refused(name: "PNG image", bytes: png, reason: "invalid UTF-8 at byte 0"),
    Refused(name: "NUL byte in text", bytes: Array("Hello\0world!".utf8), reason: "NUL byte at byte 5"),
    Refused(name: "NUL bytes only", bytes: [UInt8](repeating: 0, count: 64), reason: "NUL byte at byte 0"),
    Refused(name: "control character", bytes: Array("Bell\u{07}.".utf8), reason: "control character 0x7 at byte 4"),
    Refused(
      name: "invalid UTF-8 mid-text", bytes: goodPrefix + [0xE5, 0x28] + Array(" more".utf8),
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "lone continuation byte", bytes: goodPrefix + [0x80], reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "truncated sequence at the end", bytes: goodPrefix + [0xE4, 0xB8],
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "overlong 2-byte /", bytes: goodPrefix + [0xC0, 0xAF], reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "overlong 3-byte /", bytes: goodPrefix + [0xE0, 0x80, 0xAF],
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "overlong 4-byte /", bytes: goodPrefix + [0xF0, 0x80, 0x80, 0xAF],
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "overlong NUL", bytes: goodPrefix + [0xC0, 0x80], reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "UTF-8 encoded surrogate", bytes: goodPrefix + [0xED, 0xA0, 0x80],
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "beyond U+10FFFF", bytes: goodPrefix + [0xF4, 0x90, 0x80, 0x80],
      reason: "invalid UTF-8 at byte \(goodPrefix.count)"),
    Refused(
      name: "UTF-16LE lone high surrogate", bytes: utf16LittleBOM + littleEndian([0x41, 0xD800, 0x42]),
      reason: "invalid UTF-16 (lone surrogate) at byte 4"),
    Refused(
      name: "UTF-16LE lone low surrogate", bytes: utf16LittleBOM + littleEndian([0x41, 0x42, 0xDC00]),
      reason: "invalid UTF-16 (lone surrogate) at byte 6"),
    Refused(
      name: "UTF-16BE high surrogate at the end", bytes: utf16BigBOM + bigEndian([0x41, 0x42, 0xD83D]),
      reason: "invalid UTF-16 (lone surrogate) at byte 6"),
    Refused(
      name: "UTF-16BE reversed surrogate pair", bytes: utf16BigBOM + bigEndian([0xDE00, 0xD83D]),
      reason: "invalid UTF-16 (lone surrogate) at byte 2"),
    Refused(
      name: "UTF-16LE odd length", bytes: utf16LittleBOM + littleEndian([0x41, 0x42]) + [0x43],
      reason: "invalid UTF-16 (odd length) at byte 6"),
    Refused(
      name: "UTF-16LE NUL character", bytes: utf16LittleBOM + littleEndian([0x41, 0x00, 0x42]),
      reason: "NUL byte at byte 4"),
  ]

  @Test("Three-byte UTF-8 sequences are accepted exactly when the standard library accepts them")
  func threeByteSequences() {
    var disagreements: [[UInt8]] = []
    for lead in UInt8(0xE0)...0xEF {
      for second in UInt8(0x20)...0xFF {
        for third: UInt8 in [0x41, 0x80, 0x9F, 0xA0, 0xBF, 0xC0] {
          let bytes: [UInt8] = [0x61, lead, second, third, 0x62]
          let accepted = (try? TextDecoder.decode(bytes)) != nil
          if accepted != (String(validating: bytes, as: UTF8.self) != nil) { disagreements.append(bytes) }
        }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
  }

  @Test(
    "Refused input: one line on stderr naming file, reason and byte; exit 2; nothing printed for it", arguments: refused
  )
  func refusedInput(_ input: Refused) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("input.bin", input.bytes)
    for format in ["text", "json"] {
      let run = try BoundedRun(align: ["--format", format, path], in: directory, timeout: 120)
      #expect(run.endedNormally, "\(run)")
      #expect(run.status == 2)
      #expect(run.stderr == "\(path): not a text file (\(input.reason))\n")
      if format == "json" {
        #expect(run.stdout == "{\"version\":1,\"files\":[],\"segments\":[],\"units\":[],\"findings\":[]}\n")
      } else {
        #expect(run.stdout == "\(path): not a text file (\(input.reason)) (not processed)\n")
      }
    }
  }

  /// A text whose Chinese comes first and holds 一 (U+4E00, a zero byte in UTF-16).
  static let chineseFirst = "一个声明\n\nA statement about one thing.\n\n一個聲明\n\n香港的声明。\n\n香港的聲明。\n"

  /// The same text in another encoding or with other line ends.
  struct Variant: CustomTestStringConvertible, Sendable {
    var name: String
    var encode: @Sendable (String) -> [UInt8]
    var testDescription: String { name }
  }

  static let variants: [Variant] = [
    Variant(name: "UTF-8 BOM") { [0xEF, 0xBB, 0xBF] + Array($0.utf8) },
    Variant(name: "UTF-16LE BOM") { utf16LittleBOM + littleEndian(Array($0.utf16)) },
    Variant(name: "UTF-16BE BOM") { utf16BigBOM + bigEndian(Array($0.utf16)) },
    Variant(name: "UTF-16LE without BOM") { littleEndian(Array($0.utf16)) },
    Variant(name: "UTF-16BE without BOM") { bigEndian(Array($0.utf16)) },
    Variant(name: "CRLF line ends") { Array($0.replacingOccurrences(of: "\n", with: "\r\n").utf8) },
    Variant(name: "CR-only line ends") { Array($0.replacingOccurrences(of: "\n", with: "\r").utf8) },
    Variant(name: "mixed line ends") { text in
      var bytes: [UInt8] = []
      var newline = 0
      for byte in text.utf8 {
        if byte == 0x0A {
          bytes += [[0x0A], [0x0D], [0x0D, 0x0A]][newline % 3]  // CR never before LF
          newline += 1
        } else {
          bytes.append(byte)
        }
      }
      return bytes
    },
    Variant(name: "UTF-16LE BOM with CRLF") {
      utf16LittleBOM + littleEndian(Array($0.replacingOccurrences(of: "\n", with: "\r\n").utf16))
    },
  ]

  @Test("Other encodings and line ends give the UTF-8 LF result byte for byte", arguments: variants)
  func sameResult(_ variant: Variant) throws {
    let directory = try TemporaryDirectory()
    for (name, text) in [("seed", try Fixtures.text("002")), ("chinese-first", Self.chineseFirst)] {
      let reference = try directory.file("\(name).txt", Array(text.utf8))
      let path = try directory.file("\(name).variant", variant.encode(text))
      let expected = try BoundedRun(align: ["--format", "json", reference], in: directory, timeout: 120)
      let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: 120)
      #expect(run.endedNormally && expected.endedNormally)
      #expect(run.stderr == "", "\(name)")
      #expect(run.status == expected.status, "\(name)")
      #expect(
        run.stdout.replacingOccurrences(of: path, with: "F")
          == expected.stdout.replacingOccurrences(of: reference, with: "F"),
        "\(name)")
      #expect(expected.stdout.contains("\"segments\":[{"), "\(name)")
    }
  }

  /// Text `align` must read: no error, no lost character.
  struct Odd: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var testDescription: String { name }
  }

  static let odd: [Odd] = [
    Odd(name: "empty", text: ""),
    Odd(name: "whitespace only", text: "  \t\n\n\u{3000}\u{A0}\r\n \u{2028}\u{2029}\u{FEFF}\n"),
    Odd(name: "one language (English)", text: "One paragraph.\n\nAnother paragraph, still English.\n"),
    Odd(name: "one language (Traditional)", text: "只有繁體中文的段落。\n\n第二個段落。\n"),
    Odd(name: "U+2028 and U+2029", text: "First line\u{2028}same paragraph.\u{2029}Second 段落\u{2029}\u{2029}第三。\n"),
    Odd(
      name: "zero-width characters",
      text: "zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060}and\u{FEFF}BOM 中\u{200B}文。\n"),
    Odd(
      name: "combining marks",
      text:
        "Cafe\u{301} na\u{308}ive Z\u{335}\u{351}\u{34D}a\u{336}l\u{337}go 漢\u{E0100}字 a\u{300}\u{301}\u{302}\u{303}\u{304}\n"
    ),
    Odd(name: "combining mark first", text: "\u{301}\u{308} starts with marks.\n\n\u{20DD}\n"),
    Odd(name: "private-use", text: "Private \u{E000}\u{F8FF} plane \u{F0000}\u{10FFFD} use 中\u{E000}文。\n"),
    Odd(
      name: "unassigned and noncharacters",
      text: "Unassigned \u{378}\u{2FFFF}\u{E0080} non "
        + String(String.UnicodeScalarView([0xFDD0, 0xFFFE, 0xFFFF, 0x10FFFF].compactMap(Unicode.Scalar.init))) + ".\n"),
    Odd(name: "emoji ZWJ sequences", text: "Family 👨‍👩‍👧‍👦, flag 🇭🇰, skin 👍🏽, 🏳️‍🌈 and keycap 1️⃣.\n\n香港👨‍👩‍👧‍👦加油。\n"),
    Odd(name: "fullwidth Latin", text: "ＦＵＬＬＷＩＤＴＨ ｌａｔｉｎ ＡＢＣ１２３。\n\n全形ＡＢＣ字母。\n"),
    Odd(
      name: "right-to-left and bidi controls", text: "Arabic \u{202E}مرحبا\u{202C} and עברית \u{2067}isolate\u{2069}.\n"
    ),
    Odd(name: "only Markdown markers", text: "__\n\n**\n\n# \n\n- \n\n---\n\n[]()\n"),
    Odd(name: "escape and form feed", text: "Escape \u{1B}[31mred\u{1B}[0m and form\u{0C}feed\u{0B}tab.\n"),
  ]

  @Test("Odd text reads without loss: every non-blank character in exactly one segment", arguments: odd)
  func oddText(_ input: Odd) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("odd.txt", Array(input.text.utf8))
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: 120)
    #expect(run.endedNormally, "\(run)")
    #expect(run.status == 0 || run.status == 1)
    #expect(run.stderr == "")
    let json = (try? JSONSerialization.jsonObject(with: run.stdoutData)) as? [String: Any] ?? [:]
    let texts = (json["segments"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
    if input.name != "only Markdown markers" {
      let isBlank = { (scalar: Unicode.Scalar) in Characters.isWhitespace(scalar) || scalar == "\n" || scalar == "\r" }
      let read = texts.joined().unicodeScalars.filter { !isBlank($0) }
      let written = input.text.unicodeScalars.filter { !isBlank($0) }
      #expect(String(String.UnicodeScalarView(read)) == String(String.UnicodeScalarView(written)))
    }
    for width in ["20", "100"] {
      let text = try BoundedRun(align: ["--width", width, path], in: directory, timeout: 120)
      #expect(text.endedNormally && text.stderr == "" && text.status == run.status, "\(text)")
      if texts.isEmpty { #expect(text.stdout.contains("no text")) }
    }
  }
}
