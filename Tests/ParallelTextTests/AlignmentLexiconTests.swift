import Testing

@testable import ParallelText

@Suite("Alignment word list")
struct AlignmentLexiconTests {
  func stem(_ word: String) -> UInt64 { Lexicon.stem(Array(word.utf8)) }

  @Test(
    "Inflected forms share a stem",
    arguments: [
      ["install", "installs", "installed", "installing", "installation"],
      ["directory", "directories"],
      ["package", "packages"],
      ["copy", "copies"],
      ["use", "uses"],
    ])
  func stems(_ forms: [String]) {
    #expect(Set(forms.map(stem)).count == 1)
  }

  @Test("Different words keep different stems")
  func distinctStems() {
    #expect(stem("user") != stem("use"))
    #expect(stem("key") != stem("keyboard"))
    #expect(
      Lexicon.stems(in: "Install the PACKAGES, or a package.")
        == [stem("install"), stem("package"), stem("the")].sorted())
  }

  @Test("The shipped list loads and finds words in Simplified and Traditional text")
  func shipped() throws {
    let lexicon = try #require(Lexicon.shipped)
    for text in ["安装软件包", "安裝軟體包"] {
      let words = lexicon.words(in: text, variants: HanVariants.icu)
      #expect(words.ends.count >= 2)
      #expect(words.matched(in: [Lexicon.stems(in: "Install the package")]) >= 1)
      #expect(words.matched(in: [Lexicon.stems(in: "The meeting ends soon")]) == 0)
    }
  }

  @Test("The walk takes the longest headword and skips what the list lacks")
  func longestMatch() {
    let lexicon = Lexicon([("命令", ["order", "command"]), ("命令行", ["command", "line"]), ("系统", ["system"])])
    let words = lexicon.words(in: "在命令行关闭系统", variants: nil)
    #expect(words.ends.count == 2)
    #expect(words.matched(in: [Lexicon.stems(in: "shut down the system from the commandline")]) == 2)
    #expect(words.matched(in: [Lexicon.stems(in: "the system")]) == 1)
    #expect(lexicon.words(in: "命令", variants: nil).matched(in: [Lexicon.stems(in: "an order")]) == 1)
  }

  @Test("Words decide between list items that length, anchors and adjacency cannot")
  func wordsDecide() {
    // Two English items of about the same length, then a translation of the first only:
    // adjacency alone would give it to the second.
    let text = """
      - Aptitude offers the commandline user interface, too.

      - Aptitude can manage many versions of packages.

      - aptitude 提供了命令行用户界面。

      - aptitude 提供了命令列使用者介面。
      """
    let segments = ScriptDetector().label(Reader().read(text: text, file: "f"))
    func units(_ aligner: Aligner) -> [[Int]] {
      aligner.align(segments).map { unit in
        unit.segmentIDs.compactMap { id in segments.first { $0.id == id }?.range.start.line }.sorted()
      }
    }
    #expect(units(Aligner()) == [[1, 5, 7], [3]])
    var withoutWords = Aligner()
    withoutWords.usesLexicon = false
    #expect(units(withoutWords) == [[1], [3, 5, 7]])
  }
}
