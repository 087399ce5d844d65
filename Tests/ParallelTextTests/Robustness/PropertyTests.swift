import Dispatch
import Foundation
import Synchronization
import Testing

@testable import ParallelText

/// A small seeded generator (SplitMix64): every property runs on the same inputs on every
/// machine, and a failure names the seed that reproduces it.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Random documents built from the pieces statements are made of, with the odd ones mixed in.
enum DocumentGenerator {
  static let words = [
    "the", "Hong", "Kong", "people", "2020", "protest", "don’t", "A", "law.", "police,", "“zero-Covid”",
  ]
  static let simplified = ["联系", "头发", "发出", "我们", "国家", "香港", "的", "声明", "。", "，", "“", "”", "一", "街头"]
  static let traditional = ["聯繫", "頭髮", "發出", "我們", "國家", "香港", "的", "聲明", "。", "，", "「", "」", "一", "街頭"]
  static let odd = [
    "\u{200B}", "\u{200D}", "e\u{301}", "👨‍👩‍👧", "🇭🇰", "\u{E000}", "\u{378}", "ＡＢＣ", "\u{3000}", "\u{A0}", "\u{2028}",
    "\u{2029}", "\u{FEFF}", "\t", " / ", "/", "…", "»", "\u{1B}",
  ]
  static let markup = [
    "*", "**", "_", "__", "[", "]", "(", ")", "<", ">", "\\", "# ", "- ", "1. ", "---", "!", "<https://x.org>",
  ]
  static let lineEnds = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\n \n"]

  /// A document of up to `size` pieces; with `markup`, Markdown markers are among them.
  static func document(_ random: inout SeededGenerator, size: Int = 60, markup useMarkup: Bool) -> String {
    var pools = [words, simplified, traditional, odd, lineEnds]
    if useMarkup { pools.append(markup) }
    var text = ""
    for _ in 0..<Int.random(in: 0...size, using: &random) {
      let pool = pools.randomElement(using: &random)!
      text += pool.randomElement(using: &random)!
      if Bool.random(using: &random) { text += " " }
    }
    return text
  }

  /// Simplified text of up to `size` pieces, with some non-Han pieces mixed in.
  static func simplifiedText(_ random: inout SeededGenerator, size: Int = 30) -> String {
    var text = ""
    for _ in 0..<Int.random(in: 0...size, using: &random) {
      text += (Int.random(in: 0..<5, using: &random) == 0 ? odd + words : simplified).randomElement(using: &random)!
    }
    return text
  }
}

/// Properties of the reader, the conversion tables and the aligner over generated input.
@Suite("Robustness: properties")
struct PropertyTests {
  static let seeds: [UInt64] = Array(1...400)

  /// The source scalar at each 1-based (line, column) of `text`, lines split at LF, CRLF
  /// and CR, and the positions inside link targets (from `](` to the next `)`).
  static func sourceScalars(_ text: String) -> (
    scalars: [SourcePosition: Unicode.Scalar], linkTargets: Set<SourcePosition>
  ) {
    var result: [SourcePosition: Unicode.Scalar] = [:]
    var linkTargets = Set<SourcePosition>()
    for (index, line) in Reader.lines(of: text).enumerated() {
      var inTarget = false
      for (column, scalar) in line.enumerated() {
        let position = SourcePosition(line: index + 1, column: column + 1)
        result[position] = scalar
        if inTarget { linkTargets.insert(position) }
        if scalar == "(", column > 0, line[column - 1] == "]" { inTarget = true }
        if scalar == ")" { inTarget = false }
      }
    }
    return (result, linkTargets)
  }

  /// Markdown markers and the ` / ` separator of bilingual lines: the only non-blank
  /// characters a reader may drop.
  static let markupCharacters = Set("*_[]()<>\\#-+!./0123456789•‣◦▪●".unicodeScalars)

