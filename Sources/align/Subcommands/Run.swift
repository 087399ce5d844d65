import ArgumentParser

extension AlignCommand {
  /// `align [run] FILE|DIR|- ...`: aligned units side by side, then findings and a summary.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "run",
      abstract: "Align and check (the default): units side by side, then findings.")

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var failure: FailureOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      var session = Session(
        mode: .run, format: format, input: input, rules: rules, failure: failure, output: output)
      let status = try session.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
