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
    var document = Document(file: file, segments: segments)
    document.units = aligner.align(segments, firstUnitID: firstUnitID)
    document.findings = checker.check(document)
    return document
  }
}

/// The version of the ICU library in use, e.g. "72.1".
public let icuVersion = String(cString: ptx_icu_version())
