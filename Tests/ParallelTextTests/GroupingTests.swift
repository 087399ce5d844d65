import Foundation
import Testing

/// One document from one file per language, end to end on the built `align`.
@Suite("File groups")
struct GroupingTests {
  static let english = "When people raised sheets of blank paper in 2020.\n\nHong Kong has long been a crucial site.\n"
  static let simplified = "当人们在2020年举起白纸。\n"
  static let traditional = "當人們在2020年舉起白紙。\n"

  @Test("NAME.en.txt, NAME.zh-Hans.txt and NAME.zh-TW.txt in a directory are one document")
  func byLanguageTag() throws {
    let directory = try TemporaryDirectory()
    let en = try directory.file("s.en.txt", Array(Self.english.utf8))
    let hans = try directory.file("s.zh-Hans.txt", Array(Self.simplified.utf8))
    let hant = try directory.file("s.zh-TW.txt", Array(Self.traditional.utf8))
    let run = try AlignRun(["check", "--format", "json", directory.url.path])
    #expect(run.status == 0)
    #expect(run.json["files"] as? [String] == [en, hans, hant])
    let units = run.json["units"] as? [[String: Any]] ?? []
    let segments = run.json["segments"] as? [[String: Any]] ?? []
    let fileOf = Dictionary(uniqueKeysWithValues: segments.map { ($0["id"] as! Int, $0["file"] as! String) })
    let first = (units.first?["segments"] as? [String: [Int]]) ?? [:]
    // The first unit spans the three files.
    #expect(first["Latn"].map { $0.map { fileOf[$0]! } } == [en])
    #expect(first["Hans"].map { $0.map { fileOf[$0]! } } == [hans])
    #expect(first["Hant"].map { $0.map { fileOf[$0]! } } == [hant])
  }

  @Test("--group makes untagged files one document; without it each file is its own")
  func forcedGroup() throws {
    let directory = try TemporaryDirectory()
    let en = try directory.file("english.txt", Array(Self.english.utf8))
    let hans = try directory.file("jianti.txt", Array(Self.simplified.utf8))
    let apart = try AlignRun(["check", "--format", "json", en, hans])
    #expect((apart.json["units"] as? [[String: Any]])?.count == 3)
    let together = try AlignRun(["check", "--format", "json", "--group", en, hans])
    let units = together.json["units"] as? [[String: Any]] ?? []
    #expect(units.count == 2)
    #expect((units.first?["segments"] as? [String: [Int]])?.keys.sorted() == ["Hans", "Latn"])
  }
}
