import ArgumentParser

extension AlignCommand {
  /// `align export --format tmx|tsv|json|markdown|html FILE|DIR|- ...`: the aligned units for
  /// translation tools, spreadsheets, pull requests and browsers. Findings never fail it.
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Write the aligned units as TMX, TSV, JSON, Markdown or HTML.")

    @Option(help: "Output format.")
    var format: ExportFormat

    @OptionGroup var input: InputOptions
    @OptionGroup var rules: RuleOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      var session = Session(mode: .export, format: format.format, input: input, rules: rules, output: output)
      let status = try session.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
