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

  /// Starts loading, on other threads (`BackgroundLoading`), what checking statements
  /// reads, in the order the pipeline needs it: ICU's variant tables, which every pipeline
  /// needs (labelling scripts), then the tables of Chinese text (the word list, OpenCC's
  /// tables, ICU's Chinese word dictionary), which an English-only statement never uses: they
  /// load on another core meanwhile, and are dropped unused at exit. A caller with other
  /// start-up work (parsing arguments) calls it first. Nothing when the process may use one
  /// core (the tables load when first used).
  public static func startLoadingStatementTables() {
    HanVariants.startLoading()
    Lexicon.startLoading()
    ConversionTables.startLoading()
    WordBoundaries.startLoading()
  }

  /// Starts loading, on other threads (`BackgroundLoading`), what checking a pair set
  /// reads: ICU's variant tables, OpenCC's tables with the context dependence that the plain
  /// path of a large set needs before its first pair, and ICU's Chinese word dictionary. A
  /// caller with other start-up work (parsing arguments) calls it first, so that they load
  /// meanwhile; anything using one still loading waits for it. Calling it again does nothing
  /// more, nor does calling it when the process may use one core (nothing to overlap: the
  /// tables load when first used).
  public static func startLoadingPairSetTables() {
    HanVariants.startLoading()
    ConversionTables.startLoading(withContextDependence: true)
    WordBoundaries.startLoading()
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
      // The part so far: its first piece's document, the others appended.
      var part: Document?
      try forEachPiece(
        of: utf8, file: file, partSize: partSize, firstSegmentID: firstSegmentID, firstUnitID: firstUnitID,
        omittingClean: false, finishing: { document, _ in document }
      ) { document, endsPart in
        if part == nil {
          part = document
        } else {
          part!.segments += document.segments
          part!.units += document.units
          part!.findings += document.findings
        }
        if endsPart, let finished = part {
          part = nil
          try body(finished)
        }
      }
    }
  }

  /// Checks a pair set a part at a time for its findings alone: as
  /// ``process(pairs:file:partSize:firstSegmentID:firstUnitID:parts:)``, but the pairs found
  /// to have nothing to report as they are read (nearly all of a good translation memory)
  /// get no segments nor unit: a part's document holds the other pairs, with the ids they
  /// have in the whole set. Parts are the pieces read on each core: at most `partSize`
  /// bytes, and smaller when the set is (a core's quarter of it, 128 KiB or more). `body`
  /// also gets the number of pairs in the part.
  public func processForFindings(
    pairs bytes: some Collection<UInt8>, file: String, partSize: Int,
    parts body: (Document, _ pairs: Int) throws -> Void
  ) throws {
    try processForFindings(
      pairs: bytes, file: file, partSize: partSize, preparing: { ($0, $1) }, parts: { try body($0.0, $0.1) })
  }

  /// ``processForFindings(pairs:file:partSize:parts:)``, with each part's document and
  /// number of pairs first turned by `prepare` into what `body` gets, on the thread that
  /// checked the part, as soon as it is checked: work on a part's findings done there
  /// (applying settings, rendering them) runs on all cores beside the checking of the
  /// others, instead of on the caller's thread one part after the other, the last parts
  /// after all checking is done.
  public func processForFindings<Part: Sendable>(
    pairs bytes: some Collection<UInt8>, file: String, partSize: Int,
    preparing prepare: @escaping @Sendable (_ part: Document, _ pairs: Int) -> Part,
    parts body: (Part) throws -> Void
  ) throws {
    try Self.withUTF8(of: bytes) { utf8 in
      try forEachPiece(
        of: utf8, file: file, partSize: partSize, firstSegmentID: 1, firstUnitID: 1, omittingClean: true,
        finishing: prepare
      ) { part, _ in try body(part) }
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
        TimeMarks.mark("text validated")
        try body(UnsafeBufferPointer(rebasing: buffer[range]))
      } else {
        var text = try TextDecoder.decode(buffer)
        try text.withUTF8 { try body($0) }
      }
    }
  }

  /// Reads and checks a pair set's pieces on all cores (`PieceWorkers`), some ahead of the
  /// one `body` is given, in order: pieces of a core's quarter of the set or less, never
  /// across a part of about `partSize` bytes (`body` is told which piece ends a part). The
  /// set is counted first (lines and pairs of each piece, which also finds any bad line
  /// before a piece is read), so that every piece knows its first line and ids. Each piece's
  /// document and number of pairs go through `finish` on the thread that checked it.
  private func forEachPiece<Output: Sendable>(
    of utf8: UnsafeBufferPointer<UInt8>, file: String, partSize: Int, firstSegmentID: Int, firstUnitID: Int,
    omittingClean: Bool, finishing finish: @escaping @Sendable (Document, _ pairs: Int) -> Output,
    body: (Output, _ endsPart: Bool) throws -> Void
  ) throws {
    let reader = PairSetReader()
    let cores = ConcurrentChunks.cores
    let pieceSize = min(partSize, max(Self.smallestPiece, utf8.count / (4 * cores)))
    var pieces: [Int] = [0]
    let partBounds = PairSetReader.bounds(utf8, in: 0..<utf8.count, every: partSize)
    for part in 0..<(partBounds.count - 1) {
      pieces += PairSetReader.bounds(utf8, in: partBounds[part]..<partBounds[part + 1], every: pieceSize).dropFirst()
    }
    let partEnds = Set(partBounds.dropFirst())
    let counts = try reader.counts(utf8: utf8, chunks: pieces)
    TimeMarks.mark("pairs counted")
    let sorter = omittingClean ? checker.pairSorter() : nil
    // Where each piece starts in lines and pairs.
    var starts: [(line: Int, pair: Int)] = [(1, 0)]
    for count in counts { starts.append((starts.last!.line + count.lines, starts.last!.pair + count.pairs)) }
    nonisolated(unsafe) let utf8 = utf8
    let workers = PieceWorkers(count: counts.count, window: 4 * cores) { [checker, starts, pieces] piece in
      Self.checkPiece(
        UnsafeBufferPointer(rebasing: utf8[pieces[piece]..<pieces[piece + 1]]), file: file,
        firstLine: starts[piece].line, pairs: counts[piece].pairs,
        firstSegmentID: firstSegmentID + 2 * starts[piece].pair, firstUnitID: firstUnitID + starts[piece].pair,
        reader: reader, sorter: sorter, checker: checker, finish: finish)
    }
    // Pieces in flight hold pointers into `utf8`: stopped, and waited for, however this
    // returns.
    defer { workers.stop() }
    for piece in 0..<counts.count {
      try body(try workers.result(piece).get(), partEnds.contains(pieces[piece + 1]))
      TimeMarks.mark("piece given")
    }
  }

  /// Reads and checks one piece of a pair set: its document (its pairs, or those `sorter`
  /// keeps, as units, with their findings) as `finish` turns it, with the number of pairs.
  private static func checkPiece<Output>(
    _ utf8: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, pairs pairCount: Int, firstSegmentID: Int,
    firstUnitID: Int, reader: PairSetReader, sorter: PairSetReader.PairSorter?, checker: Checker,
    finish: (Document, Int) -> Output
  ) -> Result<Output, PairSetError> {
    // The piece's own copy of the file name, which every segment and finding holds: shared
    // by the pieces, its reference count would be one memory location that all cores update
    // for each segment and finding.
    let file = String(decoding: Array(file.utf8), as: UTF8.self)
    return Result { () throws(PairSetError) in
      var pairs = try reader.read(utf8: utf8, file: file, firstLine: firstLine, pairs: pairCount, sorting: sorter)
      // Pair k of the piece has ids 2k − 1 and 2k in it: firstSegmentID + 2k − 2 and
      // firstSegmentID + 2k − 1 in the whole set, and unit firstUnitID + k − 1.
      for index in pairs.segments.indices { pairs.segments[index].id += firstSegmentID - 1 }
      var document = Document(file: file, segments: pairs.segments)
      document.units = stride(from: 0, to: pairs.segments.count, by: 2).map { index in
        let (hans, hant) = (pairs.segments[index].id, pairs.segments[index + 1].id)
        return Unit(
          id: firstUnitID + (hans - firstSegmentID) / 2, segments: [.simplified: [hans], .traditional: [hant]],
          confidence: 1)
      }
      document.findings = checker.checkPairs(
        document, plainlyFaithful: sorter.map { _ in Set(pairs.marked.map { firstUnitID + $0 - 1 }) })
      return finish(document, pairCount)
    }
  }

  /// The smallest piece of a pair set worth reading and checking on its own: about 1,000
  /// pairs of 20 characters (``Checker/unitsWorthPlainPath``).
  private static let smallestPiece = 128 << 10

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
