import Foundation
import ParallelText
import Testing

/// `.align.yml`: parsing, errors with file and line, discovery, and its effect on a run.
@Suite("Configuration")
struct ConfigurationTests {
  @Test("A full configuration parses")
  func parses() throws {
    let configuration = try Configuration(
      yaml: """
        standard: hk
        include: ["docs/**/*.md"]
        exclude: drafts/**
        minimum-confidence: 0.5
        rules:
          quote-style: off
          missing-translation: error
          hans-hant-mismatch: {enabled: true, severity: note}
        """, file: ".align.yml")
    #expect(configuration.standard == .hongKong)
    #expect(configuration.include == [Glob("docs/**/*.md")])
    #expect(configuration.exclude == [Glob("drafts/**")])
    #expect(configuration.minimumConfidence == 0.5)
    #expect(
      configuration.enabledRules == ["quote-style": false, "missing-translation": true, "hans-hant-mismatch": true])
    #expect(configuration.severities == ["missing-translation": .error, "hans-hant-mismatch": .note])
    #expect(try Configuration(yaml: "", file: "x").include == Configuration.defaultInclude)
  }

  @Test(
    "Unknown keys and bad values are errors naming the file, line and column",
    arguments: [
      ("standard: tw\ncolour: red\n", "x.yml:2:1: unknown setting 'colour'"),
      ("standard: cn\n", "x.yml:1:11: standard must be tw, hk or generic, not 'cn'"),
      ("rules:\n  quote-style: sometimes\n", "x.yml:2:16: quote-style must be on, off, error, warning or note"),
      ("rules:\n  no-such-rule: off\n", "x.yml:2:3: unknown rule 'no-such-rule'"),
      ("rules:\n  quote-style: {severity: fatal}\n", "x.yml:2:27: severity must be error, warning or note"),
      ("rules:\n  quote-style: {level: error}\n", "x.yml:2:17: unknown rule setting 'level'"),
      ("minimum-confidence: high\n", "x.yml:1:21: minimum-confidence must be a number from 0 to 1"),
      ("include: {a: b}\n", "x.yml:1:10: include must be a list of patterns"),
      ("- just\n- a list\n", "x.yml:1:1: expected a mapping"),
      ("rules: [\n", "x.yml:2:1: not valid YAML"),
    ])
  func errors(yaml: String, expected: String) {
    #expect(throws: ConfigurationError.self) { try Configuration(yaml: yaml, file: "x.yml") }
    do {
      _ = try Configuration(yaml: yaml, file: "x.yml")
    } catch {
      #expect(error.description.hasPrefix(expected), "\(error.description)")
    }
  }

  @Test(
    "YAML the reader rejects: not valid, not taken, a setting written twice",
    arguments: [
      ("rules: [\n", "x.yml:2:1: not valid YAML: '[' at 1:8 is not closed with ']'"),
      ("exclude: *.md\n", "x.yml:1:10: unsupported YAML: an alias ('*'); quote a value that starts with '*'"),
      ("standard: tw\nstandard: hk\n", "x.yml:2:1: duplicate setting standard (first set on line 1)"),
      (
        "rules:\n  quote-style: {enabled: true, enabled: false}\n",
        "x.yml:2:32: duplicate setting enabled (first set on line 2)"
      ),
    ])
  func yamlErrors(yaml: String, expected: String) {
    #expect(throws: ConfigurationError.self) { try Configuration(yaml: yaml, file: "x.yml") }
    do {
      _ = try Configuration(yaml: yaml, file: "x.yml")
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test("Patterns are relative to the configuration file's folder; the nearest file is found upwards")
  func directoryAndDiscovery() throws {
    func directory(_ file: String) -> String? {
      var configuration = Configuration()
      configuration.file = file
      return configuration.directory
    }
    #expect(directory("a/b/.align.yml") == "a/b")
    #expect(directory("/a/.align.yml") == "/a")
    #expect(directory("/.align.yml") == "/")
    #expect(directory(".align.yml") == "")
    #expect(Configuration().directory == nil)
    let temporary = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      at: temporary.url.appendingPathComponent("a/b/c"), withIntermediateDirectories: true)
    let file = try temporary.file("a/.align.yml", Array("standard: tw\n".utf8))
    #expect(Configuration.find(from: temporary.url.appendingPathComponent("a/b/c").path) == file)
    #expect(Configuration.find(from: temporary.url.appendingPathComponent("a/b/c/").path) == file)
    #expect(Configuration.find(from: temporary.url.appendingPathComponent("a").path) == file)
  }

  @Test(
    "Globs: * within a folder, ** across folders, ? and [...]",
    arguments: [
      ("**/*.md", "a.md", true), ("**/*.md", "x/y/a.md", true), ("*.md", "x/a.md", false),
      ("docs/**", "docs/a/b.txt", true), ("docs/**", "doc/a.txt", false), ("a?.txt", "ab.txt", true),
      ("a?.txt", "a/.txt", false), ("[ab]*.txt", "b1.txt", true), ("[!ab]*.txt", "b1.txt", false),
      ("./**/*.txt", "s/t.txt", true),
    ])
  func globs(pattern: String, path: String, matches: Bool) {
    #expect(Glob(pattern).matches(path) == matches)
  }

  @Test("The nearest .align.yml above each input applies to it: rules off, severities, exclusions")
  func appliesToRun() throws {
    let directory = try TemporaryDirectory()
    let text = try Fixtures.text("002")
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("zh/drafts"), withIntermediateDirectories: true)
    let file = try directory.file("zh/statement.txt", Array(text.utf8))
    _ = try directory.file("zh/drafts/old.txt", Array(text.utf8))
    _ = try directory.file(
      ".align.yml",
      Array("rules:\n  wrong-character-choice: warning\n  quote-style: off\nexclude: [\"**/drafts/**\"]\n".utf8))
    let run = try AlignRun(["check", "--format", "json", directory.url.path])
    #expect(run.status == 0)  // The error became a warning.
    #expect(run.json["files"] as? [String] == [file])
    let findings = run.json["findings"] as? [[String: Any]] ?? []
    #expect(
      findings.compactMap { $0["rule"] as? String } == [
        "wrong-character-choice", "missing-translation", "regional-variant", "regional-variant",
      ])
    #expect(findings.first?["severity"] as? String == "warning")
    // The command line still wins over the file.
    #expect(try AlignRun(["check", "--strict", file]).status == 1)
  }

  @Test("A broken configuration: one error with file and line, exit 2, its files not processed, others are")
  func brokenConfiguration() throws {
    let directory = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("broken"), withIntermediateDirectories: true)
    let file = try directory.file("broken/a.txt", Array("Hello.\n".utf8))
    let config = try directory.file("broken/.align.yml", Array("rules:\n  quote-style: maybe\n".utf8))
    let run = try AlignRun(["check", "--format", "json", file, "Fixtures/seeds/000_053c30352ed8d252.txt"])
    #expect(run.status == 2)
    #expect(run.stderr == "\(config):2:16: quote-style must be on, off, error, warning or note, not 'maybe'\n")
    #expect(run.json["files"] as? [String] == ["Fixtures/seeds/000_053c30352ed8d252.txt"])
    // Nothing was modified.
    #expect(try String(contentsOfFile: config, encoding: .utf8) == "rules:\n  quote-style: maybe\n")
  }

  @Test("--config names the configuration explicitly")
  func explicitConfiguration() throws {
    let directory = try TemporaryDirectory()
    let config = try directory.file("strict.yml", Array("rules:\n  missing-translation: error\n".utf8))
    let run = try AlignRun([
      "check", "--config", config, "--disable", "wrong-character-choice", "Fixtures/seeds/002_d096c9044781a046.txt",
    ])
    #expect(run.status == 1)
    #expect(run.stdout.contains(":58:1: error:"))
  }
}

