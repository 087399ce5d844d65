import Foundation
import Testing

@testable import ParallelText

/// `align check --fix` and `FindingFixes`: corrections written into the files they concern.
@Suite("Fixes")
struct FixTests {
  /// A finding of `rule` on one line, columns `start..<end`.
  private func finding(
    _ rule: Rule, line: Int, _ columns: Range<Int>, actual: String?, expected: String?
  ) -> Finding {
    rule.finding(
      SourceRange(
        file: "f.txt", start: SourcePosition(line: line, column: columns.lowerBound),
        end: SourcePosition(line: line, column: columns.upperBound)),
      "message", actual: actual, expected: expected)
  }

  @Test("Only corrections count as replacements: not the scripts a unit lacks nor a quotation style")
  func replacements() {
    let range = 1..<3
    #expect(finding(.wrongCharacterChoice, line: 1, range, actual: "聯系", expected: "聯繫").replacement == "聯繫")
    #expect(finding(.simplifiedInTraditional, line: 1, 1..<2, actual: "虚", expected: "虛").replacement == "虛")
    #expect(finding(.regionalVariant, line: 1, 1..<2, actual: "爲", expected: "為").replacement == "為")
    #expect(finding(.regionalVariant, line: 1, 1..<2, actual: "為", expected: nil).replacement == nil)
    #expect(finding(.missingTranslation, line: 1, range, actual: nil, expected: "zh-Hans").replacement == nil)
    #expect(finding(.quoteStyle, line: 1, 1..<2, actual: "「", expected: "“”").replacement == nil)
    #expect(finding(.hansHantMismatch, line: 1, range, actual: "甲", expected: "乙").replacement == nil)
  }

