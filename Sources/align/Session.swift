import ArgumentParser
import ParallelText

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One invocation's work, shared by the subcommands: find the inputs and their configuration,
/// process them in parallel, apply the baseline, render, and decide the exit status.
struct Session {
  /// What the subcommand is for.
  enum Mode {
    /// `align`: units and findings.
    case run
    /// `align check`: findings only.
    case check
    /// `align export`: units for other tools; findings never fail the run.
    case export
  }

  var mode: Mode
  var format: OutputFormat
  var input: InputOptions
  var rules: RuleOptions
  /// The least severity that fails the run.
  var failLevel: Severity = .error
  /// The baseline file, and whether to rewrite it from this run's findings.
  var baseline: (path: String, update: Bool)?
  var output: OutputOptions
  /// `--fix`: write the corrections findings propose into the files before checking them.
  var fix = false

  /// Something went wrong that makes the exit status 2 (already reported on standard error).
  var hadError = false
  /// Inputs that could not be processed, with the reason, for the text summary.
  private var notProcessed: [String] = []
  /// Loaded configuration files (or why they could not be used), by path.
  private var configurations: [String: Result<Configuration, ConfigurationError>] = [:]
  /// The nearest configuration file for each directory looked at.
  private var nearest: [String: String?] = [:]

  init(
    mode: Mode, format: OutputFormat, input: InputOptions, rules: RuleOptions, failure: FailureOptions? = nil,
    output: OutputOptions
  ) {
    self.mode = mode
    self.format = format
    self.input = input
    self.rules = rules
    self.output = output
    if let failure {
      failLevel = failure.failLevel
      baseline = failure.baseline.map { ($0, failure.updateBaseline) }
    }
  }

  /// Runs the session and returns the exit status.
  mutating func run() throws -> Int32 {
    if input.jsonl { return runJSONLines() }
    let languages = try output.languageTags()
    let entries = collectInputs()
    // Files that differ only in a language tag (NAME.en.txt, NAME.zh-Hant.txt) are one
    // document; --group makes every input one document.
    let groups =
      input.group && !input.pairs
      ? [DocumentGroup(files: entries)]
      : input.pairs ? entries.map { DocumentGroup(files: [$0]) } : DocumentGroup.grouping(entries)
    let batch = Batch(
      pipeline: { [direction = input.direction] in Pipeline(standard: $0, direction: direction) },
      readsPairSets: input.pairs)
    // Pair sets are Chinese: OpenCC's tables load while the inputs are read.
    if input.pairs { ConversionTables.startLoading() }
    if fix { fixFiles(groups, batch: batch) }
    if format == .diff { return runDiff(groups, batch: batch) }
    if streams {
      var summaries = ""
      let failing = stream(groups, batch: batch, summaries: &summaries)
      var text = summaries
      if format == .text, !output.quiet { text += notProcessed.map { "\($0) (not processed)\n" }.joined() }
      Terminal.write(text)
      if hadError { return 2 }
      return mode != .export && failing ? 1 : 0
    }
    // Other outputs need every document.
    let inputs = readInputs(groups[...])
    var documents: [Document] = []
    var minimumConfidence = 0.0
    for (result, item) in zip(batch.process(inputs), inputs) {
      switch result {
      case .success(let document):
        documents.append(document)
        minimumConfidence = max(minimumConfidence, item.settings.minimumConfidence)
      case .failure(let error):
        reportNotProcessed(error.description)
      }
    }
    let paths = Dictionary(documents.map { ($0.file, RepositoryPath.relative($0.file)) }) { first, _ in first }
    let baselined = applyBaseline(&documents, paths: paths)

    let rendered = render(documents, paths: paths, languages: languages, minimumConfidence: minimumConfidence)
    var text = rendered
    if format == .text, !output.quiet, baselined > 0 {
      text += "\(baselined) finding\(baselined == 1 ? "" : "s") in the baseline not shown\n"
    }
    if format == .text, !output.quiet {
      text += notProcessed.map { "\($0) (not processed)\n" }.joined()
    }
    if let path = output.output {
      do {
        try AtomicFile.write(Data(text.utf8), to: path) { message in ValidationError(message) }
      } catch {
        report("\(path): \(error)")
      }
    } else {
      Terminal.write(text)
    }
    if hadError { return 2 }
    if mode != .export, documents.contains(where: { $0.findings.contains { $0.severity >= failLevel } }) {
      return 1
    }
    return 0
  }

  /// Whether the output is findings alone, to standard output, without a baseline: then it
  /// can be written a chunk of documents at a time (text from `check` or `--quiet`, GitHub
  /// workflow commands), byte for byte what rendering them all at once writes.
  private var streams: Bool {
    guard baseline == nil, output.output == nil, mode != .export else { return false }
    return format == .github || (format == .text && (mode == .check || output.quiet))
  }

