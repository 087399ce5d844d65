import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Paths that are not regular readable files, and standard streams that are closed or go
/// away, on the built `align`.
@Suite("Robustness: files and streams")
struct FileAndStreamTests {
  static let seed = Fixtures.seed("000").path
  static let isRoot = getuid() == 0

  /// Runs `align` on `arguments` and expects exit 2 with exactly `error` on stderr.
  private func expectRefused(_ arguments: [String], _ error: String, in directory: TemporaryDirectory) throws {
    let run = try BoundedRun(align: arguments, in: directory, timeout: 120)
    #expect(run.endedNormally, "\(run)")
    #expect(run.status == 2)
    #expect(run.stderr == error + "\n")
  }

  @Test("A directory is walked; one with nothing to read is named on stderr")
  func directory() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(align: [directory.url.path], in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 0, "\(run)")
    #expect(
      run.stderr
        == "align: \(directory.url.path): no files to read (include: *.txt and *.md unless configured)\n")
  }

  @Test("A missing file is refused by name")
  func missing() throws {
    let directory = try TemporaryDirectory()
    try expectRefused(["missing.txt"], "missing.txt: cannot open (No such file or directory)", in: directory)
  }

  @Test("A file that cannot be read, even by root (/proc/self/mem at offset 0), is refused")
  func unreadableForEveryone() throws {
    let directory = try TemporaryDirectory()
    try expectRefused(["/proc/self/mem"], "/proc/self/mem: cannot read (Input/output error)", in: directory)
  }

  @Test(
    "A file without read permission is refused by name",
    .enabled(if: !isRoot, "root reads files whatever their mode; unreadableForEveryone covers root"))
  func permissionDenied() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.file("secret.txt", Array("Secret.\n".utf8))
    chmod(path, 0)
    defer { chmod(path, 0o644) }
    try expectRefused([path], "\(path): cannot open (Permission denied)", in: directory)
  }

  @Test("A symlink loop is refused by name")
  func symlinkLoop() throws {
    let directory = try TemporaryDirectory()
    let first = directory.url.appendingPathComponent("loop1").path
    let second = directory.url.appendingPathComponent("loop2").path
    symlink(second, first)
    symlink(first, second)
    try expectRefused([first], "\(first): cannot open (Too many levels of symbolic links)", in: directory)
  }

  @Test("A FIFO (as from process substitution) is read to its end")
  func fifo() throws {
    let directory = try TemporaryDirectory()
    let path = directory.url.appendingPathComponent("fifo").path
    #expect(mkfifo(path, 0o600) == 0)
    let run = try BoundedRun(
      shell:
        #"printf 'Read from a FIFO.\n\n從管道讀取。\n' > fifo & "$ALIGN" --format json fifo; status=$?; wait; exit $status"#,
      in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    #expect(run.stdout.contains("\"text\":\"Read from a FIFO.\"") && run.stdout.contains("\"text\":\"從管道讀取。\""))
  }

  @Test("Standard input closed: - is refused, other files still read")
  func stdinClosed() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(align: ["--format", "json", "-", Self.seed], in: directory, input: .closed, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "-: cannot read (Bad file descriptor)\n")
    #expect(run.stdout.contains("Defend the Hong Kong Democracy Movement!"))
  }

  @Test("Standard input closed: a file opened as descriptor 0 is closed, so - after it is refused")
  func stdinClosedAfterFile() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(align: ["--format", "json", Self.seed, "-"], in: directory, input: .closed, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "-: cannot read (Bad file descriptor)\n")
    let files = ((try? JSONSerialization.jsonObject(with: run.stdoutData)) as? [String: Any])?["files"] as? [String]
    #expect(files == [Self.seed])
  }

  @Test("Standard input closed: a file opened as descriptor 0 is read and closed normally")
  func stdinClosedFileOnly() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(
      align: ["--format", "json", Self.seed, Self.seed], in: directory, input: .closed, timeout: 120)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    #expect(run.stdout.components(separatedBy: "Defend the Hong Kong Democracy Movement!").count == 3)
  }

  @Test(
    "Standard input a terminal: - reads what is typed until Ctrl-D",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs script(1) for a terminal"))
  func stdinTerminal() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(
      shell:
        #"(printf 'Typed at a terminal.\n'; sleep 0.5; printf '\004'; sleep 0.5) | script -qec "\"$ALIGN\" --no-color -" /dev/null"#,
      in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 0, "\(run)")
    #expect(run.stdout.contains("-: 1 units (0 translated), 0 errors, 0 warnings"))
  }

  @Test("Standard output closed early (align big.txt | head -1): quiet, exit 0, no crash report")
  func stdoutClosedEarly() throws {
    let directory = try TemporaryDirectory()
    var big: [UInt8] = []
    for _ in 0..<20 { for seed in Fixtures.seeds { big += try Array(Data(contentsOf: seed)) + [0x0A] } }
    _ = try directory.file("big.txt", big)
    // JSON is one line: `head -c` closes the pipe early there.
    for command in ["--format text big.txt | head -1", "--format json big.txt | head -c 100"] {
      let run = try BoundedRun(
        shell: #""$ALIGN" \#(command); exit ${PIPESTATUS[0]}"#, in: directory, timeout: 300)
      #expect(run.endedNormally, "\(run)")
      #expect(run.status == 0)
      #expect(run.stderr == "")
      #expect(run.stdout.split(separator: "\n").count == 1 && run.stdoutSize <= 1000)
    }
  }

  @Test("Standard output closed before the start: one line on stderr, exit 2")
  func stdoutClosed() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(shell: #""$ALIGN" "\#(Self.seed)" >&-"#, in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "align: cannot write output (Bad file descriptor)\n")
  }

  @Test("A full disk for standard output: one line on stderr, exit 2")
  func diskFull() throws {
    let directory = try TemporaryDirectory()
    let run = try BoundedRun(shell: #""$ALIGN" "\#(Self.seed)" > /dev/full"#, in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "align: cannot write output (No space left on device)\n")
  }

  /// Whether this machine lets a test mount a private, tiny tmpfs (`unshare -rm`, as root or
  /// through a user namespace): the only honest way to fill a disk without filling the real one.
  static let canMountTinyDisk: Bool = {
    let directory = try? TemporaryDirectory()
    guard let directory, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
    let probe = try? BoundedRun(
      shell: "mkdir disk && unshare -rm sh -c 'mount -t tmpfs -o size=8k tmpfs disk'", in: directory, timeout: 60)
    return probe?.status == 0
  }()

  @Test(
    "A disk-full write for --update-baseline leaves the old baseline intact and no temporary file",
    .enabled(if: canMountTinyDisk, "mounting a private tmpfs is not permitted here"))
  func baselineOnFullDisk() throws {
    let directory = try TemporaryDirectory()
    let old = #"{"version":1,"findings":[]}"# + "\n"
    _ = try directory.file("old.json", Array(old.utf8))
    // An 8 KiB disk: the old baseline takes one page, a filler the other, and the new
    // baseline (five findings from seed 002) cannot be written.
    let seed = Fixtures.seed("002").path
    let script = """
      mkdir disk && unshare -rm sh -c '
        mount -t tmpfs -o size=8k tmpfs disk || exit 99
        cp old.json disk/baseline.json
        dd if=/dev/zero of=disk/filler bs=1k count=64 2>/dev/null
        "$ALIGN" check --baseline disk/baseline.json --update-baseline "\(seed)" > /dev/null
        status=$?
        cmp -s old.json disk/baseline.json && echo kept
        ls -A disk
        exit $status'
      """
    let run = try BoundedRun(shell: script, in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "disk/baseline.json: cannot write (No space left on device)\n")
    #expect(run.stdout == "kept\nbaseline.json\nfiller\n")
  }

  @Test(
    "A disk-full write for --fix leaves the statement intact and no temporary file, and still checks it",
    .enabled(if: canMountTinyDisk, "mounting a private tmpfs is not permitted here"))
  func fixOnFullDisk() throws {
    let directory = try TemporaryDirectory()
    // A 16 KiB disk: seed 002 (9 KB) takes three pages, a filler the rest, and its fixed
    // copy cannot be written.
    let seed = Fixtures.seed("002").path
    let script = """
      mkdir disk && unshare -rm sh -c '
        mount -t tmpfs -o size=16k tmpfs disk || exit 99
        cp "\(seed)" disk/statement.txt
        dd if=/dev/zero of=disk/filler bs=1k count=64 2>/dev/null
        "$ALIGN" check --fix disk/statement.txt > report.txt
        status=$?
        grep -c wrong-character-choice report.txt
        cmp -s "\(seed)" disk/statement.txt && echo kept
        ls -A disk
        exit $status'
      """
    let run = try BoundedRun(shell: script, in: directory, timeout: 120)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(run.stderr == "disk/statement.txt: cannot write (No space left on device)\n")
    #expect(run.stdout == "1\nkept\nfiller\nstatement.txt\n")
  }

  @Test("Many files with bad ones: the others are processed and the summary names what failed")
  func manyFilesOneBad() throws {
    let directory = try TemporaryDirectory()
    let bad = try directory.file("bad.txt", Array("Good start ".utf8) + [0xFF] + Array(" then garbage.".utf8))
    let seeds = Fixtures.seeds.map(\.path)
    let arguments = [seeds[0], bad, seeds[1], "missing.txt", seeds[2]]
    let run = try BoundedRun(align: ["--no-color"] + arguments, in: directory, timeout: 300)
    #expect(run.endedNormally && run.status == 2, "\(run)")
    #expect(
      run.stderr == """
        \(bad): not a text file (invalid UTF-8 at byte 11)
        missing.txt: cannot open (No such file or directory)

        """)
    let summary = run.stdout.split(separator: "\n").suffix(5).map(String.init)
    #expect(summary.count == 5)
    for (line, seed) in zip(summary.prefix(3), seeds.prefix(3)) { #expect(line.hasPrefix("\(seed): "), "\(line)") }
    #expect(
      Array(summary.suffix(2)) == [
        "\(bad): not a text file (invalid UTF-8 at byte 11) (not processed)",
        "missing.txt: cannot open (No such file or directory) (not processed)",
      ])
    let json = try BoundedRun(align: ["--format", "json"] + arguments, in: directory, timeout: 300)
    #expect(json.status == 2)
    let files = ((try? JSONSerialization.jsonObject(with: json.stdoutData)) as? [String: Any])?["files"] as? [String]
    #expect(files == Array(seeds.prefix(3)))
  }
}
