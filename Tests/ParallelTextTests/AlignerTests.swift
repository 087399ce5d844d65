import Testing

@testable import ParallelText

@Suite("Alignment")
struct AlignerTests {
  func document(_ text: String) -> Document { Pipeline().process(text: text, file: "f") }

  func lines(_ document: Document, _ unit: Unit) -> [Int] {
    unit.segmentIDs.compactMap { document.segment($0)?.range.start.line }
  }

  @Test("Seed 002: translations join their English paragraph; pull quotes are repeats")
  func seed002() throws {
    let document = Pipeline().process(text: try Fixtures.text("002"), file: "002")
    let grouped = document.units.filter { $0.segmentIDs.count > 1 }.map { lines(document, $0) }
    #expect(grouped == [[11, 11], [45, 47, 49], [55, 58]])
    let translated = try #require(document.units.first { lines(document, $0) == [45, 47, 49] })
    #expect(translated.scripts == [.latin, .simplified, .traditional])
    // A unit is a translation when two scripts have segments in it (an empty list is none).
    #expect(document.units.filter(\.isTranslated).map { lines(document, $0) } == [[11, 11], [45, 47, 49], [55, 58]])
    #expect(document.units.allSatisfy { $0.isTranslated == ($0.scripts.count > 1) })
    #expect(!Unit(id: 1, segments: [.latin: [1], .simplified: []], confidence: 1).isTranslated)
    let repeats = document.units.filter { $0.repeatOf != nil }
    #expect(repeats.map { lines(document, $0) } == [[37], [68]])
    let repeated = repeats.compactMap { $0.repeatOf }.compactMap { id in document.units.first { $0.id == id } }
    #expect(repeated.map { lines(document, $0) } == [[39], [66]])
    for unit in document.units { #expect((0...1).contains(unit.confidence)) }
  }

  @Test("A Chinese paragraph before its English one joins the one it fits")
  func chineseFirst() {
    let text = """
      集体反抗的人们被警察野蛮殴打和逮捕。

      People who took collective actions were brutally beaten up and dragged away by riot police.

      Hong Kong has long been a crucial site.
      """
    let document = document(text)
    #expect(document.units.map { lines(document, $0) } == [[1, 3], [5]])
  }

  @Test("Units use each segment once and keep document order")
  func coverage() throws {
    for seed in ["000", "001", "002", "003", "004"] {
      let document = Pipeline().process(text: try Fixtures.text(seed), file: seed)
      let ids = document.units.flatMap(\.segmentIDs)
      #expect(ids.sorted() == document.segments.map(\.id))
      let firsts = document.units.map { $0.segmentIDs.min()! }
      #expect(firsts == firsts.sorted())
    }
  }

  @Test("Seed 002's findings: quote style and 聯系 on line 49, Hans twin missing and Taiwan forms on line 58")
  func findings() throws {
    let document = Pipeline().process(text: try Fixtures.text("002"), file: "002")
    let summary = document.findings.map { "\($0.range.start.line):\($0.range.start.column) \($0.rule)" }
    #expect(
      summary == [
        "49:92 quote-style", "49:175 wrong-character-choice", "58:1 missing-translation", "58:67 regional-variant",
        "58:93 regional-variant",
      ])
  }
}
