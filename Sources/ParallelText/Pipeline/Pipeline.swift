import CICUShim

/// The whole path for one input: bytes → segments → scripts → units → findings.
public struct Pipeline: Sendable {
  private let reader = Reader()
  private let detector: ScriptDetector
  private let aligner: Aligner
  private let checker: Checker

  /// Creates a pipeline over the given Han variant tables.
  public init(variants: HanVariants = .icu) {
    detector = ScriptDetector(variants: variants)
    aligner = Aligner(variants: variants)
    checker = Checker(variants: variants)
  }

  /// Reads, labels, aligns and checks a file's bytes; ids start at the given numbers.
  public func process(
    bytes: some Collection<UInt8>, file: String, firstSegmentID: Int = 1, firstUnitID: Int = 1
  ) throws(TextDecodingError) -> Document {
    process(
      text: try TextDecoder.decode(bytes), file: file, firstSegmentID: firstSegmentID, firstUnitID: firstUnitID)
  }

  /// Reads, labels, aligns and checks decoded text.
  public func process(text: String, file: String, firstSegmentID: Int = 1, firstUnitID: Int = 1) -> Document {
    let segments = detector.label(reader.read(text: text, file: file), firstID: firstSegmentID)
    let document = Document(file: file, segments: segments)
    return finish(document, firstUnitID: firstUnitID)
  }

  /// Reads, labels, aligns and checks several decoded files as one document (one file per
  /// language, or any set the caller groups): segments keep their own file, so a unit can
  /// span files.
  public func process(
    texts: [(file: String, text: String)], firstSegmentID: Int = 1, firstUnitID: Int = 1
  ) -> Document {
    var segments: [Segment] = []
    for (file, text) in texts {
      segments += detector.label(reader.read(text: text, file: file), firstID: firstSegmentID + segments.count)
    }
    var document = Document(file: texts.map(\.file).joined(separator: " + "), segments: segments)
    document.files = texts.map(\.file)
    return finish(document, firstUnitID: firstUnitID)
  }

  /// Aligns and checks a document whose segments are read and labelled.
  func finish(_ document: Document, firstUnitID: Int) -> Document {
    var document = document
    let alignment = aligner.alignment(of: document.segments, firstUnitID: firstUnitID)
    document.units = alignment.units
    document.findings = (checker.check(document) + alignment.findings(segment: document.segment)).sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
    return document
  }
}

/// The version of the ICU library in use, e.g. "72.1".
public let icuVersion = String(cString: ptx_icu_version())
