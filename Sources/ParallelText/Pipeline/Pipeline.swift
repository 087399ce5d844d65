import CICUShim

/// The whole path for one input: bytes → segments → scripts → units → findings.
public struct Pipeline: Sendable {
  private let reader = Reader()
  private let detector: ScriptDetector
  private let aligner: Aligner
  private let checker: Checker

  /// Creates a pipeline checking Traditional text against a standard (and, for pair sets,
  /// in a direction), over the given Han variant tables.
  public init(
    standard: TraditionalStandard = .generic, direction: ConversionDirection = .simplifiedToTraditional,
    variants: HanVariants = .icu
  ) {
    detector = ScriptDetector(variants: variants)
    aligner = Aligner(variants: variants)
    checker = Checker(standard: standard, direction: direction, variants: variants)
  }

  /// Reads and checks a pair set (tab-separated Simplified/Traditional pairs); each pair is
  /// one unit.
  public func process(
    pairs bytes: some Collection<UInt8>, file: String, firstSegmentID: Int = 1, firstUnitID: Int = 1
  ) throws -> Document {
    let text = try TextDecoder.decode(bytes)
    var segments = try PairSetReader().read(text: text, file: file)
    for index in segments.indices { segments[index].id = firstSegmentID + index }
    var document = Document(file: file, segments: segments)
    document.units = stride(from: 0, to: segments.count, by: 2).map { index in
      Unit(
        id: firstUnitID + index / 2,
        segments: [.simplified: [segments[index].id], .traditional: [segments[index + 1].id]], confidence: 1)
    }
    document.findings = checker.check(document)
    return document
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
