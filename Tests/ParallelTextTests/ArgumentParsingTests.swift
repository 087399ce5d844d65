import ArgumentParser
import Testing

@testable import align

/// `AlignCommand.parse`, which hands a run's arguments to its subcommand's own parser: the
/// same command as the root's parser, and the root's help, usage lines and errors.
@Suite("Argument parsing")
struct ArgumentParsingTests {
  static let seed = "Fixtures/seeds/002_d096c9044781a046.txt"

  @Test(
    "A run comes out as the root's parser reads it",
    arguments: [
      ["check", seed],
      ["check", "--format", "json", "--standard", "tw", "--fail-on", "warning", seed, "Fixtures/seeds"],
      ["check", "--pairs", "--quiet", "set.tsv"],
      ["check", "-q", "--lang-map", "zh-Hant=zh-TW", "--exclude", "*.md", seed],
      ["export", "--format", "tmx", seed],
      ["run", seed],
      [seed],
      ["--format", "json", seed, "--strict"],
      ["check", "--", "-file-with-a-dash.txt"],
    ])
  func sameCommand(arguments: [String]) throws {
    let shortcut = try AlignCommand.parse(arguments)
    let whole = try AlignCommand.parseAsRoot(arguments)
    #expect(ObjectIdentifier(type(of: shortcut)) == ObjectIdentifier(type(of: whole)))
    #expect(String(describing: shortcut) == String(describing: whole))
  }

  @Test(
    "What the root's parser refuses is refused with the root's message",
    arguments: [
      ["check", "--fail-on", "nope", seed],
      ["check", "--bogus", seed],
      ["--format", "json", "check", seed],
      ["export", "--format", "nope", seed],
    ])
  func sameError(arguments: [String]) {
    let shortcut = Result { try AlignCommand.parse(arguments) }
    let whole = Result { try AlignCommand.parseAsRoot(arguments) }
    guard case .failure(let shortcutError) = shortcut, case .failure(let wholeError) = whole else {
      Issue.record("\(arguments) parsed")
      return
    }
    #expect(AlignCommand.fullMessage(for: shortcutError) == AlignCommand.fullMessage(for: wholeError))
    #expect(AlignCommand.fullMessage(for: shortcutError).contains("align"))
  }

  @Test("Help and usage lines name align and the subcommand")
  func helpNamesTheTool() throws {
    let help = try AlignRun(["check", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("USAGE: align check [<options>]"))
    let refused = try AlignRun(["check", "--fail-on", "nope", Self.seed])
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("Usage: align check [<options>]"))
  }
}
