/// A finding's identity across runs: the same defect keeps its fingerprint when lines are added
/// above it or other paragraphs change, so baselines and code scanning can track it.
///
/// It hashes the rule, the file, the quoted text (`actual`, `expected`) and a few characters
/// of the finding's own paragraph around it, never line or column numbers; identical
/// findings in one file are told apart by their order.
public struct Fingerprint: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// 16 lowercase hexadecimal digits (FNV-1a, 64 bits) and the occurrence, e.g. `3f2a…:1`.
  public let value: String

  /// Wraps a stored fingerprint.
  public init(_ value: String) { self.value = value }

  public var description: String { value }

  public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool { lhs.value < rhs.value }

  /// The number of characters on each side of the finding that join its identity.
  static let contextLength = 8

  /// The fingerprints of a document's findings, in the order of `document.findings`;
  /// `file` is the path to record (e.g. relative to the repository), default the document's.
  public static func of(_ document: Document, file: String? = nil) -> [Fingerprint] {
    var seen: [UInt64: Int] = [:]
    let locator = SegmentLocator(document)
    return document.findings.map { finding in
      var hasher = FNV1a()
      for part in [
        finding.rule, file ?? document.file, finding.actual ?? "", finding.expected ?? "",
        context(of: finding, locator),
      ] {
        hasher.add(part)
        hasher.add("\u{1F}")
      }
      let occurrence = seen[hasher.value, default: 0] + 1
      seen[hasher.value] = occurrence
      let hex = String(hasher.value, radix: 16)
      return Fingerprint(String(repeating: "0", count: 16 - hex.count) + hex + ":\(occurrence)")
    }
  }

  /// The text of the finding's segment (in the finding's own file) around the finding.
  private static func context(of finding: Finding, _ locator: SegmentLocator) -> String {
    guard let segment = locator.segment(at: finding.range.start, in: finding.range.file) else { return "" }
    let scalars = Array(segment.text.unicodeScalars)
    let start = segment.positions.firstIndex { $0 >= finding.range.start } ?? 0
    let end = segment.positions.firstIndex { $0 >= finding.range.end } ?? scalars.count
    let lower = max(0, start - contextLength)
    let upper = min(scalars.count, max(end, start + 1) + contextLength, lower + 4 * contextLength)
    guard lower < upper else { return "" }
    return String(scalars: scalars[lower..<upper])
  }
}

/// The 64-bit FNV-1a hash over UTF-8 bytes: small, stable across runs and platforms.
struct FNV1a {
  private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func add(_ text: String) {
    for byte in text.utf8 {
      value ^= UInt64(byte)
      value = value &* 0x0000_0100_0000_01b3
    }
  }
}
