import ArgumentParser
import Foundation
import ParallelText

/// `align FILE...`: reads parallel-text statements, aligns their translations and checks them.
@main
struct AlignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "align",
    abstract: "Align English, Simplified and Traditional Chinese statements and check their translations.",
    discussion: """
      Exit status: 0 without error findings, 1 with error findings, 2 on usage or input errors.
      Colour is used only on a terminal and never when NO_COLOR is set.
      """,
    version: "0.1.0 (ICU \(ParallelText.icuVersion))")

  @Argument(help: "Statement files to read; - reads standard input.")
  var files: [String]

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  @Option(help: "Width of text output in columns (default: the terminal's, or 100).")
  var width: Int?

  @Flag(help: "Never colour the output.")
  var noColor = false

  mutating func run() throws {
    var documents: [Document] = []
    var failures: [String] = []  // "FILE: REASON", for the summary
    let pipeline = Pipeline()
    for file in files {
      do {
        let bytes = try InputFile.read(file)
        let firstSegment = (documents.last?.segments.last?.id ?? 0) + 1
        let firstUnit = (documents.last?.units.last?.id ?? 0) + 1
        documents.append(
          try pipeline.process(bytes: bytes, file: file, firstSegmentID: firstSegment, firstUnitID: firstUnit))
      } catch {
        Terminal.error("\(file): \(error)")
        failures.append("\(file): \(error)")
      }
    }
    switch format {
    case .json:
      Terminal.write(JSONRenderer().render(documents))
    case .text:
      let renderer = TextRenderer(
        width: width ?? Terminal.width ?? 100, color: !noColor && Terminal.wantsColor)
      // The summary also names the files that could not be processed.
      let notProcessed = failures.map { "\($0) (not processed)\n" }.joined()
      Terminal.write(renderer.render(documents) + notProcessed)
    }
    if !failures.isEmpty { throw ExitCode(2) }
    if documents.contains(where: { $0.findings.contains { $0.severity == .error } }) { throw ExitCode(1) }
  }

  /// Runs the command, mapping usage errors (swift-argument-parser's 64) to exit status 2.
  static func main() {
    Terminal.ignoreBrokenPipe()
    do {
      var command = try parseAsRoot()
      try command.run()
      Terminal.flush()
      Foundation.exit(0)
    } catch {
      Terminal.flush()
      let code = exitCode(for: error)
      if code == .success || code == ExitCode(1) || code == ExitCode(2) {
        if code == .success { print(fullMessage(for: error)) }
        Foundation.exit(code.rawValue)
      }
      Terminal.error(fullMessage(for: error))
      Foundation.exit(2)
    }
  }
}

/// The output formats of `align`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}
