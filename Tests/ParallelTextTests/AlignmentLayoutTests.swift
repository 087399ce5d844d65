import Foundation
import Testing

@testable import ParallelText

@Suite("Alignment layouts")
struct AlignmentLayoutTests {
  static let english = [
    "Debian is a free operating system for your computer.",
    "Photo: Debian Project",
    "The package manager installs 59000 packages from the archive at https://deb.debian.org/ for you.",
    "Nobody translated this paragraph about the release team.",
  ]
  static let simplified = [
    "Debian 是一个供你的计算机使用的自由操作系统。", nil, "软件包管理器从 https://deb.debian.org/ 的档案库为你安装 59000 个软件包。", nil,
  ]
  static let traditional = [
    "Debian 是一個供你的電腦使用的自由作業系統。", nil, "軟體包管理器從 https://deb.debian.org/ 的檔案庫為你安裝 59000 個軟體包。", nil,
  ]

  /// The expected units as sets of texts' first characters per unit.
  static let expected: Set<Set<String>> = [
    [english[0], simplified[0]!, traditional[0]!], [english[1]],
    [english[2], simplified[2]!, traditional[2]!], [english[3]],
  ]

  func units(_ document: Document) -> Set<Set<String>> {
    Set(document.units.map { unit in Set(unit.segmentIDs.compactMap { document.segment($0)?.text }) })
  }

  @Test("Interleaved English first, Chinese first, blocks: the same units")
  func layouts() {
    var englishFirst: [String] = []
    var chineseFirst: [String] = []
    for index in Self.english.indices {
      let chinese = [Self.simplified[index], Self.traditional[index]].compactMap { $0 }
      englishFirst += [Self.english[index]] + chinese
      chineseFirst += chinese + [Self.english[index]]
    }
    let blocks = Self.english + Self.simplified.compactMap { $0 } + Self.traditional.compactMap { $0 }
    for paragraphs in [englishFirst, chineseFirst, blocks] {
      let document = Pipeline().process(text: paragraphs.joined(separator: "\n\n"), file: "f.txt")
      #expect(units(document) == Self.expected)
      for unit in document.units { #expect((0...1).contains(unit.confidence)) }
    }
  }

  @Test("One file per language forms one document whose units span the files")
  func files() {
    let document = Pipeline().process(texts: [
      ("s.en.txt", Self.english.joined(separator: "\n\n")),
      ("s.zh-CN.txt", Self.simplified.compactMap { $0 }.joined(separator: "\n\n")),
      ("s.zh-TW.txt", Self.traditional.compactMap { $0 }.joined(separator: "\n\n")),
    ])
    #expect(units(document) == Self.expected)
    #expect(document.files == ["s.en.txt", "s.zh-CN.txt", "s.zh-TW.txt"])
    let spanning = document.units.first { $0.segmentIDs.count == 3 }!
    #expect(Set(spanning.segmentIDs.compactMap { document.segment($0)?.file }).count == 3)
  }

  @Test(
    "Language tags in file names",
    arguments: [
      ("NAME.en.txt", Script.latin), ("dir/NAME.zh-Hans.md", .simplified), ("NAME.zh-Hant.txt", .traditional),
      ("NAME.zh-CN.txt", .simplified), ("NAME.zh-TW", .traditional), ("NAME.zh_HK.txt", .traditional),
    ])
  func tags(path: String, script: Script) {
    #expect(DocumentGroup.language(of: path)?.script == script)
  }

  @Test("Grouping by name: same stem, different tags; other files alone")
  func grouping() {
    let groups = DocumentGroup.grouping([
      "a.zh-Hant.txt", "other.txt", "a.en.txt", "a.zh-Hans.txt", "b.en.txt",
    ])
    #expect(groups.map(\.files) == [["a.en.txt", "a.zh-Hans.txt", "a.zh-Hant.txt"], ["other.txt"], ["b.en.txt"]])
  }

  @Test("An ambiguous unit gets an uncertain-alignment finding naming the rival reading")
  func uncertain() {
    // Two English paragraphs of the same length and no anchors; one translation between them.
    let text = """
      The meeting will start soon.

      我们很快就会开始。

      The meeting will end soon.
      """
    var aligner = Aligner()
    aligner.uncertaintyThreshold = 0.9
    let segments = ScriptDetector().label(Reader().read(text: text, file: "f"))
    let alignment = aligner.alignment(of: segments)
    let findings = alignment.findings { id in segments.first { $0.id == id } }
    #expect(!findings.isEmpty)
    #expect(findings.allSatisfy { $0.rule == "uncertain-alignment" && $0.message.contains("rival reading") })
  }

  @Test("Long documents align in a corridor and keep every segment once")
  func long() {
    var paragraphs: [String] = []
    for index in 0..<600 {
      paragraphs.append("Section \(index) describes item number \(index * 7) of the list.")
      if index % 5 != 0 {
        paragraphs.append("第\(index)节描述清单中的第\(index * 7)项。")
        paragraphs.append("第\(index)節描述清單中的第\(index * 7)項。")
      }
    }
    let blocks =
      paragraphs.filter { $0.hasPrefix("Section") } + paragraphs.filter { $0.contains("节") }
      + paragraphs.filter { $0.contains("節") }
    let document = Pipeline().process(text: blocks.joined(separator: "\n\n"), file: "long.txt")
    #expect(document.units.flatMap(\.segmentIDs).sorted() == document.segments.map(\.id))
    let translated = document.units.filter { $0.segmentIDs.count == 3 }
    #expect(translated.count >= 470)
  }
}
