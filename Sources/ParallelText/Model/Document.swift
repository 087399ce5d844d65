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
    var low = 0
    var high = segments.count
    while low < high {
      let middle = (low + high) / 2
      if segments[middle].id < id { low = middle + 1 } else { high = middle }
    }
    if low < segments.count, segments[low].id == id { return segments[low] }
    return segments.first { $0.id == id }
  }
}