  /// Coverage, precisely: every segment scalar that is not a joining space sits at its own
  /// source position, holding that very scalar; no source position is in two segments;
  /// every non-whitespace source scalar (Unicode White_Space, U+200B and U+FEFF count as
  /// whitespace) that is not a Markdown markup character or inside a link target is in
  /// exactly one segment.
  @Test("Segments cover every non-blank character of the input exactly once", arguments: seeds)
  func coverage(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let text = DocumentGenerator.document(&random, markup: seed % 2 == 0)
    let (source, linkTargets) = Self.sourceScalars(text)
    let segments = ScriptDetector().label(Reader().read(text: text, file: "f"))
    var seen: [SourcePosition: Int] = [:]
    for segment in segments {
      let scalars = Array(segment.text.unicodeScalars)
      #expect(scalars.count == segment.positions.count, "seed \(seed)")
      guard scalars.count == segment.positions.count else { return }
      for (scalar, position) in zip(scalars, segment.positions) where !Characters.isWhitespace(scalar) {
        #expect(source[position] == scalar, "seed \(seed): \(segment.text) at \(position)")
        seen[position, default: 0] += 1
      }
    }
    #expect(seen.values.allSatisfy { $0 == 1 }, "seed \(seed): a source character in two segments")
    for (position, scalar) in source
    where !Characters.isWhitespace(scalar) && !Self.markupCharacters.contains(scalar) && !linkTargets.contains(position)
    {
      #expect(seen[position] == 1, "seed \(seed): \(scalar) at \(position) lost in \(text.debugDescription)")
    }
  }

  @Test("Text built from scalars is the text they came from, at every UTF-8 width", arguments: seeds)
  func textFromScalars(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let text = DocumentGenerator.document(&random, markup: true) + "é€𠀀\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}"
    let scalars = Array(text.unicodeScalars)
    #expect(String(scalars: scalars) == text)
    #expect(Array(String(scalars: scalars).utf8) == Array(text.utf8))
    let cut = Int.random(in: 0...scalars.count, using: &random)
    #expect(String(scalars: scalars[cut...]) == String(String.UnicodeScalarView(scalars[cut...])))
  }

  @Test("Every conversion table entry keeps length, so Hans→Hant conversion does too", arguments: seeds)
  func conversionKeepsLength(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let check = ConversionCheck()
    let text = DocumentGenerator.simplifiedText(&random)
    let converted = Converter(.toTraditional).convert(text)
    #expect(converted.unicodeScalars.count == text.unicodeScalars.count, "seed \(seed): \(text) → \(converted)")
    // Character by character, a conversion is always a rendering of its source (the
    // converter's word choices may still be wrong: 街头发出 → 街頭髮出 is flagged, rightly).
    let errors = check.check(simplified: text, traditional: converted).filter { $0.rule == Rule.hansHantMismatch.id }
    #expect(errors.isEmpty, "seed \(seed): \(text) → \(converted): \(errors.map(\.message))")
  }

  @Test("The conversion tables map phrases to phrases of the same length")
  func tablesKeepLength() {
    let variants = HanVariants.icu
    #expect(variants.phrases.allSatisfy { $0.key.count == $0.value.count })
    #expect(!variants.phrases.isEmpty && !variants.toTraditional.isEmpty)
  }

  @Test("Units use each segment exactly once and keep document order", arguments: seeds)
  func unitsPartitionSegments(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let text = DocumentGenerator.document(&random, size: 120, markup: seed % 3 == 0)
    let first = Int(seed % 7) + 1
    let document = Pipeline().process(text: text, file: "f", firstSegmentID: first, firstUnitID: first)
    var used: [Int] = []
    var previous = Int.min
    for (offset, unit) in document.units.enumerated() {
      #expect(unit.id == first + offset, "seed \(seed)")
      let ids = unit.segmentIDs
      #expect(!ids.isEmpty, "seed \(seed)")
      #expect((ids.min() ?? .max) > previous, "seed \(seed): unit \(unit.id) out of order")
      previous = ids.min() ?? previous
      used += ids
    }
    #expect(used.sorted() == document.segments.map(\.id), "seed \(seed): segments used \(used)")
    #expect(Set(used).count == used.count, "seed \(seed): a segment in two units")
  }

