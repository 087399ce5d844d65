import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One test per promise of the README's "Guarantees" section.
@Suite("Guarantees")
struct GuaranteeTests {
  /// Bytes, size and modification time of a file.
  private struct Snapshot: Equatable {
    var bytes: Data
    var modified: Int
    var changed: Int

    init(_ path: String) throws {
      bytes = try Data(contentsOf: URL(fileURLWithPath: path))
      var status = stat()
      stat(path, &status)
      modified = status.st_mtim.tv_sec * 1_000_000_000 + status.st_mtim.tv_nsec
      changed = status.st_ctim.tv_sec * 1_000_000_000 + status.st_ctim.tv_nsec
    }
  }

  @Test("Inputs are never modified: bytes, mtime and ctime stay the same, whatever the outcome")
  func neverModifiesInputs() throws {
    let directory = try TemporaryDirectory()
    var inputs: [String] = []
    for seed in Fixtures.seeds {
      inputs.append(try directory.file(seed.lastPathComponent, Array(try Data(contentsOf: seed))))
    }
    inputs.append(try directory.file("bad.txt", Array("Good ".utf8) + [0xFF]))
    inputs.append(try directory.file("empty.txt", []))
    inputs.append(try directory.file("bom16.txt", [0xFF, 0xFE] + Array("A\0.\0".utf8)))
    let before = try inputs.map(Snapshot.init)
    for arguments in [inputs, ["--format", "json"] + inputs, ["--width", "20"] + inputs.reversed()] {
      let run = try BoundedRun(align: arguments, in: directory, timeout: 300)
      #expect(run.endedNormally && run.status == 2, "\(run)")
    }
    let stdin = try BoundedRun(align: ["-"], in: directory, input: .file(inputs[2]), timeout: 300)
    #expect(stdin.endedNormally && stdin.status == 1)
    #expect(try inputs.map(Snapshot.init) == before)
  }

