import Dispatch

/// Processes many inputs on all cores and returns documents in input order, with segment and
/// unit ids numbered across them as if they had been processed one after another.
public struct Batch: Sendable {
  /// One input: a name for messages and output, and its bytes (or why it could not be read).
  public struct Input: Sendable {
    /// The file name as the user gave it (`-` for standard input).
    public var file: String
    /// The bytes, or the reason reading failed.
    public var bytes: Result<[UInt8], InputError>
    /// Further files of the same document (one file per language), read with this one.
    public var companions: [Input]

    /// Creates an input.
    public init(file: String, bytes: Result<[UInt8], InputError>, companions: [Input] = []) {
      self.file = file
      self.bytes = bytes
      self.companions = companions
    }
  }

  /// An input that could not be read or decoded.
  public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input's name.
    public var file: String
    /// Why, e.g. `not a text file (invalid UTF-8 at byte 0)`.
    public var reason: String

    /// Creates an error.
    public init(file: String, reason: String) {
      self.file = file
      self.reason = reason
    }

    /// `FILE: reason`.
    public var description: String { "\(file): \(reason)" }
  }

  /// The cores this process may use (its CPU affinity, as `taskset` sets it): a batch runs
  /// this many inputs at once.
  public static var cores: Int { ConcurrentChunks.cores }

  private let makePipeline: @Sendable (TraditionalStandard) -> Pipeline
  /// The pipelines made so far, by standard (making one costs nearly a million
  /// instructions: one per standard serves every input).
  private let pipelines = PipelinesMade()
  /// Whether inputs are pair sets (tab-separated Simplified/Traditional pairs) rather than
  /// statements.
  public var readsPairSets: Bool

  /// Creates a batch over a pipeline per Traditional standard.
  public init(
    pipeline: @escaping @Sendable (TraditionalStandard) -> Pipeline = { Pipeline(standard: $0) },
    readsPairSets: Bool = false
  ) {
    self.makePipeline = pipeline
    self.readsPairSets = readsPairSets
  }

  /// Processes each input with its settings; results come back in input order.
  public func process(_ inputs: [(input: Input, settings: Settings)]) -> [Result<Document, InputError>] {
    if inputs.contains(where: { Self.mayHoldHan($0.input) }) { startLoadingTables() }
    let pipelines = Dictionary(
      uniqueKeysWithValues: Set(inputs.map(\.settings.standard)).map { ($0, pipeline($0)) })
    let results = ConcurrentChunks.map(inputs.count) { index in
      let (input, settings) = inputs[index]
      return document(input, settings, pipelines[settings.standard]!)
    }
    var nextSegment = 1
    var nextUnit = 1
    return results.map { result in
      result.map { document in
        let renumbered = document.renumbered(firstSegmentID: nextSegment, firstUnitID: nextUnit)
        nextSegment += document.segments.count
        nextUnit += document.units.count
        return renumbered
      }
    }
  }

  /// Starts processing one input with its settings on another thread, as ``process(_:)``
  /// processes each of its inputs (ids from 1); `result()` of what it returns waits for the
  /// document. A caller that keeps a few inputs per core in flight and takes their results in
  /// order processes a corpus of any length on all cores, without waiting at the end of each
  /// batch for its slowest input, and holds only the documents in flight.
  public func start(_ input: Input, settings: Settings) -> InFlight {
    if Self.mayHoldHan(input) { startLoadingTables() }
    let pipeline = pipeline(settings.standard)
    return InFlight { document(input, settings, pipeline) }
  }

  /// An input being processed on another thread (``start(_:settings:)``).
  public final class InFlight: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written by the processing thread only, read only after `done` is left.
    private var document: Result<Document, InputError>?

    fileprivate init(_ work: @escaping @Sendable () -> Result<Document, InputError>) {
      done.enter()
      DispatchQueue.global().async {
        self.document = work()
        self.done.leave()
      }
    }

    /// The input's document (or why it could not be processed), once processed.
    public func result() -> Result<Document, InputError> {
      done.wait()
      return document!
    }
  }

  /// The pipeline for `standard`, made on first use.
  private func pipeline(_ standard: TraditionalStandard) -> Pipeline {
    pipelines.pipeline(standard, makePipeline)
  }

  /// The document of one input, its settings applied, processed by `pipeline`.
  private func document(_ input: Input, _ settings: Settings, _ pipeline: Pipeline) -> Result<Document, InputError> {
    if let error = Self.missingData(for: input) { return .failure(error) }
    switch input.bytes {
    case .failure(let error):
      return .failure(error)
    case .success where !input.companions.isEmpty:
      return Self.decodeAll([input] + input.companions).map { settings.apply(to: pipeline.process(texts: $0)) }
    case .success(let bytes):
      do {
        let document =
          readsPairSets
          ? try pipeline.process(pairs: bytes, file: input.file) : try pipeline.process(bytes: bytes, file: input.file)
        return .success(settings.apply(to: document))
      } catch {
        return .failure(InputError(file: input.file, reason: "\(error)"))
      }
    }
  }

  /// Starts loading the tables an input with Han characters needs: statements are aligned
  /// with the word list first, then checked with OpenCC's tables.
  private func startLoadingTables() {
    if !readsPairSets { Lexicon.startLoading() }
    ConversionTables.startLoading()
    WordBoundaries.startLoading()
  }

  /// Checks one pair set a part at a time for its findings alone
  /// (``Pipeline/processForFindings(pairs:file:partSize:parts:)``): `body` gets each part's
  /// document, settings applied, holding the pairs that may have findings, and the part's
  /// number of pairs, in order, so that memory stays bounded however large the set. Returns
  /// why the input could not be processed (before any part), or nil.
  public func processPairSet(
    _ input: Input, settings: Settings, partSize: Int, parts body: (Document, _ pairs: Int) -> Void
  ) -> InputError? {
    processPairSet(input, settings: settings, partSize: partSize, preparing: { ($0, $1) }, parts: { body($0.0, $0.1) })
  }

  /// ``processPairSet(_:settings:partSize:parts:)``, with each part's document (settings
  /// applied) and number of pairs first turned by `prepare` into what `body` gets, on the
  /// thread that checked the part
  /// (``Pipeline/processForFindings(pairs:file:partSize:preparing:parts:)``).
  public func processPairSet<Part: Sendable>(
    _ input: Input, settings: Settings, partSize: Int,
    preparing prepare: @escaping @Sendable (_ part: Document, _ pairs: Int) -> Part, parts body: (Part) -> Void
  ) -> InputError? {
    if let error = Self.missingData(for: input) { return error }
    switch input.bytes {
    case .failure(let error):
      return error
    case .success(let bytes):
      // Read for its findings alone, a pair set's pairs are sorted by the plain path, which
      // needs the context dependence of the tables.
      if Self.mayHoldHan(input) { ConversionTables.startLoading(withContextDependence: true) }
      do {
        try pipeline(settings.standard).processForFindings(
          pairs: bytes, file: input.file, partSize: partSize, preparing: { prepare(settings.apply(to: $0), $1) },
          parts: body)
        return nil
      } catch {
        return InputError(file: input.file, reason: "\(error)")
      }
    }
  }
}

