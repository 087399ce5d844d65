/// A unified diff (as `diff -u` writes it, three lines of context) between a text file's
/// bytes and its corrected bytes, for `patch -p0` or `git apply -p0`. Corrections never add
/// or remove a line, so lines are compared in place; were the line counts to differ, the
/// diff is one hunk replacing the whole file.
public struct UnifiedDiff: Sendable {
  /// The diff; empty when the two versions are the same.
  public let text: String

  /// The diff turning `old` into `new`, both naming `file`.
  public init(old: [UInt8], new: [UInt8], file: String, context: Int = 3) {
    guard old != new else {
      text = ""
      return
    }
    let before = Self.lines(old)
    let after = Self.lines(new)
    var output = "--- \(file)\n+++ \(file)\n"
    guard before.count == after.count else {
      output += Self.header(1, before.count, 1, after.count)
      for line in before { output += Self.line("-", line) }
      for line in after { output += Self.line("+", line) }
      text = output
      return
    }
    let changed = before.indices.filter { before[$0] != after[$0] }
    // Hunks: runs of changed lines whose contexts touch or overlap, each with its context.
    var index = 0
    while index < changed.count {
      var last = index
      while last + 1 < changed.count, changed[last + 1] - changed[last] <= 2 * context + 1 { last += 1 }
      let start = max(0, changed[index] - context)
      let end = min(before.count, changed[last] + context + 1)
      output += Self.header(start + 1, end - start, start + 1, end - start)
      for line in start..<end {
        if before[line] == after[line] {
          output += Self.line(" ", before[line])
        } else {
          // A changed line's new version follows its old one.
          output += Self.line("-", before[line]) + Self.line("+", after[line])
        }
      }
      index = last + 1
    }
    text = output
  }

  /// `@@ -a,b +c,d @@`.
  private static func header(_ oldStart: Int, _ oldCount: Int, _ newStart: Int, _ newCount: Int) -> String {
    "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
  }

  /// One diff line: the mark, the line with its own ending, or a note that it has none.
  private static func line(_ mark: String, _ bytes: ArraySlice<UInt8>) -> String {
    let text = mark + String(decoding: bytes, as: UTF8.self)
    return bytes.last == 0x0A ? text : text + "\n\\ No newline at end of file\n"
  }

  /// The lines of `bytes` as `diff` and `patch` see them, each with its ending: up to and
  /// with a line feed (a CRLF line keeps its CR; CR alone ends no line); the last line may
  /// have none.
  private static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == 0x0A {
      lines.append(bytes[start...index])
      start = index + 1
    }
    if start < bytes.count { lines.append(bytes[start...]) }
    return lines
  }
}