  @Test("Processing is deterministic: same input, same output", arguments: seeds.prefix(100))
  func deterministic(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let text = DocumentGenerator.document(&random, size: 120, markup: true)
    let once = Pipeline().process(text: text, file: "f")
    let twice = Pipeline().process(text: text, file: "f")
    #expect(JSONRenderer().render([once]) == JSONRenderer().render([twice]))
    #expect(TextRenderer(width: 60).render([once]) == TextRenderer(width: 60).render([twice]))
  }

  @Test("Word boundaries found a clause at a time are those of the whole text, for every span of many texts")
  func wordBoundariesByClause() {
    var random = SeededGenerator(seed: 11)
    let pieces = DocumentGenerator.simplified + ["、", "；", "：", "！", "？", "发现", "头发", "A1", " ", "发"]
    var spans = 0
    for _ in 0..<300 {
      let text = Array((0..<40).map { _ in pieces.randomElement(using: &random)! }.joined().unicodeScalars)
      let whole = WordBoundaries(text)
      var byClause = ClauseWordBoundaries(text)
      for start in 0..<text.count {
        for end in (start + 1)...min(start + 4, text.count) {
          #expect(
            byClause.agrees(with: start..<end) == whole.agrees(with: start..<end),
            "\(String(String.UnicodeScalarView(text))) \(start)..<\(end)")
          spans += 1
        }
      }
    }
    #expect(spans > 30_000)
  }

  @Test("Word boundaries are the same on whichever thread they are found, many texts at once")
  func wordBoundariesAcrossThreads() {
    var random = SeededGenerator(seed: 7)
    let texts = (0..<200).map { _ in
      Array((0..<30).map { _ in DocumentGenerator.simplified.randomElement(using: &random)! }.joined().unicodeScalars)
    }
    /// Whether each two-character span of each text agrees with its word boundaries.
    @Sendable func agreements(_ text: [Unicode.Scalar]) -> [Bool] {
      let boundaries = WordBoundaries(text)
      return (0..<(text.count - 1)).map { boundaries.agrees(with: $0..<($0 + 2)) }
    }
    let alone = texts.map(agreements)
    #expect(alone.contains { $0.contains(true) } && alone.contains { $0.contains(false) })
    let mismatches = Mutex(0)
    DispatchQueue.concurrentPerform(iterations: 8) { round in
      // Each thread goes through the texts from its own starting point.
      for index in texts.indices {
        let text = (index + 25 * round) % texts.count
        if agreements(texts[text]) != alone[text] { mismatches.withLock { $0 += 1 } }
      }
    }
    #expect(mismatches.withLock { $0 } == 0)
  }

  @Test("A TSV field is one line that reads back as its text, every line end as LF", arguments: seeds.prefix(50))
  func tsvFields(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    let pieces = ["a", "\\", "\t", "\r\n", "\n", "\r", "汉", "\\n", "𠮷"]
    let text = (0..<20).map { _ in pieces.randomElement(using: &random)! }.joined()
    let field = TSVRenderer.escape(text)
    #expect(!field.unicodeScalars.contains { ["\t", "\n", "\r"].contains($0) }, "seed \(seed)")
    // Read back: a backslash and the character after it.
    var read = ""
    var escaped = false
    for scalar in field.unicodeScalars {
      if escaped {
        read += scalar == "t" ? "\t" : scalar == "n" ? "\n" : String(scalar)
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else {
        read.unicodeScalars.append(scalar)
      }
    }
    #expect(
      read == text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"),
      "seed \(seed)")
  }

  @Test("A JSON string reads back as its text; U+2028, U+2029 and controls are escaped", arguments: seeds.prefix(50))
  func jsonStrings(seed: UInt64) throws {
    var random = SeededGenerator(seed: seed)
    // “ (E2 80 9C), … (E2 80 A6) and U+2027 (E2 80 A7) share bytes with U+2028 / U+2029.
    let pieces = [
      "a", "\"", "\\", "\n", "\u{1}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2027}", "“", "…", "汉", "𠮷", "\t",
    ]
    let text = (0..<12).map { _ in pieces.randomElement(using: &random)! }.joined()
    var writer = JSONWriter()
    writer.string(text)
    #expect(!writer.text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
    let read = try JSONSerialization.jsonObject(with: Data(writer.text.utf8), options: .fragmentsAllowed)
    #expect(read as? String == text, "seed \(seed)")
  }
}
