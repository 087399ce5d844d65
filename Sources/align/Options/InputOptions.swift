import ArgumentParser
import ParallelText

/// Which inputs to read and how to find their configuration.
struct InputOptions: ParsableArguments {
  @Argument(help: "Files or directories to read (directories: *.txt and *.md inside); - reads standard input.")
  var inputs: [String] = []

  @Option(
    name: .customLong("include"),
    help: ArgumentHelp(
      "Glob of files a directory walk takes (repeatable; replaces the configuration's).", valueName: "glob"))
  var includes: [String] = []

  @Option(
    name: .customLong("exclude"),
    help: ArgumentHelp(
      "Glob of files a directory walk leaves out (repeatable; adds to the configuration's).", valueName: "glob"))
  var excludes: [String] = []

  @Option(help: ArgumentHelp("Configuration file to use instead of the nearest .align.yml.", valueName: "file"))
  var config: String?

  @Flag(
    help: """
      Read JSON Lines from standard input, one document a line ({"id":…,"files":{"en":…,"zh-Hans":…, \
      "zh-Hant":…}} or {"id":…,"text":…}); write one JSON result a line, in input order.
      """)
  var jsonl = false

  @Flag(help: "Read all inputs as one document (otherwise NAME.en.txt, NAME.zh-Hans.txt ... form one).")
  var group = false

  @Flag(help: "Read each file as a pair set (a translation memory): SIMPLIFIED<TAB>TRADITIONAL per line.")
  var pairs = false

  @Option(help: ArgumentHelp("Which text of each pair is the original: s2t or t2s.", valueName: "direction"))
  var direction: ConversionDirection = .simplifiedToTraditional
}

extension InputOptions {
  func validate() throws {
    if jsonl, !inputs.isEmpty { throw ValidationError("--jsonl reads standard input; give no files") }
    if !jsonl, inputs.isEmpty { throw ValidationError("missing input: give FILE, DIR or - (or --jsonl)") }
  }
}

extension ConversionDirection: ExpressibleByArgument {}

/// Which rules run, how severe a finding must be to fail, and the baseline.
struct RuleOptions: ParsableArguments {
  @Option(name: .customLong("rule"), help: ArgumentHelp("Run only this rule (repeatable).", valueName: "id"))
  var rules: [String] = []

  @Option(name: .customLong("disable"), help: ArgumentHelp("Do not run this rule (repeatable).", valueName: "id"))
  var disabled: [String] = []

  @Option(
    help: ArgumentHelp("The Traditional Chinese standard: tw, hk or generic.", valueName: "standard"),
    transform: { text in
      guard let standard = TraditionalStandard(rawValue: text.lowercased()) else {
        throw ValidationError("--standard must be tw, hk or generic, not '\(text)'")
      }
      return standard
    })
  var standard: TraditionalStandard?

  @Option(
    help: ArgumentHelp(
      "Units aligned with less confidence (0 to 1) are not trusted (default: the configuration's, or 0).",
      valueName: "confidence"))
  var minimumConfidence: Double?

  func validate() throws {
    for id in rules + disabled where Rule.named(id) == nil {
      throw ValidationError("unknown rule '\(id)' (known: \(Rule.all.map(\.id).joined(separator: ", ")))")
    }
    if let minimumConfidence, !(0...1).contains(minimumConfidence) {
      throw ValidationError("--minimum-confidence must be from 0 to 1")
    }
  }
}

/// When a run fails, and the findings it accepts.
struct FailureOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Fail (exit 1) on findings of this severity or worse: error, warning or note.", valueName: "severity"),
    transform: { text in
      guard let severity = Severity(rawValue: text.lowercased()) else {
        throw ValidationError("--fail-on must be error, warning or note, not '\(text)'")
      }
      return severity
    })
  var failOn: Severity?

  @Flag(help: "Fail on warnings too (same as --fail-on warning).")
  var strict = false

  @Option(help: ArgumentHelp("Report only findings not recorded in this baseline file.", valueName: "file"))
  var baseline: String?

  @Flag(help: "Record the current findings in the --baseline file (written atomically), then report none.")
  var updateBaseline = false

  /// The least severity that fails the run.
  var failLevel: Severity { min(failOn ?? .error, strict ? .warning : .error) }

  func validate() throws {
    if updateBaseline && baseline == nil { throw ValidationError("--update-baseline needs --baseline FILE") }
  }
}

/// Where and how output is written.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the output to this file (atomically) instead of standard output.", valueName: "file"))
  var output: String?

  @Option(help: "Width of text output in columns (default: the terminal's, COLUMNS, or 100).")
  var width: Int?

  @Flag(help: "Never colour the output (NO_COLOR does the same).")
  var noColor = false

  @Flag(
    name: .shortAndLong,
    help: "Text output: only the findings, no units or summary; no progress notes on standard error.")
  var quiet = false

  @Option(
    name: .customLong("lang-map"),
    help: ArgumentHelp(
      "Replace a language tag in TMX, TSV, Markdown and HTML output, e.g. zh-Hant=zh-TW (repeatable).",
      valueName: "tag=tag"))
  var languageMap: [String] = []

  /// The language tags after `--lang-map`.
  func languageTags() throws -> LanguageTags {
    var replacements: [String: String] = [:]
    for pair in languageMap {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
      }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("--lang-map expects TAG=TAG, e.g. zh-Hant=zh-TW, not '\(pair)'")
      }
      replacements[parts[0]] = parts[1]
    }
    do {
      return try LanguageTags(replacing: replacements)
    } catch {
      throw ValidationError("--lang-map: \(error)")
    }
  }

  func validate() throws {
    _ = try languageTags()
    if let width, width < 20 { throw ValidationError("--width must be at least 20") }
  }
}