  /// Findings-only output: each document is checked on another thread, a few per core in
  /// flight while the next files are read, and its findings are written once those of the
  /// documents before it are (input order), so memory stays bounded on a corpus of any
  /// number of files and no core waits for the slowest document of a batch. A large pair set
  /// is checked a part at a time in its turn. Text summary lines are appended to
  /// `summaries`; true when a finding fails the run.
  private mutating func stream(_ groups: [DocumentGroup], batch: Batch, summaries: inout String) -> Bool {
    let window = Self.window
    let renderer = textRenderer
    var inFlight: [Batch.InFlight] = []
    var failing = false
    func writeOldest() {
      switch inFlight.removeFirst().result() {
      case .success(let document):
        failing = failing || document.findings.contains { $0.severity >= failLevel }
        Terminal.write(streamed([document], renderer, summaries: &summaries))
      case .failure(let error):
        reportNotProcessed(error.description)
      }
    }
    for group in groups.indices {
      for item in readInputs(groups[group...group]) {
        if input.pairs && Self.isLargePairSet(item.input) {
          while !inFlight.isEmpty { writeOldest() }
          failing = streamPairSet(item, batch: batch, summaries: &summaries) || failing
          continue
        }
        if inFlight.count >= window { writeOldest() }
        inFlight.append(batch.start(item.input, settings: item.settings))
      }
    }
    while !inFlight.isEmpty { writeOldest() }
    return failing
  }

  /// How many inputs are read and in flight at a time (a few per core), so that memory
  /// stays bounded: the findings stream, and `--fix` and `--format diff`'s windows.
  static let window = 4 * Batch.cores

  /// Pair sets larger than this are checked a part at a time when streaming, parts of at
  /// most this size (``Pipeline/processForFindings(pairs:file:partSize:parts:)``).
  static let pairSetPart = 1 << 20

  static func isLargePairSet(_ input: Batch.Input) -> Bool {
    guard case .success(let bytes) = input.bytes else { return false }
    return bytes.count > pairSetPart
  }

  /// Checks a large pair set a part at a time, writing each part's findings as they come;
  /// true when a finding fails the run. Its text summary line is appended to `summaries`.
  private mutating func streamPairSet(
    _ item: (input: Batch.Input, settings: Settings), batch: Batch, summaries: inout String
  ) -> Bool {
    var failing = false
    let (renderer, format, failLevel) = (textRenderer, format, failLevel)
    var tally = TextRenderer.Tally()
    // Each part's findings are rendered on the thread that checked it; here they are written.
    let error = batch.processPairSet(
      item.input, settings: item.settings, partSize: Self.pairSetPart,
      preparing: { part, pairs in
        // The part holds only the pairs with something to check; every pair is a unit
        // translated.
        var partTally = TextRenderer.Tally(part)
        (partTally.units, partTally.translated) = (pairs, pairs)
        return (
          failing: part.findings.contains { $0.severity >= failLevel }, tally: partTally,
          text: Self.findingsText([part], format: format, renderer)
        )
      },
      parts: { part in
        failing = failing || part.failing
        tally = tally + part.tally
        Terminal.write(part.text)
      })
    if let error {
      reportNotProcessed(error.description)
    } else if format == .text, !output.quiet {
      summaries += renderer.summary(file: item.input.file, tally) + "\n"
    }
    return failing
  }

  /// The findings of `documents` as text (by `renderer`) or workflow commands; text summary
  /// lines are appended to `summaries`, written after every finding.
  private func streamed(_ documents: [Document], _ renderer: TextRenderer, summaries: inout String) -> String {
    if format == .text, !output.quiet { summaries += documents.map { renderer.summary($0) + "\n" }.joined() }
    return Self.findingsText(documents, format: format, renderer)
  }

  /// The findings of `documents` as text (by `renderer`) or, in the `github` format, as
  /// workflow commands.
  private static func findingsText(_ documents: [Document], format: OutputFormat, _ renderer: TextRenderer) -> String {
    format == .text ? renderer.renderFindings(documents) : GitHubRenderer().render(documents)
  }