  @Test("Spans are found by line and scalar column after a BOM, across LF, CRLF and CR line ends")
  func lineEnds() {
    let text = "\u{FEFF}first 聯系\r\nsecond\rthird 頭發 and 聯系\nlast"
    let findings = [
      finding(.wrongCharacterChoice, line: 1, 7..<9, actual: "聯系", expected: "聯繫"),
      finding(.wrongCharacterChoice, line: 3, 7..<9, actual: "頭發", expected: "頭髮"),
      finding(.wrongCharacterChoice, line: 3, 14..<16, actual: "聯系", expected: "聯繫"),
    ]
    let outcome = FindingFixes.apply(findings, toUTF8: Array(text.utf8))
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == "\u{FEFF}first 聯繫\r\nsecond\rthird 頭髮 and 聯繫\nlast")
    #expect(outcome.applied.count == 3 && outcome.skipped.isEmpty)
  }

  @Test("A span that does not hold its actual text, crosses a line or overlaps a fixed one is left alone")
  func leftAlone() {
    let text = "**聯**系 and 聯系\n聯\n系"
    let findings = [
      finding(.wrongCharacterChoice, line: 1, 3..<7, actual: "聯系", expected: "聯繫"),  // markup inside
      finding(.wrongCharacterChoice, line: 1, 12..<14, actual: "聯系", expected: "聯繫"),
      finding(.simplifiedInTraditional, line: 1, 13..<14, actual: "系", expected: "係"),  // overlaps
      finding(.wrongCharacterChoice, line: 1, 40..<42, actual: "聯系", expected: "聯繫"),  // beyond the line
      Finding(
        rule: "wrong-character-choice", severity: .error,
        range: SourceRange(
          file: "f.txt", start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 3, column: 2)),
        message: "across lines", actual: "聯系", expected: "聯繫"),
    ]
    let outcome = FindingFixes.apply(findings, toUTF8: Array(text.utf8))
    #expect(String(decoding: outcome.bytes, as: UTF8.self) == "**聯**系 and 聯繫\n聯\n系")
    #expect(outcome.applied.map(\.range.start.column) == [12])
    #expect(outcome.skipped.count == 4)
  }

  @Test("The corrections of a real check, applied, leave nothing to correct")
  func checkedThenFixed() throws {
    let text = "在两地之间建立起联系。他的头发很长。\n\n在兩地之間建立起聯系。他的頭發很長。\n"
    let document = Pipeline().process(text: text, file: "f.txt")
    let outcome = FindingFixes.apply(document.findings, toUTF8: Array(text.utf8))
    #expect(outcome.applied.count == 2)
    let fixed = String(decoding: outcome.bytes, as: UTF8.self)
    #expect(fixed.contains("聯繫。他的頭髮"))
    #expect(Pipeline().process(text: fixed, file: "f.txt").findings.allSatisfy { $0.replacement == nil })
  }

  @Test("align check --fix rewrites the file through its link, keeps its mode, and reports what is left")
  func commandLine() throws {
    let directory = try TemporaryDirectory()
    let seed = try Data(contentsOf: URL(fileURLWithPath: CommandLineTests.seed))
    let path = try directory.file("statement.txt", Array(seed))
    let link = directory.url.appendingPathComponent("link.txt").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
    chmod(path, 0o640)
    let run = try AlignRun(["check", "--fix", link], environment: ["NO_COLOR": "1"])
    // 聯系 fixed: no error left, so the run passes; the warnings and notes stay.
    #expect(run.status == 0)
    #expect(run.stderr == "align: \(link): fixed 1 finding\n")
    #expect(!run.stdout.contains("wrong-character-choice") && run.stdout.contains("quote-style"))
    let fixed = try String(contentsOfFile: path, encoding: .utf8)
    #expect(fixed.contains("之間建立起聯繫。"))
    #expect(fixed.utf8.count == seed.count)
    let attributes = try FileManager.default.attributesOfItem(atPath: link)
    #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
    #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o640)
    #expect(
      Set(try FileManager.default.contentsOfDirectory(atPath: directory.url.path)) == ["statement.txt", "link.txt"])
    // Against a standard, regional forms are corrected too; a second run finds nothing to fix.
    let taiwan = try AlignRun(["check", "--fix", "--standard", "hk", path], environment: ["NO_COLOR": "1"])
    #expect(taiwan.stderr == "align: \(path): fixed 1 finding\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("着"))
    let again = try AlignRun(["check", "--fix", "--standard", "hk", path])
    #expect(again.stderr.isEmpty)
    #expect(try String(contentsOfFile: path, encoding: .utf8).utf8.count == seed.count)
  }

  @Test("Every occurrence of a regional form is fixed, though it is reported once a paragraph")
  func everyOccurrence() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("r.txt", Array("我们为什么为他工作\n\n我們爲什麼爲他工作\n".utf8))
    let before = try AlignRun(["check", "--standard", "tw", path])
    #expect(before.stdout.contains("(2 times in this paragraph) [regional-variant]"))
    let run = try AlignRun(["check", "--fix", "--standard", "tw", path])
    #expect(run.stderr == "align: \(path): fixed 2 findings\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "我们为什么为他工作\n\n我們為什麼為他工作\n")
    #expect(run.status == 0 && !run.stdout.contains("regional-variant"))
  }

  @Test("A pair set larger than a part is fixed a part at a time")
  func largePairSet() throws {
    let directory = try TemporaryDirectory()
    var lines = Array(repeating: "我们发现了问题\t我們發現了問題", count: 40_000)
    lines[30_000] = "在两地之间建立起联系\t在兩地之間建立起聯系"
    let path = try directory.file("set.tsv", Array((lines.joined(separator: "\n") + "\n").utf8))
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 > 1 << 20)
    let run = try AlignRun(["check", "--pairs", "--fix", path])
    #expect(run.status == 0)
    #expect(run.stderr == "align: \(path): fixed 1 finding\n")
    let fixed = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(fixed[30_000] == "在两地之间建立起联系\t在兩地之間建立起聯繫" && fixed.count == 40_000)
  }

  @Test("A unified diff: three lines of context, nearby changes in one hunk, CRLF and a last line without LF kept")
  func unifiedDiff() {
    let old = (1...12).map { "line \($0)\r\n" }.joined() + "last"
    var new = old.replacingOccurrences(of: "line 2\r", with: "LINE 2\r")
    new = new.replacingOccurrences(of: "line 5\r", with: "LINE 5\r").replacingOccurrences(of: "last", with: "LAST")
    let diff = UnifiedDiff(old: Array(old.utf8), new: Array(new.utf8), file: "f.txt").text
    #expect(
      diff == """
        --- f.txt
        +++ f.txt
        @@ -1,8 +1,8 @@
         line 1\r
        -line 2\r
        +LINE 2\r
         line 3\r
         line 4\r
        -line 5\r
        +LINE 5\r
         line 6\r
         line 7\r
         line 8\r
        @@ -10,4 +10,4 @@
         line 10\r
         line 11\r
         line 12\r
        -last
        \\ No newline at end of file
        +LAST
        \\ No newline at end of file

        """)
    #expect(UnifiedDiff(old: Array(old.utf8), new: Array(old.utf8), file: "f.txt").text.isEmpty)
  }

  @Test(
    "align check --format diff writes the corrections as a patch that patch(1) applies, and leaves the file alone",
    .enabled(if: Tools.which("patch") != nil, "patch is not installed"))
  func diffFormat() throws {
    let directory = try TemporaryDirectory()
    let seed = try Data(contentsOf: URL(fileURLWithPath: CommandLineTests.seed))
    let path = try directory.file("statement.txt", Array(seed))
    let run = try AlignRun(["check", "--format", "diff", path])
    #expect(run.status == 1)  // the check's status: 聯系 is an error
    #expect(run.stdout.hasPrefix("--- \(path)\n+++ \(path)\n@@ -46,7 +46,7 @@\n"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == seed)
    let patch = try directory.file("fixes.diff", Array(run.stdout.utf8))
    let applied = try Tools.run(Tools.which("patch")!, ["-p0", "-i", patch, path])
    #expect(applied.status == 0, "\(applied.stderr)")
    let after = try AlignRun(["check", "--format", "diff", path])
    #expect(after.status == 0 && after.stdout.isEmpty)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("之間建立起聯繫。"))
  }

  @Test("--fix refuses standard input with a usage error, exit 2")
  func standardInput() throws {
    let run = try AlignRun(["check", "--fix", "-"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("standard input cannot be fixed"))
  }
}