extension Batch {
  /// Whether an input may hold Han characters, so that the tables are worth loading ahead:
  /// a UTF-8 lead byte of U+3000–U+9FFF or U+F900–U+FAFF, or anything not plain UTF-8
  /// (UTF-16 text is decided later, when the tables load on first use).
  fileprivate static func mayHoldHan(_ input: Input) -> Bool {
    ([input] + input.companions).contains { member in
      guard case .success(let bytes) = member.bytes else { return false }
      if bytes.count >= 2, (bytes[0] == 0xFE && bytes[1] == 0xFF) || (bytes[0] == 0xFF && bytes[1] == 0xFE) {
        return true
      }
      return bytes.contains { (0xE3...0xE9).contains($0) || $0 == 0xEF || $0 == 0x00 }
    }
  }

  /// Why `input` cannot be checked here: the package's data (OpenCC's dictionaries) is
  /// missing, as for a copied `align` without its resources, and the input may hold Han
  /// characters (its bytes scanned only then: `start` and `process` scanned them already).
  fileprivate static func missingData(for input: Input) -> InputError? {
    guard let reason = ConversionTables.missingDataReason, mayHoldHan(input) else { return nil }
    return InputError(file: input.file, reason: "cannot check Chinese text: \(reason)")
  }

  /// The decoded texts of a document's files, or the first file that is not text.
  fileprivate static func decodeAll(_ inputs: [Input]) -> Result<[(file: String, text: String)], InputError> {
    var texts: [(file: String, text: String)] = []
    for input in inputs {
      switch input.bytes {
      case .failure(let error): return .failure(error)
      case .success(let bytes):
        do {
          texts.append((input.file, try TextDecoder.decode(bytes)))
        } catch {
          return .failure(InputError(file: input.file, reason: "\(error)"))
        }
      }
    }
    return .success(texts)
  }
}

extension Document {
  /// The same document with segment ids from `firstSegmentID` and unit ids from `firstUnitID`
  /// in order, and every reference (unit segments, repeats, findings) following.
  public func renumbered(firstSegmentID: Int, firstUnitID: Int) -> Document {
    if segments.enumerated().allSatisfy({ $0.element.id == firstSegmentID + $0.offset }),
      units.enumerated().allSatisfy({ $0.element.id == firstUnitID + $0.offset })
    {
      return self
    }
    var segmentMap: [Int: Int] = [:]
    for (index, segment) in segments.enumerated() { segmentMap[segment.id] = firstSegmentID + index }
    var unitMap: [Int: Int] = [:]
    for (index, unit) in units.enumerated() { unitMap[unit.id] = firstUnitID + index }
    var copy = self
    copy.segments = segments.map { segment in
      var segment = segment
      segment.id = segmentMap[segment.id]!
      return segment
    }
    copy.units = units.map { unit in
      var unit = unit
      unit.id = unitMap[unit.id]!
      unit.segments = unit.segments.mapValues { $0.map { segmentMap[$0] ?? $0 } }
      unit.repeatOf = unit.repeatOf.map { unitMap[$0] ?? $0 }
      return unit
    }
    copy.findings = findings.map { finding in
      var finding = finding
      finding.unit = finding.unit.map { unitMap[$0] ?? $0 }
      return finding
    }
    return copy
  }
}

/// The pipelines a batch has made, by standard, shared by the threads that use them.
private final class PipelinesMade: @unchecked Sendable {
  private let lock = Lock()
  private var made: [TraditionalStandard: Pipeline] = [:]

  /// The pipeline for `standard`, made by `make` the first time.
  func pipeline(_ standard: TraditionalStandard, _ make: (TraditionalStandard) -> Pipeline) -> Pipeline {
    lock.lock()
    defer { lock.unlock() }
    if let pipeline = made[standard] { return pipeline }
    let pipeline = make(standard)
    made[standard] = pipeline
    return pipeline
  }
}
