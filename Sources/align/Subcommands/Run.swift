import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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

    /// `align --format json check FILE` runs `run` on a file named `check`: options given
    /// before a subcommand belong to the default one. Said plainly when no such file exists.
    func validate() throws {
      if let first = input.inputs.first, AlignCommand.subcommand(named: first) != nil,
        !FileManager.default.fileExists(atPath: first)
      {
        throw ValidationError(
          "'\(first)' is a subcommand, not a file: give options after it, as in align \(first) --format json FILE")
      }
    }

    func run() throws {
      var session = Session(
        mode: .run, format: format, input: input, rules: rules, failure: failure, output: output)
      let status = try session.run()
      if status != 0 { throw ExitCode(status) }
    }
  }
}
