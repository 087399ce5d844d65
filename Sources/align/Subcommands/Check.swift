import ArgumentParser
import ParallelText

extension AlignCommand {
  /// `align check FILE|DIR|- ...`: findings only, for CI and pre-commit.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Report findings only (for CI, pull requests and pre-commit).")

    @Option(help: "Output format.")
    var format = CheckFormat(format: .text)

    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var failure: FailureOptions
    @OptionGroup var output: OutputOptions

    @Flag(
      help: """
        Write the corrections findings propose into the files (atomically), then report \
        what is left (rules \(Rule.all.filter(\.replacesActual).map(\.id).joined(separator: ", ")); \
        regional-variant only against --standard).
        """)
    var fix = false

    func validate() throws {
      guard fix else { return }
      if input.jsonl || input.inputs.contains("-") {
        throw ValidationError("--fix rewrites files: standard input cannot be fixed")
      }
    }

    func run() throws {
      var session = Session(
        mode: .check, format: format.format, input: input, rules: rules, failure: failure, output: output)
      session.fix = fix
      let status = try session.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