  /// Reads the files of each group with its configuration: one batch input per group
  /// (its first file, the others as companions). Without `reportingErrors`, a file of a
  /// group that cannot be read is left out silently (a later reading reports it).
  mutating func readInputs(
    _ groups: ArraySlice<DocumentGroup>, reportingErrors: Bool = true
  ) -> [(input: Batch.Input, settings: Settings)] {
    var batchInputs: [(input: Batch.Input, settings: Settings)] = []
    for group in groups {
      var members: [Batch.Input] = []
      var settings: Settings?
      for entry in group.files {
        guard let configuration = configuration(for: entry) else { continue }
        if settings == nil {
          settings = Settings(
            configuration: configuration, onlyRules: rules.rules.isEmpty ? nil : Set(rules.rules),
            disabledRules: Set(rules.disabled), standard: rules.standard, minimumConfidence: rules.minimumConfidence)
        }
        do {
          members.append(Batch.Input(file: entry, bytes: .success(try InputFile.read(entry))))
        } catch {
          if group.files.count > 1 {
            if reportingErrors { reportNotProcessed("\(entry): \(error)") }
          } else {
            members.append(Batch.Input(file: entry, bytes: .failure(Batch.InputError(file: entry, reason: "\(error)"))))
          }
        }
      }
      guard var first = members.first, let settings else { continue }
      first.companions = Array(members.dropFirst())
      batchInputs.append((first, settings))
    }
    return batchInputs
  }

  /// `--jsonl`: documents from standard input, one a line, results to standard output in
  /// input order, a batch at a time so memory stays bounded however long the stream.
  private mutating func runJSONLines() -> Int32 {
    let processor = JSONLines(pipeline: Pipeline(standard: rules.standard ?? .generic, direction: input.direction))
    var number = 1
    var failed = false
    var errors = false
    while true {
      var batch: [String] = []
      while batch.count < 256, let line = readLine(strippingNewline: true) { batch.append(line) }
      if batch.isEmpty { break }
      for output in processor.process(lines: batch, firstNumber: number) {
        Terminal.write(output.line + "\n")
        if let error = output.error {
          Terminal.error("-: \(error)")
          failed = true
        }
        errors = errors || output.hasErrors
      }
      number += batch.count
    }
    if failed { return 2 }
    return mode != .export && errors ? 1 : 0
  }

  mutating func report(_ message: String) {
    Terminal.error(message)
    hadError = true
  }

  /// Reports an input that could not be processed, and keeps it for the summary.
  mutating func reportNotProcessed(_ message: String) {
    report(message)
    notProcessed.append(message)
  }

  // MARK: Inputs

