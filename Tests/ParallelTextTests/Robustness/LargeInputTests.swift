import Foundation
import Testing

/// Large inputs, generated at test time: `align` reads them whole, loses nothing, and ends
/// well inside a generous time limit (a hang or a quadratic path fails the run, a slow
/// machine does not). One at a time, so that their memory does not add up.
///
/// `PTX_SKIP_LARGE=1` skips them (sanitizer runs, where they take minutes and gigabytes).
@Suite(
  "Robustness: large input", .serialized,
  .disabled(if: ProcessInfo.processInfo.environment["PTX_SKIP_LARGE"] != nil, "PTX_SKIP_LARGE is set"))
struct LargeInputTests {
  /// Generous per-run limit: the debug build handles each case in about a minute.
  static let timeout = 900.0

  /// Writes `count` copies of `unit` (plus `tail`) to `name`, in 1 MiB chunks.
  private func generate(_ name: String, in directory: TemporaryDirectory, _ unit: String, count: Int, tail: String = "")
    throws -> String
  {
    let path = directory.url.appendingPathComponent(name).path
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let perChunk = max(1, (1 << 20) / max(unit.utf8.count, 1))
    let chunk = Data(String(repeating: unit, count: perChunk).utf8)
    var written = 0
    while written + perChunk <= count {
      try handle.write(contentsOf: chunk)
      written += perChunk
    }
    try handle.write(contentsOf: Data((String(repeating: unit, count: count - written) + tail).utf8))
    return path
  }

  @Test("A single 50 MB line: one segment holding every word")
  func fiftyMegabyteLine() throws {
    let directory = try TemporaryDirectory()
    let words = 10_000_000
    let path = try generate("line.txt", in: directory, "word ", count: words - 1, tail: "word\n")
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: Self.timeout)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    let output = run.stdoutData
    #expect(output.occurrences(of: "\"kind\":\"paragraph\"") == 1)
    #expect(output.occurrences(of: "word") == words)
    print("50 MB line: \(run.seconds) s, peak \(run.peakMemoryMiB) MiB")
  }

  @Test("1,000,000 one-word paragraphs: one segment and one unit each")
  func millionParagraphs() throws {
    let directory = try TemporaryDirectory()
    let count = 1_000_000
    let path = try generate("paragraphs.txt", in: directory, "Word\n\n", count: count)
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: Self.timeout)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    let output = run.stdoutData
    #expect(output.occurrences(of: "\"kind\":\"paragraph\"") == count)
    #expect(output.occurrences(of: "\"text\":\"Word\"") == count)
    #expect(output.occurrences(of: "{\"id\":\(count),\"segments\":{\"Latn\":[\(count)]}") == 1)
    print("1M paragraphs: \(run.seconds) s, peak \(run.peakMemoryMiB) MiB")
  }

  @Test("1,000,000 hard-wrapped lines in one paragraph: one segment holding every word")
  func millionWrappedLines() throws {
    let directory = try TemporaryDirectory()
    let count = 1_000_000
    let path = try generate("wrapped.txt", in: directory, "word\n", count: count)
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: Self.timeout)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    let output = run.stdoutData
    #expect(output.occurrences(of: "\"kind\":\"paragraph\"") == 1)
    #expect(output.occurrences(of: "word") == count)
    #expect(output.occurrences(of: "\"endLine\":\(count),") == 1)
    print("1M wrapped lines: \(run.seconds) s, peak \(run.peakMemoryMiB) MiB")
  }

  @Test("A 10 MB Han paragraph without punctuation: one Simplified segment, text output wraps it")
  func tenMegabyteHan() throws {
    let directory = try TemporaryDirectory()
    let unit = "中文字体测试没有标点符号"  // 12 characters, 36 bytes
    let count = 10_000_000 / 36
    let path = try generate("han.txt", in: directory, unit, count: count, tail: "\n")
    let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: Self.timeout)
    #expect(run.endedNormally && run.status == 0 && run.stderr == "", "\(run)")
    let output = run.stdoutData
    #expect(output.occurrences(of: "\"script\":\"Hans\"") == 1)
    #expect(output.occurrences(of: unit) == count)
    let text = try BoundedRun(align: ["--width", "80", path], in: directory, timeout: Self.timeout)
    #expect(text.endedNormally && text.status == 0 && text.stderr == "", "\(text)")
    #expect(text.stdoutSize > 10_000_000)
    print(
      "10 MB Han: \(run.seconds) s json, \(text.seconds) s text, peak \(max(run.peakMemoryMiB, text.peakMemoryMiB)) MiB"
    )
  }

  @Test("A 4 MB Simplified paragraph next to its 4 MB Traditional twin: compared, not hung")
  func bigTwins() throws {
    let directory = try TemporaryDirectory()
    let count = 4_000_000 / 36
    let simplified = String(repeating: "中文字体测试没有标点符号", count: count)
    let traditional = String(repeating: "中文字體測試沒有標點符號", count: count)
    // A shifted copy defeats prefix and suffix trimming and forces the edit search.
    let shifted = String(traditional.dropFirst(5)) + "測試"
    for (name, twin) in [("twins.txt", traditional), ("shifted.txt", shifted)] {
      let path = try directory.file(name, Array("\(simplified)\n\n\(twin)\n".utf8))
      let run = try BoundedRun(align: ["--format", "json", path], in: directory, timeout: Self.timeout)
      #expect(run.endedNormally && run.stderr == "", "\(name): \(run)")
      #expect(run.status == 0 || run.status == 1)
      print("\(name): \(run.seconds) s, peak \(run.peakMemoryMiB) MiB")
    }
  }
}
