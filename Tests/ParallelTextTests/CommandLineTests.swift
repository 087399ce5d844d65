import Foundation
import Testing

@testable import ParallelText

/// The CLI as a user meets it: subcommands, directories, exit codes, rule selection, colour.
@Suite("Command line")
struct CommandLineTests {
  static let seed = "Fixtures/seeds/002_d096c9044781a046.txt"

  @Test("align check prints findings and summaries, no units")
  func check() throws {
    let run = try AlignRun(["check", Self.seed], environment: ["NO_COLOR": "1"])
    #expect(run.status == 1)
    #expect(!run.stdout.contains("│"))
    #expect(
      run.stdout == """
        Fixtures/seeds/002_d096c9044781a046.txt:49:92: warning: Paragraph mixes “” and 「」 quotation marks; use one style [quote-style]
        Fixtures/seeds/002_d096c9044781a046.txt:49:175: error: 聯系 should be 聯繫: the phrase 联系 → 聯繫 decides [wrong-character-choice]
        Fixtures/seeds/002_d096c9044781a046.txt:58:1: warning: The English and Traditional Chinese paragraph has no Simplified Chinese (Hans) counterpart [missing-translation]
        Fixtures/seeds/002_d096c9044781a046.txt:58:67: note: 為 is the Taiwan and Hong Kong form of 爲 (2 times in this paragraph) [regional-variant]
        Fixtures/seeds/002_d096c9044781a046.txt:58:93: note: 著 is the Taiwan form of 着 [regional-variant]
        Fixtures/seeds/002_d096c9044781a046.txt: 24 units (3 translated), 1 error, 2 warnings, 2 notes

        """)
  }

  @Test("A directory is walked for *.txt and *.md in sorted order; ids run on across files")
  func directory() throws {
    let run = try AlignRun(["check", "--format", "json", "Fixtures/seeds"])
    let files = run.json["files"] as? [String] ?? []
    #expect(files == Fixtures.seeds.map { "Fixtures/seeds/\($0.lastPathComponent)" })
    let ids = (run.json["segments"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    #expect(ids == Array(1...ids.count))
    let units = (run.json["units"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    #expect(units == Array(1...units.count))
    // Parallel processing gives the same output as one file after another.
    let oneByOne = try AlignRun(["check", "--format", "json"] + files)
    #expect(oneByOne.stdout == run.stdout)
    // Pinned to one core, align runs the files one after another (and loads its tables
    // when first used): the same output.
    let oneCore = try AlignRun(["check", "--format", "json", "Fixtures/seeds"], pinnedToOneCore: true)
    #expect(oneCore.status == run.status)
    #expect(oneCore.stdout == run.stdout)
  }

  @Test("The cores align uses are those its CPU affinity allows (taskset), read from /proc/self/status")
  func allowedCores() {
    #expect(ConcurrentChunks.allowedCores(status: "Name:\talign\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\n") == 2)
    #expect(ConcurrentChunks.allowedCores(status: "Cpus_allowed:\tffffffff,00000001\n") == 33)
    #expect(ConcurrentChunks.allowedCores(status: "Cpus_allowed:\t1\n") == 1)
    #expect(ConcurrentChunks.allowedCores(status: "Name:\talign\n") == nil)
    #expect(ConcurrentChunks.allowedCores(status: nil) == nil)
  }

  @Test("Directory walks skip other extensions and hidden folders; --include and --exclude change that")
  func walkFilters() throws {
    let directory = try TemporaryDirectory()
    let text = Array("反抗香港和中国政治压迫的声明 / 反抗香港和中國政治壓迫的聲明\n".utf8)
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    _ = try directory.file("b.txt", text)
    _ = try directory.file("a.md", text)
    _ = try directory.file("sub/c.txt", text)
    _ = try directory.file("notes.rst", text)
    _ = try directory.file(".hidden/d.txt", text)
    let root = directory.url.path
    let run = try AlignRun(["check", "--format", "json", root])
    #expect(run.json["files"] as? [String] == ["\(root)/a.md", "\(root)/b.txt", "\(root)/sub/c.txt"])
    let excluded = try AlignRun(["check", "--format", "json", "--exclude", "sub/**", root])
    #expect(excluded.json["files"] as? [String] == ["\(root)/a.md", "\(root)/b.txt"])
    let included = try AlignRun(["check", "--format", "json", "--include", "*.rst", root])
    #expect(included.json["files"] as? [String] == ["\(root)/notes.rst"])
    let none = try AlignRun(["check", "--include", "*.doc", root])
    #expect(none.status == 0)
    #expect(none.stderr.contains("\(root): no files to read"))
  }

  @Test("A directory walk takes a link to a file, and does not follow a link to a folder")
  func walkLinks() throws {
    let directory = try TemporaryDirectory()
    let text = Array("反抗香港和中国政治压迫的声明 / 反抗香港和中國政治壓迫的聲明\n".utf8)
    let outside = try TemporaryDirectory()
    let target = try outside.file("linked.txt", text)
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("sub"), withIntermediateDirectories: true)
    _ = try directory.file("sub/c.txt", text)
    let root = directory.url.path
    try FileManager.default.createSymbolicLink(atPath: root + "/b.txt", withDestinationPath: target)
    try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
    try FileManager.default.createSymbolicLink(atPath: root + "/gone.txt", withDestinationPath: root + "/missing.txt")
    let run = try AlignRun(["check", "--format", "json", root])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.json["files"] as? [String] == ["\(root)/b.txt", "\(root)/sub/c.txt"])
  }

  @Test(
    "A large pair set read ahead while the arguments are parsed gives what reading it in turn gives; a large file named before it is read for nothing"
  )
  func readAhead() throws {
    let directory = try TemporaryDirectory()
    let samples = ["我们保持联系\t我們保持聯系", "头发很长\t頭髮很長", "以后再说\t以后再說", "这里的人\t這裏的人"]
    let text = (0..<60_000).map { samples[$0 % samples.count] }.joined(separator: "\n") + "\n"
    // Larger than a part (1 MiB): the size read ahead.
    #expect(text.utf8.count >= 1 << 20)
    let set = try directory.file("set.tsv", Array(text.utf8))
    let other = try directory.file("other.txt", Array(repeating: UInt8(ascii: "x"), count: 1 << 20))
    let ahead = try AlignRun(["check", "--pairs", set])
    let inTurn = try AlignRun(["check", "--pairs", "-"], input: Data(text.utf8))
    #expect(ahead.status == 1 && inTurn.status == 1)
    #expect(ahead.stdout.split(separator: "\n").count == 30_000 + 1)
    #expect(ahead.stdout == inTurn.stdout.replacingOccurrences(of: "-:", with: "\(set):"))
    // With another core, the set is read on a thread other than the main one (thread 0).
    let marked = try AlignRun(["check", "--pairs", set], environment: ["PTX_TIME_MARKS": ""])
    let readers = marked.stderr.split(separator: "\n").filter { $0.hasSuffix("\tfile read starts") }
    #expect(readers.count == 1)
    if ConcurrentChunks.cores > 1 { #expect(readers.allSatisfy { !$0.contains("\t0\t") }) }
    // other.txt, the file --output replaces, comes first: it is the one read ahead, and the
    // set is read in turn.
    let afterDecoy = try AlignRun(["check", "--pairs", "--output", other, set])
    #expect(afterDecoy.status == 1)
    #expect(try String(contentsOfFile: other, encoding: .utf8) == ahead.stdout)
  }

  @Test("PTX_TIME_MARKS makes align write its time marks to standard error, in time order, and nothing else changes")
  func timeMarks() throws {
    let plain = try AlignRun(["check", Self.seed])
    let marked = try AlignRun(["check", Self.seed], environment: ["PTX_TIME_MARKS": ""])
    #expect(marked.status == plain.status && marked.stdout == plain.stdout)
    #expect(plain.stderr.isEmpty)
    let lines = marked.stderr.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    #expect(lines.allSatisfy { $0.count == 3 && Double($0[0]) != nil && Int($0[1]) != nil })
    let times = lines.compactMap { Double($0[0]) }
    #expect(times == times.sorted())
    #expect(lines.first.map { String($0[2]) } == "main" && lines.last.map { String($0[2]) } == "exit")
    #expect(lines.contains { $0[2] == "arguments parsed" })
  }

  @Test("--strict and --fail-on decide which severities fail")
  func failLevels() throws {
    let clean = "Fixtures/seeds/000_053c30352ed8d252.txt"
    #expect(try AlignRun(["check", clean]).status == 0)
    #expect(try AlignRun(["check", "--disable", "wrong-character-choice", Self.seed]).status == 0)
    #expect(try AlignRun(["check", "--disable", "wrong-character-choice", "--strict", Self.seed]).status == 1)
    #expect(try AlignRun(["check", "--rule", "quote-style", "--fail-on", "warning", Self.seed]).status == 1)
    #expect(try AlignRun(["check", "--rule", "quote-style", "--fail-on", "error", Self.seed]).status == 0)
    #expect(try AlignRun(["check", "--fail-on", "fatal", Self.seed]).status == 2)
  }

  @Test("--rule runs only the named rules; --disable leaves rules out; unknown ids are usage errors")
  func ruleSelection() throws {
    let only = try AlignRun(["check", "--format", "json", "--rule", "quote-style", Self.seed])
    let rules = (only.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    #expect(rules == ["quote-style"])
    let without = try AlignRun(["check", "--format", "json", "--disable", "quote-style", Self.seed])
    let others = (without.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    #expect(others == ["wrong-character-choice", "missing-translation", "regional-variant", "regional-variant"])
    let unknown = try AlignRun(["check", "--rule", "no-such-rule", Self.seed])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("unknown rule 'no-such-rule'"))
  }

  @Test("Options before a subcommand get a usage error that says where they go")
  func optionsBeforeSubcommand() throws {
    let run = try AlignRun(["--format", "json", "check", Self.seed])
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("'check' is a subcommand, not a file: give options after it"))
  }

  @Test("--standard accepts tw, hk and generic, and nothing else")
  func standard() throws {
    for value in ["tw", "hk", "generic"] {
      #expect(try AlignRun(["check", "--standard", value, Self.seed]).status == 1)
    }
    let bad = try AlignRun(["check", "--standard", "cn", Self.seed])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--standard must be tw, hk or generic"))
  }

  @Test("--quiet prints only the findings")
  func quiet() throws {
    let run = try AlignRun(["--quiet", Self.seed])
    #expect(run.status == 1)
    #expect(run.stdout.split(separator: "\n").count == 5)
    #expect(!run.stdout.contains("units"))
  }

  @Test("Colour: never with --no-color or NO_COLOR, never into a pipe")
  func colour() throws {
    #expect(try !AlignRun([Self.seed]).stdout.contains("\u{1B}["))
    #expect(try !AlignRun(["--no-color", Self.seed]).stdout.contains("\u{1B}["))
    #expect(try !AlignRun([Self.seed], environment: ["NO_COLOR": "1"]).stdout.contains("\u{1B}["))
  }

  @Test("--version names the tool and ICU versions")
  func version() throws {
    let run = try AlignRun(["--version"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("0.") && run.stdout.contains("(ICU "))
  }

  @Test("A bad input among good ones: one line naming it, exit 2, the rest still reported")
  func badInputAmongGood() throws {
    let directory = try TemporaryDirectory()
    let bad = try directory.file("bad.txt", [0xFF, 0xFE, 0x00, 0xD8])
    let run = try AlignRun(["check", "--format", "github", bad, Self.seed])
    #expect(run.status == 2)
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(run.stderr.hasPrefix("\(bad): "))
    #expect(run.stdout.split(separator: "\n").count == 5)
  }

  @Test("-o writes the output to a file; nothing on standard output")
  func outputFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("report.sarif").path
    let run = try AlignRun(["check", "--format", "sarif", "-o", path, Self.seed])
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    let written = try String(contentsOfFile: path, encoding: .utf8)
    #expect(written.contains("\"version\":\"2.1.0\""))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
    #expect(leftovers == ["report.sarif"])
  }

  @Test("--minimum-confidence drops alignment findings of shaky units and keeps them out of exports")
  func minimumConfidence() throws {
    // Unit 19 (lines 55–58) is aligned with confidence 0.942 and carries missing-translation;
    // unit 17 (lines 45–49, 0.754) carries conversion findings, which stay.
    let run = try AlignRun(["check", "--format", "json", "--minimum-confidence", "0.95", Self.seed])
    let rules = (run.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    #expect(rules == ["quote-style", "wrong-character-choice", "regional-variant", "regional-variant"])
    let tmx = try AlignRun(["export", "--format", "tmx", "--minimum-confidence", "0.95", Self.seed])
    #expect(tmx.stdout.components(separatedBy: "<tu ").count - 1 == 1)
    #expect(try AlignRun(["check", "--minimum-confidence", "2", Self.seed]).status == 2)
  }
}
