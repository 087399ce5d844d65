/// Applies the corrections findings propose (``Finding/replacement``: 聯系 → 聯繫) to the bytes
/// of the file they were found in.
public enum FindingFixes {
  /// What applying fixes to one file did.
  public struct Outcome: Sendable, Equatable {
    /// The file's bytes with the fixes applied (the same bytes when none applied).
    public var bytes: [UInt8]
    /// The findings whose replacement was written, in file order.
    public var applied: [Finding]
    /// The findings with a replacement left alone: their span is not, byte for byte, their
    /// `actual` text in the file (inline markup or a line break inside it, or a file changed
    /// since it was checked), or it overlaps a span fixed before it.
    public var skipped: [Finding]
  }

  /// Replaces, in UTF-8 `bytes` (a byte order mark is kept), the span of each finding that
  /// has a replacement with that replacement, when the span lies on one line and holds
  /// exactly the finding's `actual` text; positions are those the reader gives (1-based
  /// lines ended by LF, CRLF or CR, columns in Unicode scalars after any byte order mark).
  /// Findings without a replacement are ignored; of overlapping spans the first is fixed.
  public static func apply(_ findings: [Finding], toUTF8 bytes: [UInt8]) -> Outcome {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let lines = bytes.withUnsafeBufferPointer { buffer in
      Reader.lineRanges(ofUTF8: UnsafeBufferPointer(rebasing: buffer[start...])).map {
        ($0.lowerBound + start)..<($0.upperBound + start)
      }
    }
    var edits: [(range: Range<Int>, replacement: [UInt8], finding: Finding)] = []
    var skipped: [Finding] = []
    for finding in findings {
      guard let replacement = finding.replacement, let actual = finding.actual else { continue }
      let range = finding.range
      guard range.start.line == range.end.line, range.start.line >= 1, range.start.line <= lines.count,
        let from = offset(ofColumn: range.start.column, in: lines[range.start.line - 1], bytes),
        let to = offset(ofColumn: range.end.column, in: lines[range.start.line - 1], bytes),
        bytes[from..<to].elementsEqual(actual.utf8)
      else {
        skipped.append(finding)
        continue
      }
      edits.append((from..<to, Array(replacement.utf8), finding))
    }
    edits.sort { $0.range.lowerBound < $1.range.lowerBound }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var copied = 0
    var applied: [Finding] = []
    for edit in edits {
      guard edit.range.lowerBound >= copied else {
        skipped.append(edit.finding)
        continue
      }
      result += bytes[copied..<edit.range.lowerBound]
      result += edit.replacement
      copied = edit.range.upperBound
      applied.append(edit.finding)
    }
    result += bytes[copied...]
    return Outcome(bytes: result, applied: applied, skipped: skipped)
  }

  /// The byte offset of 1-based scalar `column` in `line` (a line's bytes without its
  /// ending; one past its last scalar at most); nil beyond that.
  private static func offset(ofColumn column: Int, in line: Range<Int>, _ bytes: [UInt8]) -> Int? {
    guard column >= 1 else { return nil }
    var index = line.lowerBound
    for _ in 1..<column {
      guard index < line.upperBound else { return nil }
      index += scalarLength(bytes[index])
    }
    return index <= line.upperBound ? index : nil
  }

  /// The length of the UTF-8 sequence a lead byte starts (1 for anything else).
  private static func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...0xF7: 4
    case 0xE0...0xEF: 3
    case 0xC0...0xDF: 2
    default: 1
    }
  }
}