/// `--baseline` and `--update-baseline`: adopt the check today, fail only on new findings.
@Suite("Baseline")
struct BaselineTests {
  @Test("Record, then only new findings are reported and fail; moved findings stay accepted")
  func adoptThenNewFindingsOnly() throws {
    let directory = try TemporaryDirectory()
    let text = try Fixtures.text("002")
    let file = try directory.file("statement.txt", Array(text.utf8))
    let baseline = directory.url.appendingPathComponent("align-baseline.json").path

    let record = try AlignRun(["check", "--baseline", baseline, "--update-baseline", file])
    #expect(record.status == 0)
    #expect(record.stderr == "align: recorded 5 findings in \(baseline)\n")
    let stored = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baseline)))
    #expect(((stored as? [String: Any])?["findings"] as? [Any])?.count == 5)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.url.path).sorted() == [
        "align-baseline.json", "statement.txt",
      ])

    let again = try AlignRun(["check", "--baseline", baseline, file])
    #expect(again.status == 0)
    #expect(again.stdout.contains("5 findings in the baseline not shown"))

    // Lines added above: the same findings, still accepted.
    try Data(("New opening.\n\n" + text).utf8).write(to: URL(fileURLWithPath: file))
    #expect(try AlignRun(["check", "--baseline", baseline, file]).status == 0)

    // A new defect far from the others: 當 written with the Simplified 当 in the Traditional paragraph.
    let defect = ("New opening.\n\n" + text).replacingOccurrences(of: "當人們在各城市", with: "当人們在各城市")
    try Data(defect.utf8).write(to: URL(fileURLWithPath: file))
    let new = try AlignRun(["check", "--format", "json", "--baseline", baseline, file])
    #expect(new.status == 1)
    let rules = (new.json["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
    #expect(rules == ["simplified-in-hant"])
  }

  @Test("A missing or broken baseline is an error, exit 2; --update-baseline needs --baseline")
  func errors() throws {
    let directory = try TemporaryDirectory()
    let seed = "Fixtures/seeds/002_d096c9044781a046.txt"
    let missing = directory.url.appendingPathComponent("none.json").path
    let run = try AlignRun(["check", "--baseline", missing, seed])
    #expect(run.status == 2)
    #expect(run.stderr.hasPrefix("\(missing): cannot read the baseline"))
    let broken = try directory.file("broken.json", Array("{\"version\":1}".utf8))
    let bad = try AlignRun(["check", "--baseline", broken, seed])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("missing key 'findings'"))
    #expect(try AlignRun(["check", "--update-baseline", seed]).status == 2)
    // A baseline is not rewritten from a run where an input could not be read.
    let kept = try directory.file("kept.json", Array("{\"version\":1,\"findings\":[]}".utf8))
    let partial = try AlignRun(["check", "--baseline", kept, "--update-baseline", seed, "no/such/file.txt"])
    #expect(partial.status == 2)
    #expect(partial.stderr.contains("\(kept): not updated"))
    #expect(try String(contentsOfFile: kept, encoding: .utf8) == "{\"version\":1,\"findings\":[]}")
  }

  @Test("Fingerprints ignore line numbers and tell identical findings apart")
  func fingerprints() throws {
    let text = "联系 / 聯系\n\n联系 / 聯系\n"
    let document = Pipeline().process(text: text, file: "f.txt")
    let prints = Fingerprint.of(document)
    #expect(prints.count == document.findings.count && prints.count >= 2)
    #expect(Set(prints).count == prints.count)
    let moved = Pipeline().process(text: "Intro.\n\n" + text, file: "f.txt")
    #expect(Fingerprint.of(moved).suffix(prints.count) == prints[...])
  }

  @Test("A finding's fingerprint in a statement read one file per language comes from its own file's text")
  func fingerprintsOwnFile() {
    func prints(english: String) -> [Fingerprint] {
      let document = Pipeline().process(texts: [
        ("s.en.txt", english), ("s.zh-Hans.txt", "今天联系我们。\n"), ("s.zh-Hant.txt", "今天聯系我們。\n"),
      ])
      #expect(document.findings.contains { $0.range.file == "s.zh-Hant.txt" })
      return Fingerprint.of(document)
    }
    // The English text shares the finding's line and columns; editing it changes nothing.
    #expect(prints(english: "Contact us today.\n") == prints(english: "Call us today.\n"))
  }
}
