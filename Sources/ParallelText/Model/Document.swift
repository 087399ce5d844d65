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
    guard let first = segments.first, id >= first.id, id - first.id < segments.count else {
      return segments.first { $0.id == id }
    }
    let candidate = segments[id - first.id]
    return candidate.id == id ? candidate : segments.first { $0.id == id }
  }
}
