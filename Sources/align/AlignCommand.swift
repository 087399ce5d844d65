import ArgumentParser
import ParallelText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `align`: reads parallel-text statements, aligns their translations and checks them.
@main
struct AlignCommand: ParsableCommand {
  /// The tool's version, also written into SARIF and TMX output.
  static let version = "0.2.0"

  static let configuration = CommandConfiguration(
    commandName: "align",
    abstract: "Align English, Simplified and Traditional Chinese statements and check their translations.",
    discussion: """
      `align FILE|DIR|- ...` aligns and checks (the default subcommand, `run`); `align check` \
      reports findings only; `align export` writes the aligned units for other tools.

      Exit status: 0 without failing findings, 1 with failing findings (errors, or what \
      --fail-on/--strict choose), 2 on a usage, configuration, baseline or input error. \
      Colour is used only on a terminal and never when NO_COLOR is set.

      The data (OpenCC's dictionaries, the word lists) is read from \
      ParallelText_ParallelText.resources beside the align executable, or from the folder \
      PARALLELTEXT_RESOURCES names.
      """,
    version: "\(version) (ICU \(ParallelText.icuVersion))",
    subcommands: [Run.self, Check.self, Export.self],
    defaultSubcommand: Run.self)

  /// Runs the command, mapping usage errors (swift-argument-parser's 64) to exit status 2.
  static func main() {
    TimeMarks.mark("main")
    Terminal.ignoreBrokenPipe()
    // With standard output closed, descriptor 1 would be handed to the next file or thread
    // that opens one, and output would go there: refuse to start instead.
    if fcntl(STDOUT_FILENO, F_GETFD) == -1 {
      Terminal.error("align: cannot write output (\(String(cString: strerror(errno))))")
      terminate(2)
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    startLoadingTables(arguments)
    do {
      var command = try parse(arguments)
      TimeMarks.mark("arguments parsed")
      try command.run()
      terminate(0)
    } catch {
      // A run's own status (1 for failing findings) as it is: swift-argument-parser's
      // `exitCode(for:)` works out the same through its error messages, a tenth of a
      // millisecond at every failing run.
      let code = (error as? ExitCode) ?? exitCode(for: error)
      if code == .success || code == ExitCode(1) || code == ExitCode(2) {
        if code == .success { Terminal.write(fullMessage(for: error) + "\n") }
        terminate(code.rawValue)
      }
      Terminal.error(fullMessage(for: error))
      terminate(2)
    }
  }

  /// The command `arguments` ask for, as `parseAsRoot(arguments)` gives it. A run (`align
  /// check|export|run ARGS`, or `align ARGS` for the default `run`) is parsed by the
  /// subcommand's own parser: the root's would first build each subcommand's argument set by
  /// reflection to recognise the name (about a millisecond at every run, on the way to the
  /// first output). What the two could read differently goes the whole way, so that help,
  /// usage lines and errors name `align`: arguments asking for help, the version or a
  /// completion script, and any error.
  static func parse(_ arguments: [String]) throws -> ParsableCommand {
    if !arguments.contains(where: asksForNoRun.contains), let run = try? parseRun(arguments) { return run }
    return try parseAsRoot(arguments)
  }

  /// `arguments` parsed by the subcommand they name, or by `run`, the default.
  private static func parseRun(_ arguments: [String]) throws -> ParsableCommand {
    if let named = arguments.first.flatMap(subcommand(named:)) {
      return try named.parseAsRoot(Array(arguments.dropFirst()))
    }
    return try Run.parseAsRoot(arguments)
  }

  /// The subcommand called `name` (`run`, `check`, `export`), if there is one.
  static func subcommand(named name: String) -> ParsableCommand.Type? {
    configuration.subcommands.first { $0._commandName == name }
  }

  /// Arguments that ask for help, the version or a completion script rather than a run.
  private static let asksForNoRun: Set = [
    "-h", "--help", "-help", "help", "--version", "--generate-completion-script", "--experimental-dump-help",
  ]

  /// Starts loading tables while the arguments are parsed, on the other cores: for pair sets
  /// (`--pairs`) the first large file named (``InputFile/readAhead(_:minimumSize:)``), then
  /// the tables a pair set reads, with the context dependence a large set's first pair
  /// waits for; for statements ICU's variant tables, which every run needs, then the tables
  /// of Chinese text (an English-only statement never uses them). Nothing
  /// when the arguments ask for help or the version (which need none), or when standard
  /// input is closed (the files the tables open could then take descriptor 0 while `-` is
  /// read, which must fail instead).
  private static func startLoadingTables(_ arguments: [String]) {
    guard !arguments.contains(where: asksForNoRun.contains), fcntl(STDIN_FILENO, F_GETFD) != -1 else { return }
    if arguments.contains("--pairs") {
      // A large set is read meanwhile, before the tables load.
      InputFile.readAhead(arguments, minimumSize: Session.pairSetPart)
      Pipeline.startLoadingPairSetTables()
    } else {
      Pipeline.startLoadingStatementTables()
    }
  }
}

/// Ends the process with `status` (`exit(3)`, named apart from `ParsableCommand.exit`).
private func terminate(_ status: Int32) -> Never {
  TimeMarks.mark("exit")
  TimeMarks.report()
  exit(status)
}