  /// The files to read, in order: arguments as given, directories walked in sorted order.
  private mutating func collectInputs() -> [String] {
    var files: [String] = []
    for argument in input.inputs {
      var isDirectory = false
      guard argument != "-", FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory),
        isDirectory
      else {
        files.append(argument)
        continue
      }
      let found = walk(argument)
      if found.isEmpty && !output.quiet {
        Terminal.error("align: \(argument): no files to read (include: *.txt and *.md unless configured)")
      }
      files += found
    }
    return files
  }

  private mutating func walk(_ directory: String) -> [String] {
    guard let files = Self.regularFiles(under: directory) else {
      report("\(directory): cannot read the directory")
      return []
    }
    let found = files.map { FilePaths.joining(directory, $0) }
    return found.sorted().filter { path in
      guard let configuration = configuration(for: path) else { return false }
      return takes(path, configuration, root: directory)
    }
  }
  /// The regular files under `directory`, as paths relative to it, or nil when it cannot be
  /// read. Hidden files and folders (a name starting with `.`) are left out; a symbolic link
  /// to a file is taken, a link to a folder is not walked (it could lead back up).
  private static func regularFiles(under directory: String) -> [String]? {
    var found: [String] = []
    var folders = [""]
    while let folder = folders.popLast() {
      let path = folder.isEmpty ? directory : FilePaths.joining(directory, folder)
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
        if folder.isEmpty { return nil }
        continue
      }
      for name in names where !name.hasPrefix(".") {
        let relative = folder.isEmpty ? name : folder + "/" + name
        let full = FilePaths.joining(directory, relative)
        var info = stat()
        guard lstat(full, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: folders.append(relative)
        case S_IFREG: found.append(relative)
        case S_IFLNK: if stat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG { found.append(relative) }
        default: continue
        }
      }
    }
    return found
  }

  /// Whether a walked file is taken. `--include` replaces the configuration's includes and
  /// `--exclude` adds to its excludes; their patterns are relative to the walked directory.
  private func takes(_ path: String, _ configuration: Configuration, root: String) -> Bool {
    let relative = Configuration.relativePath(path, to: root)
    if input.excludes.contains(where: { Glob($0).matches(relative) }) { return false }
    guard !input.includes.isEmpty else { return configuration.takes(path, walkingFrom: root) }
    var configuration = configuration
    configuration.include = [Glob("**")]
    return input.includes.contains { Glob($0).matches(relative) } && configuration.takes(path, walkingFrom: root)
  }

  // MARK: Configuration

  /// The configuration governing `file`, or nil when it cannot be used (reported once).
  private mutating func configuration(for file: String) -> Configuration? {
    let path: String?
    if let explicit = input.config {
      path = explicit
    } else {
      let directory =
        file == "-" ? FileManager.default.currentDirectoryPath : FilePaths.parent(of: file)
      path = nearestConfiguration(from: directory.isEmpty ? "." : directory)
    }
    guard let path else { return Configuration() }
    if configurations[path] == nil {
      do {
        configurations[path] = .success(try Configuration(contentsOf: path))
      } catch {
        configurations[path] = .failure(error)
        report(error.description)
      }
    }
    switch configurations[path]! {
    case .success(let configuration): return configuration
    case .failure: return nil
    }
  }

  private mutating func nearestConfiguration(from directory: String) -> String? {
    if let cached = nearest[directory] { return cached }
    let found = Configuration.find(from: directory)
    nearest[directory] = found
    return found
  }

  // MARK: Baseline

  /// Removes findings recorded in the baseline (after recording all of them with
  /// `--update-baseline`); returns how many were removed.
  private mutating func applyBaseline(_ documents: inout [Document], paths: [String: String]) -> Int {
    guard let (path, update) = baseline, mode != .export else { return 0 }
    let fingerprints = documents.map { Fingerprint.of($0, file: paths[$0.file]) }
    if update && hadError {
      // A file that could not be read would silently lose its accepted findings.
      report("\(path): not updated, because some inputs could not be processed")
      return 0
    }
    if update {
      var entries: [Baseline.Entry] = []
      for (document, prints) in zip(documents, fingerprints) {
        for (finding, fingerprint) in zip(document.findings, prints) {
          entries.append(
            Baseline.Entry(
              fingerprint: fingerprint.value, rule: finding.rule, file: paths[document.file] ?? document.file,
              line: finding.range.start.line, message: finding.message))
        }
      }
      do {
        try Baseline(findings: entries).write(to: path)
        if !output.quiet {
          Terminal.error("align: recorded \(entries.count) finding\(entries.count == 1 ? "" : "s") in \(path)")
        }
      } catch {
        report(error.description)
        return 0
      }
    }
    let accepted: Set<String>
    do {
      accepted = try Baseline(contentsOf: path).fingerprints
    } catch {
      report(error.description)
      return 0
    }
    var removed = 0
    for index in documents.indices {
      let kept = zip(documents[index].findings, fingerprints[index]).filter { !accepted.contains($0.1.value) }
      removed += documents[index].findings.count - kept.count
      documents[index].findings = kept.map(\.0)
    }
    return removed
  }

  // MARK: Rendering

  /// The terminal renderer for this run's width and colour options.
  private var textRenderer: TextRenderer {
    TextRenderer(width: output.width ?? Terminal.width ?? 100, color: !output.noColor && Terminal.wantsColor)
  }

  private func render(
    _ documents: [Document], paths: [String: String], languages: LanguageTags, minimumConfidence: Double
  ) -> String {
    switch format {
    case .text:
      let renderer = textRenderer
      if output.quiet { return renderer.renderFindings(documents) }
      if mode == .check {
        return renderer.renderFindings(documents) + documents.map { renderer.summary($0) + "\n" }.joined()
      }
      return renderer.render(documents)
    case .json: return JSONRenderer().render(documents)
    case .github: return GitHubRenderer().render(documents)
    case .sarif: return SARIFRenderer(version: AlignCommand.version, paths: paths).render(documents)
    case .junit: return JUnitRenderer(failOn: failLevel).render(documents)
    case .tmx:
      return TMXRenderer(version: AlignCommand.version, languages: languages, minimumConfidence: minimumConfidence)
        .render(documents)
    case .tsv: return TSVRenderer(languages: languages, minimumConfidence: minimumConfidence).render(documents)
    case .markdown: return MarkdownRenderer(languages: languages, includeUnits: mode != .check).render(documents)
    case .diff: return ""  // written by runDiff
    case .html:
      let title = documents.count == 1 ? "align: \(documents[0].file)" : "align: \(documents.count) files"
      return HTMLRenderer(languages: languages, title: title).render(documents)
    }
  }
}

/// Paths relative to the repository root (the nearest directory above the current one with
/// `.git`, else the current directory), as SARIF and baselines record them.
enum RepositoryPath {
  /// The repository root, absolute.
  static let root: String = {
    var current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
    let start = current
    while true {
      if FileManager.default.fileExists(atPath: FilePaths.joining(current, ".git")) {
        return current
      }
      let parent = FilePaths.parent(of: current)
      if parent == current || parent.isEmpty { return start }
      current = parent
    }
  }()

  /// `file` relative to the root when inside it; `-` becomes `stdin`; else the absolute path.
  static func relative(_ file: String) -> String {
    if file == "-" { return "stdin" }
    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
    let prefix = root.hasSuffix("/") ? root : root + "/"
    return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
  }
}
