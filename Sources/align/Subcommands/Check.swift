import ArgumentParser

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

    func run() throws {
      var session = Session(
        mode: .check, format: format.format, input: input, rules: rules, failure: failure, output: output)
      let status = try session.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
