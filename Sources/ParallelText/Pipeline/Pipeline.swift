import CICUShim
import Dispatch

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
    var whole = Document(file: file, segments: [])
    try process(pairs: bytes, file: file, partSize: .max, firstSegmentID: firstSegmentID, firstUnitID: firstUnitID) {
      whole.segments += $0.segments
      whole.units += $0.units
      whole.findings += $0.findings
    }
    return whole
  }

  /// Reads and checks a pair set a part at a time, each part about `partSize` bytes of whole
  /// lines: `body` gets the parts' documents in order, line numbers and ids continuing, so
  /// memory stays bounded however large the set. The whole set is decoded and its lines
  /// checked first: bad input throws before any part is read.
  public func process(
    pairs bytes: some Collection<UInt8>, file: String, partSize: Int, firstSegmentID: Int = 1, firstUnitID: Int = 1,
    parts body: (Document) throws -> Void
  ) throws {
    try Self.withUTF8(of: bytes) { utf8 in
      try process(
        pairs: utf8, file: file, partSize: partSize, firstSegmentID: firstSegmentID, firstUnitID: firstUnitID,
        omittingClean: false
      ) { document, _ in try body(document) }
    }
  }

  /// Checks a pair set a part at a time for its findings alone: as
  /// ``process(pairs:file:partSize:firstSegmentID:firstUnitID:parts:)``, but the pairs found
  /// to have nothing to report as they are read (nearly all of a good translation memory)
  /// get no segments nor unit: a part's document holds the other pairs, with the ids they
  /// have in the whole set. `body` also gets the number of pairs in the part.
  public func processForFindings(
    pairs bytes: some Collection<UInt8>, file: String, partSize: Int,
    parts body: (Document, _ pairs: Int) throws -> Void
  ) throws {
    try Self.withUTF8(of: bytes) { utf8 in
      try process(
        pairs: utf8, file: file, partSize: partSize, firstSegmentID: 1, firstUnitID: 1, omittingClean: true,
        parts: body)
    }
  }

  /// Calls `body` with the text's valid UTF-8: UTF-8 (nearly always) where it lies, UTF-16
  /// decoded to UTF-8 first.
  private static func withUTF8(
    of bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
  ) throws {
    let array = Array(bytes)
    try array.withUnsafeBufferPointer { buffer in
      if let range = try TextDecoder.utf8Text(buffer) {
        try body(UnsafeBufferPointer(rebasing: buffer[range]))
      } else {
        var text = try TextDecoder.decode(buffer)
        try text.withUTF8 { try body($0) }
      }
    }
  }

  private func process(
    pairs utf8: UnsafeBufferPointer<UInt8>, file: String, partSize: Int, firstSegmentID: Int, firstUnitID: Int,
    omittingClean: Bool, parts body: (Document, Int) throws -> Void
  ) throws {
    let reader = PairSetReader()
    if let error = reader.firstError(utf8: utf8) { throw error }
    let sorter = omittingClean ? checker.pairSorter() : nil
    var start = 0
    var line = 1
    var segmentID = firstSegmentID
    var unitID = firstUnitID
    // Parts are read here, in order, and checked on other threads one part ahead: while
    // `body` writes one part's findings, the next part is being checked.
    var checking: (check: PendingCheck, pairs: Int)?
    repeat {
      // A part ends after a line feed, so no line (nor a CR LF pair) is split.
      var end = partSize >= utf8.count - start ? utf8.count : start + partSize
      while end < utf8.count, utf8[end - 1] != 0x0A { end += 1 }
      let part = UnsafeBufferPointer(rebasing: utf8[start..<end])
      let pairs = try reader.read(utf8: part, file: file, firstLine: line, sorting: sorter)
      // Pair k of the part has ids 2k − 1 and 2k in it: segmentID + 2k − 2 and
      // segmentID + 2k − 1 in the whole set, and unit unitID + k − 1.
      var segments = pairs.segments
      for index in segments.indices { segments[index].id += segmentID - 1 }
      var document = Document(file: file, segments: segments)
      document.units = stride(from: 0, to: segments.count, by: 2).map { index in
        let (hans, hant) = (segments[index].id, segments[index + 1].id)
        return Unit(
          id: unitID + (hans - segmentID) / 2, segments: [.simplified: [hans], .traditional: [hant]], confidence: 1)
      }
      let next = PendingCheck(
        document, checker: checker, plainlyFaithful: Set(pairs.marked.map { unitID + $0 - 1 }))
      if let previous = checking { try body(previous.check.wait(), previous.pairs) }
      checking = (next, pairs.count)
      segmentID += 2 * pairs.count
      unitID += pairs.count
      line += pairs.lines
      start = end
    } while start < utf8.count
    if let last = checking { try body(last.check.wait(), last.pairs) }
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

/// A document being checked on another thread; `wait()` returns it with its findings.
private final class PendingCheck: @unchecked Sendable {
  private let done = DispatchGroup()
  // Written by the checking thread only, read only after `done` is signalled.
  private var document: Document

  init(_ document: Document, checker: Checker, plainlyFaithful: Set<Int>) {
    self.document = document
    done.enter()
    DispatchQueue.global().async {
      self.document.findings = checker.check(self.document, plainlyFaithful: plainlyFaithful)
      self.done.leave()
    }
  }

  func wait() -> Document {
    done.wait()
    return document
  }
}
