import Foundation
import Testing

@testable import ParallelText

/// An `align` without the package's data (a binary copied without its
/// `ParallelText_ParallelText.resources`): English-only input is still checked, and each input
/// with Chinese text gets one line saying what is missing and how to provide it, exit status
/// 2; never a trap (it used to stop in `Bundle.module` with SIGILL, status 132).
@Suite("Robustness: the package's data missing")
struct MissingDataTests {
  /// An empty folder for `PARALLELTEXT_RESOURCES`: the only place then looked at.
  static func emptyFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ptx-no-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  static func english() throws -> URL {
    let file = try emptyFolder().appendingPathComponent("english.txt")
    try Data("An English paragraph.\n\nAnd another.\n".utf8).write(to: file)
    return file
  }

  @Test("Statements: the Chinese one is refused in one line naming it, the English one is checked")
  func statements() throws {
    let english = try Self.english()
    let seed = Fixtures.seed("002").path
    let run = try AlignRun(
      ["check", seed, english.path], environment: ["PARALLELTEXT_RESOURCES": try Self.emptyFolder().path])
    #expect(run.status == 2)
    let errors = run.stderr.split(separator: "\n")
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix("\(seed): cannot check Chinese text: ParallelText's data is not in") == true)
    #expect(run.stderr.contains("PARALLELTEXT_RESOURCES"))
    #expect(run.stdout.contains("\(english.path): 2 units (0 translated), 0 errors, 0 warnings"))
  }

  @Test("A pair set and JSON Lines with Chinese text are refused the same way")
  func pairsAndJSONLines() throws {
    let environment = ["PARALLELTEXT_RESOURCES": try Self.emptyFolder().path]
    let pairs = try Self.emptyFolder().appendingPathComponent("pairs.tsv")
    try Data("联系\t聯繫\n".utf8).write(to: pairs)
    let pairRun = try AlignRun(["check", "--pairs", pairs.path], environment: environment)
    #expect(pairRun.status == 2)
    #expect(pairRun.stderr.hasPrefix("\(pairs.path): cannot check Chinese text: "))

    let lines = "{\"id\":1,\"text\":\"联系 聯繫\"}\n{\"id\":2,\"text\":\"English only.\"}\n"
    let jsonRun = try AlignRun(["check", "--jsonl"], input: Data(lines.utf8), environment: environment)
    #expect(jsonRun.status == 2)
    let outputs = jsonRun.stdout.split(separator: "\n")
    #expect(outputs.count == 2)
    #expect(outputs.first?.hasPrefix("{\"id\":1,\"line\":1,\"error\":\"cannot check Chinese text: ") == true)
    #expect(outputs.last?.hasPrefix("{\"id\":2,\"result\":") == true)
  }

  @Test("The data is found beside the executable's target when the executable is a symlink")
  func besideTheSymlinkedExecutable() throws {
    let install = try Self.emptyFolder()
    let bundle = install.appendingPathComponent(PackageResources.bundleName)
    try FileManager.default.createDirectory(
      at: bundle.appendingPathComponent("OpenCC"), withIntermediateDirectories: true)
    try Data().write(to: bundle.appendingPathComponent("OpenCC/STCharacters.txt"))
    try Data().write(to: install.appendingPathComponent("align"))
    let link = try Self.emptyFolder().appendingPathComponent("align")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: install.appendingPathComponent("align"))

    let found = PackageResources.locate(in: PackageResources.candidates(named: nil, executable: link))
    #expect(found?.resolvingSymlinksInPath().path == bundle.resolvingSymlinksInPath().path)
    // Named by the environment, a folder is the only place looked at.
    let empty = try Self.emptyFolder()
    #expect(
      PackageResources.locate(in: PackageResources.candidates(named: empty.path, executable: link)) == nil)
    #expect(
      PackageResources.candidates(named: empty.path, executable: link)
        == [URL(fileURLWithPath: empty.path)])
  }

  @Test("Without a bundle beside the executable, the sources' Resources folder is used")
  func sourcesFallback() throws {
    let nowhere = try Self.emptyFolder().appendingPathComponent("align")
    let found = PackageResources.locate(in: PackageResources.candidates(named: nil, executable: nowhere))
    #expect(
      found?.standardizedFileURL.path
        == Fixtures.packageRoot.appendingPathComponent("Sources/ParallelText/Resources").standardizedFileURL.path)
  }
}
