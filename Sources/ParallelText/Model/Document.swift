/// One read document: its segments, and after alignment and checks, its units and findings.
public struct Document: Sendable {
  /// The file name as given by the user (`-` for standard input).
  public var file: String
  /// The files the document was read from (several when one file per language).
  public var files: [String]
  /// Segments in document order.
  public var segments: [Segment]
  /// Aligned units in document order.
  public var units: [Unit]
  /// Findings, ordered by position.
  public var findings: [Finding]

  /// Creates a document.
  public init(file: String, segments: [Segment], units: [Unit] = [], findings: [Finding] = []) {
    self.file = file
    self.files = [file]
    self.segments = segments
    self.units = units
    self.findings = findings
  }

  /// The segment with the given id.
  public func segment(_ id: Int) -> Segment? {
    guard let first = segments.first else { return nil }
    // Ids are usually consecutive: the segment is at its offset from the first.
    if id >= first.id, id - first.id < segments.count, segments[id - first.id].id == id {
      return segments[id - first.id]
    }
    // Ids with gaps (a pair set's part without its clean pairs) are still in order: a binary
    // search finds the segment. Segments out of order are searched one by one.
    let index = segments.firstIndex(after: { $0.id < id })
    if index < segments.count, segments[index].id == id { return segments[index] }
    return segments.first { $0.id == id }
  }
}

/// A document's segments by file, each file's in order of position, so that the segments at
/// a place are found by binary search in that place's own file (a statement read one file
/// per language has the same lines and columns in each). A file's segments do not overlap.
struct SegmentLocator {
  private var byFile: [String: [Segment]] = [:]

  /// The locator of a document's segments.
  init(_ document: Document) {
    for segment in document.segments { byFile[segment.range.file, default: []].append(segment) }
    for file in byFile.keys { byFile[file]!.sort { $0.range.start < $1.range.start } }
  }

  /// The segments of `range`'s file that share a position with it.
  func segments(overlapping range: SourceRange) -> [Segment] {
    let segments = byFile[range.file] ?? []
    return segments[segments.firstIndex(after: { $0.range.end <= range.start })...]
      .prefix { $0.range.start < range.end }
      .filter { range.start < $0.range.end }
  }

  /// The segment of `file` that holds `position`, if any.
  func segment(at position: SourcePosition, in file: String) -> Segment? {
    let segments = byFile[file] ?? []
    let index = segments.firstIndex(after: { $0.range.end <= position })
    guard index < segments.count, segments[index].range.start <= position else { return nil }
    return segments[index]
  }
}

extension RandomAccessCollection where Index == Int {
  /// The index of the first element for which `isBefore` is false (the end index if none),
  /// by binary search: the elements must be ordered so that those it holds for come first.
  func firstIndex(after isBefore: (Element) -> Bool) -> Int {
    var low = startIndex
    var high = endIndex
    while low < high {
      let middle = (low + high) / 2
      if isBefore(self[middle]) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
