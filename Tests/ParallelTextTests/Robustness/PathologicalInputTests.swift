import Foundation
import Testing

@testable import ParallelText

/// Inputs that once took quadratic time (hours for a few hundred kilobytes). Each now takes
/// about a second in a debug build; the generous limit only catches a hang.
@Suite("Robustness: pathological input")
struct PathologicalInputTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "200,000 hard-wrapped lines in one paragraph (Reader copied the paragraph per line)",
      text: String(repeating: "word\n", count: 200_000)),
    Case(name: "200,000 [ without ] (InlineMarkup.markLinks)", text: String(repeating: "[", count: 200_000)),
    Case(name: "100,000 [a]( without ) (InlineMarkup.markLinks)", text: String(repeating: "[a](", count: 100_000)),
    Case(
      name: "[x](…) with a 400 kB target (InlineMarkup.markLinks)",
      text: "[x](" + String(repeating: "[x](a", count: 80_000) + ")"),
    Case(name: "200,000 < without > (InlineMarkup.markAutolinks)", text: String(repeating: "<", count: 200_000)),
    Case(
      name: "100,000 <http:// without > (InlineMarkup.markAutolinks)",
      text: String(repeating: "<http://", count: 50_000)),
    Case(
      name: "a long paragraph repeating a nearby one (Aligner.markRepeats)",
      text: String(repeating: "Word ", count: 100_000) + "end.\n\n" + String(repeating: "Word ", count: 200_000)
        + "end."),
    Case(
      name: "20,000 wrong character choices in one pair of twins (ConversionCheck)",
      text: String(repeating: "我们联系了", count: 20_000) + "\n\n" + String(repeating: "我們聯系了", count: 20_000)),
    Case(
      name: "30,000 numbers in a Chinese paragraph next to a long English one (TranslationEvidence)",
      text: (0..<60_000).map { "word\($0)" }.joined(separator: " ") + ".\n\n" + (0..<30_000).map { "中文\($0)" }.joined()
        + "。"),
    Case(
      name: "20,000 apostrophes in a Chinese paragraph (QuoteStyleCheck)",
      text: String(repeating: "中文的段落", count: 20_000) + String(repeating: "don’t ", count: 20_000)),
  ]

  @Test("Ends quickly with a correct result", arguments: cases)
  func endsQuickly(_ input: Case) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("input.txt", Array((input.text + "\n").utf8))
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: 120)
    #expect(run.endedNormally && run.stderr == "", "\(run)")
    #expect(run.status == 0 || run.status == 1)
  }

  @Test(
    "Coloured text output highlights 5,000 findings in one paragraph quickly (TextRenderer)", .timeLimit(.minutes(2)))
  func manyHighlights() {
    let text = String(repeating: "這是繁體中文的段落這是繁體中文的段落這个", count: 5_000)
    let document = Pipeline().process(text: text, file: "f")
    #expect(document.findings.count == 5_000)
    let output = TextRenderer(width: 80, color: true).render([document])
    #expect(output.components(separatedBy: "\u{1B}[31;4m个").count == 5_001)
  }

  @Test(
    "Highlighting marks exactly the characters the findings cover", arguments: Fixtures.seeds.map(\.lastPathComponent))
  func highlightsMatchFindings(seed: String) throws {
    let url = Fixtures.directory.appendingPathComponent("seeds/\(seed)")
    let document = try Pipeline().process(bytes: Array(Data(contentsOf: url)), file: seed)
    var expected = 0
    for segment in document.segments {
      for position in segment.positions
      where document.findings.contains(where: {
        $0.rule != Rule.missingTranslation.id && position >= $0.range.start && position < $0.range.end
      }) {
        expected += 1
      }
    }
    // Count the highlighted scalars: those between a severity colour and the next reset.
    let output = TextRenderer(width: 100, color: true).render([document])
    var highlighted = 0
    var inside = false
    var scalars = output.unicodeScalars[...]
    while let scalar = scalars.first {
      if scalar == "\u{1B}", let end = scalars.firstIndex(of: "m") {
        let code = String(scalars[scalars.startIndex...end])
        inside = code.hasSuffix(";4m")
        scalars = scalars[scalars.index(after: end)...]
        continue
      }
      if inside, scalar != "\n" { highlighted += 1 }
      scalars = scalars.dropFirst()
    }
    #expect(highlighted == expected)
  }
}
