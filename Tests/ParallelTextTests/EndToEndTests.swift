import Foundation
import Testing

/// Runs the built `align` binary on every fixture and compares with the hand-written gold.
@Suite("End to end")
struct EndToEndTests {
  /// A gold file: segments, units and findings written by reading a seed.
  struct Gold {
    var segments: [String] = []  // "START-END KIND SCRIPT"
    var units: [String] = []  // "LINE:COL LINE:COL ..."
    var findings: [String] = []  // "START-END SEVERITY RULE"

    init(_ url: URL) throws {
      for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
        let fields = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard fields.count == 2 else { continue }
        switch fields[0] {
        case "segment": segments.append(fields[1])
        case "unit": units.append(fields[1])
        case "finding": findings.append(fields[1])
        default: break
        }
      }
    }
  }

  static let seedNames = Fixtures.seeds.map { $0.deletingPathExtension().lastPathComponent }

  @Test("align --format json reproduces the gold segments, units and findings", arguments: seedNames)
  func gold(seed: String) throws {
    let gold = try Gold(Fixtures.directory.appendingPathComponent("gold/\(seed).gold"))
    let run = try AlignRun(["--format", "json", "Fixtures/seeds/\(seed).txt"])
    #expect(run.status == (gold.findings.contains { $0.contains(" error ") } ? 1 : 0))
    #expect(run.stderr.isEmpty)
    let json = run.json
    #expect(json["version"] as? Int == 1)
    #expect(json["files"] as? [String] == ["Fixtures/seeds/\(seed).txt"])
    let segments = json["segments"] as? [[String: Any]] ?? []
    func span(_ item: [String: Any]) -> String {
      "\(item["line"]!):\(item["column"]!)-\(item["endLine"]!):\(item["endColumn"]!)"
    }
    #expect(segments.map { "\(span($0)) \($0["kind"]!) \($0["script"]!)" } == gold.segments)
    var start: [Int: String] = [:]
    for segment in segments { start[segment["id"] as! Int] = "\(segment["line"]!):\(segment["column"]!)" }
    let units = json["units"] as? [[String: Any]] ?? []
    let unitStarts = units.map { unit -> String in
      let ids = (unit["segments"] as? [String: [Int]] ?? [:]).values.flatMap { $0 }.sorted()
      return ids.compactMap { start[$0] }.joined(separator: " ")
    }
    #expect(unitStarts == gold.units)
    let findings = json["findings"] as? [[String: Any]] ?? []
    #expect(findings.map { "\(span($0)) \($0["severity"]!) \($0["rule"]!)" } == gold.findings)
  }

  @Test("Text output shows the units side by side, then findings as FILE:LINE:COL lines")
  func textOutput() throws {
    let run = try AlignRun(
      ["--width", "120", "Fixtures/seeds/002_d096c9044781a046.txt"], environment: ["NO_COLOR": "1"])
    #expect(run.status == 1)
    #expect(!run.stdout.contains("\u{1B}["))
    #expect(run.stdout.contains("反抗香港和中国政治压迫的声明") && run.stdout.contains("│"))
    #expect(
      run.stdout.contains(
        "Fixtures/seeds/002_d096c9044781a046.txt:49:175: error: 聯系 should be 聯繫: the phrase 联系 → 聯繫 decides [wrong-character-choice]"
      ))
    #expect(run.stdout.contains("002_d096c9044781a046.txt:58:1: warning:"))
    // Unit rows fit the width; finding lines stay whole for tools that parse them.
    for line in run.stdout.split(separator: "\n") where line.contains("│") || line.hasPrefix("──") {
      let width = line.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x2E80 && $1.value <= 0xFFEF) ? 2 : 1) }
      #expect(width <= 120, "\(line)")
    }
  }

  @Test("Exit status 0 when a document has no error findings")
  func cleanExit() throws {
    let run = try AlignRun(["Fixtures/seeds/000_053c30352ed8d252.txt"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("Defend the Hong Kong Democracy Movement!"))
  }

  @Test("A binary file is refused with the byte offset; other files are still handled")
  func binaryFile() throws {
    let directory = try TemporaryDirectory()
    let png = try directory.file("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
    let nul = try directory.file("nul.txt", Array("Some text".utf8) + [0, 0x41])
    let run = try AlignRun(["--format", "json", png, nul, "Fixtures/seeds/000_053c30352ed8d252.txt"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(png): not a text file (invalid UTF-8 at byte 0)"))
    #expect(run.stderr.contains("\(nul): not a text file (NUL byte at byte 9)"))
    #expect(run.stderr.split(separator: "\n").count == 2)
    #expect(run.json["files"] as? [String] == ["Fixtures/seeds/000_053c30352ed8d252.txt"])
    #expect(!run.stdout.contains(png))
  }

  @Test("Invalid UTF-8 in the middle of good text names the byte offset")
  func invalidUTF8() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.file("bad.txt", Array("Good text.\n\n好".utf8) + [0xE5, 0x28] + Array(" more".utf8))
    let run = try AlignRun([file])
    #expect(run.status == 2)
    #expect(run.stderr == "\(file): not a text file (invalid UTF-8 at byte 15)\n")
    #expect(!run.stdout.contains("Good text"))
  }

  @Test("A missing file is an error naming it, exit 2")
  func missingFile() throws {
    let run = try AlignRun(["no/such/file.txt"])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("no/such/file.txt: cannot open (No such file or directory)"))
  }

  @Test("A UTF-16 file with BOM reads like its UTF-8 twin")
  func utf16File() throws {
    let directory = try TemporaryDirectory()
    let text = try Fixtures.text("002")
    let file = try directory.file(
      "utf16.txt", [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] })
    let utf16 = try AlignRun(["--format", "json", file])
    let utf8 = try AlignRun(["--format", "json", "Fixtures/seeds/002_d096c9044781a046.txt"])
    #expect(utf16.status == 1)
    #expect(
      utf16.stdout.replacingOccurrences(of: file, with: "X")
        == utf8.stdout.replacingOccurrences(of: "Fixtures/seeds/002_d096c9044781a046.txt", with: "X"))
  }

  @Test("An empty file gives an empty result and exit 0")
  func emptyFile() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.file("empty.txt", [])
    let run = try AlignRun(["--format", "json", file])
    #expect(run.status == 0)
    #expect(run.json["segments"] as? [Any] != nil)
    #expect((run.json["units"] as? [Any])?.isEmpty == true)
  }

  @Test("Standard input is read with -")
  func standardInput() throws {
    let run = try AlignRun(["--format", "json", "-"], input: Data("反抗香港和中国政治压迫的声明 / 反抗香港和中國政治壓迫的聲明\n".utf8))
    #expect(run.status == 0)
    let scripts = (run.json["segments"] as? [[String: Any]] ?? []).compactMap { $0["script"] as? String }
    #expect(scripts == ["Hans", "Hant"])
  }

  @Test("Usage errors exit with 2, not swift-argument-parser's 64")
  func usageError() throws {
    let run = try AlignRun(["--format", "xml", "Fixtures/seeds/000_053c30352ed8d252.txt"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("xml"))
    let none = try AlignRun([])
    #expect(none.status == 2)
  }
}