  @Test("align writes no files: only standard output and standard error")
  func writesNoFiles() throws {
    let outputs = try TemporaryDirectory()
    let working = try TemporaryDirectory()
    let bad = try working.file("bad.txt", [0x00])
    let run = try BoundedRun(
      align: Fixtures.seeds.map(\.path) + [bad, "missing.txt"], in: outputs, timeout: 300,
      workingDirectory: working.url.path)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: working.url.path) == ["bad.txt"])
  }

  @Test("Exit status: 0 without error findings, 1 with, 2 for usage or unreadable input (2 wins)")
  func exitCodes() throws {
    let directory = try TemporaryDirectory()
    let clean = Fixtures.seed("000").path
    let errors = Fixtures.seed("002").path
    let bad = try directory.file("bad.txt", [0xC0, 0x80])
    let cases: [([String], Int32)] = [
      ([clean], 0), ([errors], 1), ([clean, errors], 1), ([bad], 2), ([errors, bad], 2), (["missing.txt", clean], 2),
      (["--format", "xml", clean], 2), (["--width", "many", clean], 2), ([], 2), (["--no-such-flag", clean], 2),
    ]
    for (arguments, status) in cases {
      let run = try BoundedRun(align: arguments, in: directory, timeout: 300)
      #expect(run.endedNormally && run.status == status, "align \(arguments.joined(separator: " ")): \(run)")
    }
    let help = try BoundedRun(align: ["--help"], in: directory, timeout: 300)
    #expect(help.status == 0 && help.stdout.contains("USAGE"))
  }

  @Test(
    "Deterministic: same input, same output byte for byte, on one core or all of them",
    arguments: ["text", "json"])
  func deterministic(format: String) throws {
    let directory = try TemporaryDirectory()
    let arguments = ["--format", format, "--width", "100"] + Fixtures.seeds.map(\.path)
    let reference = try BoundedRun(align: arguments, in: directory, timeout: 300)
    #expect(reference.endedNormally && reference.status == 1)
    let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
    for command in ["\"$ALIGN\" \(quoted)", "taskset -c 0 \"$ALIGN\" \(quoted)", "\"$ALIGN\" \(quoted)"] {
      let run = try BoundedRun(shell: command, in: directory, timeout: 300)
      #expect(run.status == reference.status)
      #expect(run.stdoutData == reference.stdoutData, "\(command)")
      #expect(run.stderr == reference.stderr)
    }
    // Reading a file through standard input changes only the file name.
    let seed = Fixtures.seed("002").path
    let byName = try BoundedRun(align: ["--format", format, seed], in: directory, timeout: 300)
    let byStdin = try BoundedRun(align: ["--format", format, "-"], in: directory, input: .file(seed), timeout: 300)
    #expect(byStdin.stdout == byName.stdout.replacingOccurrences(of: seed, with: "-"))
  }

  @Test(
    "Findings written a chunk of files at a time (bounded memory) are byte for byte those rendered at once",
    arguments: ["text", "github"])
  func streamedOutput(format: String) throws {
    let directory = try TemporaryDirectory()
    let corpus = directory.url.appendingPathComponent("corpus")
    try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    // More files than one chunk (16 per core), in more than one chunk, with a bad one last.
    let count = 16 * ProcessInfo.processInfo.activeProcessorCount * 2 + 7
    let seeds = try Fixtures.seeds.map { try Data(contentsOf: $0) }
    for index in 0..<count {
      try seeds[index % seeds.count].write(to: corpus.appendingPathComponent(String(format: "%04d.txt", index)))
    }
    try Data([0x62, 0xFF, 0x0A]).write(to: corpus.appendingPathComponent("9999.txt"))
    let report = directory.url.appendingPathComponent("report.txt").path
    let streamed = try BoundedRun(align: ["check", "--format", format, corpus.path], in: directory, timeout: 600)
    let atOnce = try BoundedRun(
      align: ["check", "--format", format, "--output", report, corpus.path], in: directory, timeout: 600)
    #expect(streamed.status == 2 && atOnce.status == 2)
    #expect(streamed.stdoutData == (try Data(contentsOf: URL(fileURLWithPath: report))))
    #expect(streamed.stderr == atOnce.stderr)
    #expect(streamed.stdout.contains("\(corpus.path)/0002.txt"))
    if format == "text" {
      #expect(streamed.stdout.hasSuffix("9999.txt: not a text file (invalid UTF-8 at byte 1) (not processed)\n"))
    }
  }

  @Test(
    "A pair set larger than a part, checked a part at a time, writes what checking it at once writes",
    arguments: ["text", "github"])
  func streamedPairSet(format: String) throws {
    let directory = try TemporaryDirectory()
    // Pairs with errors, with notes and without findings (left out as they are read).
    let samples = [
      "头发很长\t頭發很長", "我们的系统需要联系\t我們的系統需要聯系", "这里着急为什么\t這裡著急為什麼", "以后再说\t以後再說",
      "头发很长\t頭髮很長",
    ]
    let large = (0..<80_000).map { samples[$0 % samples.count] }.joined(separator: "\n") + "\n"
    #expect(large.utf8.count > 2 << 20)
    let files = ["small.tsv": samples.joined(separator: "\n"), "large.tsv": large, "bad.tsv": large + "one field\n"]
    for (name, text) in files { try Data(text.utf8).write(to: directory.url.appendingPathComponent(name)) }
    let inputs = ["small.tsv", "large.tsv", "bad.tsv", "small.tsv"]
    let report = directory.url.appendingPathComponent("report.txt").path
    let streamed = try BoundedRun(
      align: ["check", "--pairs", "--format", format] + inputs, in: directory, timeout: 600)
    let atOnce = try BoundedRun(
      align: ["check", "--pairs", "--format", format, "--output", report] + inputs, in: directory, timeout: 600)
    #expect(streamed.status == 2 && atOnce.status == 2)
    #expect(streamed.stdoutData == (try Data(contentsOf: URL(fileURLWithPath: report))))
    #expect(streamed.stderr == atOnce.stderr)
    #expect(streamed.stderr.contains("bad.tsv: line 80001: not a pair"))
    #expect(streamed.stdout.contains(format == "text" ? "large.tsv:79998:" : "file=large.tsv,line=79998,"))
    if format == "text" {
      #expect(streamed.stdout.contains("large.tsv: 80000 units (80000 translated), 32000 errors"))
    }
  }
}
