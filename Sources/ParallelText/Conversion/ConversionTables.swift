#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Simplified/Traditional knowledge from OpenCC's dictionaries (shipped as package
/// resources, Apache-2.0): character candidates and about 49,000 phrases in each
/// direction, and the Taiwan and Hong Kong variant characters and vocabulary.
public final class ConversionTables: Sendable {
  /// Simplified characters and phrases → Traditional candidates (preferred first).
  public let toTraditional: PhraseTrie
  /// Traditional characters and phrases → Simplified candidates.
  public let toSimplified: PhraseTrie
  /// OpenCC standard Traditional character → the Taiwan form (爲 → 為, 裏 → 裡, 着 → 著).
  public let taiwanVariants: [UInt32: UInt32]
  /// OpenCC standard Traditional character → the Hong Kong form (爲 → 為, 裏 stays).
  public let hongKongVariants: [UInt32: UInt32]
  /// Regional vocabulary by standard Traditional phrase (軟件 → 軟體).
  public let taiwanPhrases: PhraseTrie
  /// Hong Kong vocabulary by standard Traditional phrase.
  public let hongKongPhrases: PhraseTrie
  /// Regional vocabulary by Simplified phrase (软件 → 軟體), Taiwan and Hong Kong together.
  public let regionalPhrasesBySimplified: PhraseTrie
  /// Traditional words that CC-CEDICT writes and OpenCC's phrases do not, by Simplified word
  /// (回归 → 回歸 beside OpenCC's 迴歸, 周期 → 週期); empty when the list is not shipped.
  public let traditionalWords: PhraseTrie
  /// Taiwan or Hong Kong form → OpenCC's standard form (為 → 爲, 裡 → 裏).
  public let standardForms: [UInt32: UInt32]
  /// Keys of `standardForms` that are also OpenCC's usual Traditional form of their
  /// Simplified character (参 → 參, though Taiwan writes ginseng, 蔘, as 參; 才, 核, 針):
  /// standard characters in their own right, which Traditional text writes for their own
  /// meaning, so no regional form where they stand.
  public let standardInTheirOwnRight: Set<UInt32>
  /// Characters with a regional form or standard form (keys of `standardForms`,
  /// `taiwanVariants` or `hongKongVariants`) as a bit set below `tableLimit`.
  private let regionalBits: [UInt64]
  /// ``contextDependence``, from the snapshot or worked out on first use.
  private let contextDependenceOnce: ComputedOnce<ContextDependence>

  /// The tables from the dictionaries shipped with the package, loaded on first use. The
  /// process stops when they are missing or unreadable: a caller that may run without the
  /// package's data asks ``missingDataReason`` first, as `Batch` and `JSONLines` do.
  public static let openCC: ConversionTables = {
    do {
      return try ConversionTables(directory: resourceDirectory())
    } catch {
      fatalError("ParallelText's OpenCC dictionaries are missing or unreadable: \(error)")
    }
  }()

  /// Why ``openCC`` cannot be loaded (the package's data folder is not where it is looked
  /// for, see ``resourceDirectory()``), in one line for the user; nil when the dictionaries
  /// are there. Looked up once, without loading them.
  public static let missingDataReason: String? = {
    do {
      let directory = try resourceDirectory()
      return holdsDictionaries(directory) ? nil : "OpenCC's dictionaries are not in \(directory.path)"
    } catch {
      return "\(error)"
    }
  }()

  /// Whether `folder` holds OpenCC's dictionaries (tested by the first of them).
  static func holdsDictionaries(_ folder: URL) -> Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(snapshotSources[0]).txt").path)
  }

  /// Starts loading `openCC` on another thread, so that it overlaps the rest of start-up
  /// (ICU's variant tables, reading the input); a later use of `openCC` waits for it.
  /// Calling it again does nothing.
  public static func startLoading() { _ = loadingStarted }

  /// ``startLoading()``, then, with `withContextDependence`, works out the tables'
  /// ``contextDependence`` on another thread (a large pair set's check needs it before its
  /// first pair: worked out meanwhile, it is ready when the set has been read and counted).
  public static func startLoading(withContextDependence: Bool) {
    startLoading()
    if withContextDependence { _ = contextDependenceStarted }
  }

  /// Queued once, by the first ``startLoading()``.
  private static let loadingStarted: Void = BackgroundLoading.enqueue {
    if missingDataReason == nil { _ = openCC }
  }

  /// Queued once, by the first ``startLoading(withContextDependence:)`` asking for it.
  private static let contextDependenceStarted: Void = BackgroundLoading.enqueue {
    if missingDataReason == nil { _ = openCC.contextDependence }
  }

  /// The folder holding the shipped dictionaries: the one `PARALLELTEXT_OPENCC_DIR` names, else
  /// `OpenCC` in the package's data folder (beside the executable, or where
  /// `PARALLELTEXT_RESOURCES` says).
  public static func resourceDirectory() throws -> URL {
    if let override = Environment.value("PARALLELTEXT_OPENCC_DIR") { return URL(fileURLWithPath: override) }
    guard let url = PackageResources.url("OpenCC") else { throw MissingData(PackageResources.missingMessage) }
    return url
  }

  /// The package's data is not where it is looked for.
  private struct MissingData: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }

  /// Loads the tables from a folder of OpenCC dictionary text files.
  public convenience init(directory: URL) throws {
    try self.init(directory: directory, usingSnapshots: true)
  }

  /// The tries and the context dependence come from the folder's snapshot
  /// (``snapshotName``) when it was built from files of the sizes there, unless
  /// `usingSnapshots` is false; else from the text files.
  convenience init(directory: URL, usingSnapshots: Bool) throws {
    let variants = try Variants(directory: directory)
    let loaded = usingSnapshots ? try Self.snapshot(in: directory).flatMap { Self.parts(of: $0, variants) } : nil
    self.init(try loaded ?? Self.built(from: directory, variants))
  }

  /// Everything the tables hold, loaded or built.
  private struct Parts {
    var toTraditional, toSimplified, taiwanPhrases, hongKongPhrases: PhraseTrie
    var regionalPhrasesBySimplified, traditionalWords: PhraseTrie
    var variants: Variants
    var contextDependence: ContextDependence?
  }

  /// The regional variant characters, from their small text files.
  private struct Variants {
    var taiwan, hongKong, standardForms: [UInt32: UInt32]

    init(directory: URL) throws {
      let taiwanList = try ConversionTables.read(["TWVariants"], in: directory)
      let hongKongList = try ConversionTables.read(["HKVariants"], in: directory)
      taiwan = ConversionTables.characterMap(taiwanList)
      hongKong = ConversionTables.characterMap(hongKongList)
      standardForms = ConversionTables.standardForms(taiwanList + hongKongList)
    }
  }

  private init(_ parts: Parts) {
    toTraditional = parts.toTraditional
    toSimplified = parts.toSimplified
    taiwanPhrases = parts.taiwanPhrases
    hongKongPhrases = parts.hongKongPhrases
    regionalPhrasesBySimplified = parts.regionalPhrasesBySimplified
    traditionalWords = parts.traditionalWords
    taiwanVariants = parts.variants.taiwan
    hongKongVariants = parts.variants.hongKong
    let standardForms = parts.variants.standardForms
    self.standardForms = standardForms
    standardInTheirOwnRight = Set(
      standardForms.keys.filter { form in
        let simplified: UInt32
        switch Self.usualForm(form, in: parts.toSimplified) {
        case .itself: simplified = form
        case .character(let character): simplified = character
        case .several: return false
        }
        return Self.usualForm(simplified, in: parts.toTraditional) == .character(form)
      })
    var bits = [UInt64](repeating: 0, count: Self.tableLimit / 64)
    for map in [standardForms, taiwanVariants, hongKongVariants] {
      for key in map.keys where key < UInt32(Self.tableLimit) { bits[Int(key / 64)] |= 1 << (key % 64) }
    }
    regionalBits = bits
    contextDependenceOnce = ComputedOnce(parts.contextDependence)
  }

  /// The named dictionaries of `directory`, in order, as one list.
  private static func read(_ names: [String], in directory: URL) throws -> PhraseList {
    var list = PhraseList()
    for name in names {
      let data = try Data(contentsOf: directory.appendingPathComponent("\(name).txt"), options: .mappedIfSafe)
      data.withUnsafeBytes { list.appendOpenCC($0) }
    }
    return list
  }

  /// The tries built from the text files (the context dependence is worked out on first use).
  private static func built(from directory: URL, _ variants: Variants) throws -> Parts {
    let tsCharacters = try read(["TSCharacters"], in: directory)
    let taiwanPhraseList = try read(["TWPhrases"], in: directory)
    let hongKongPhraseList = try read(["HKPhrases"], in: directory)
    var simplifiedOf: [UInt32: UInt32] = [:]
    for (index, key) in tsCharacters.keys.enumerated() where key.count == 1 {
      let span = tsCharacters.candidateSpans[Int(tsCharacters.candidates[index].lowerBound)]
      simplifiedOf[tsCharacters.scalars[Int(key.lowerBound)]] = tsCharacters.scalars[Int(span.lowerBound)]
    }
    let regional = (taiwanPhraseList + hongKongPhraseList).mappingKeys { simplifiedOf[$0] ?? $0 }
    var words = PhraseList()
    if let url = traditionalWordsURL {
      let data = try Data(contentsOf: url, options: .mappedIfSafe)
      data.withUnsafeBytes { words.appendOpenCC($0) }
    }
    return Parts(
      toTraditional: PhraseTrie(try read(["STCharacters", "STPhrases"], in: directory)),
      toSimplified: PhraseTrie(tsCharacters + (try read(["TSPhrases"], in: directory))),
      taiwanPhrases: PhraseTrie(taiwanPhraseList), hongKongPhrases: PhraseTrie(hongKongPhraseList),
      regionalPhrasesBySimplified: PhraseTrie(regional), traditionalWords: PhraseTrie(words), variants: variants,
      contextDependence: nil)
  }

  /// The list of Traditional words from CC-CEDICT, if shipped.
  private static var traditionalWordsURL: URL? {
    PackageResources.url("Lexicon/zh-Hant-words.txt")
  }

  /// The snapshot of the tables beside the dictionaries: their tries and context dependence
  /// (``TableSnapshot``), keyed by the sizes of the text files they are built from.
  static let snapshotName = "tables.snapshot"
  static let snapshotMagic = Array("PTXOPCC1".utf8)
  static let snapshotVersion: UInt64 = 4

  /// The dictionaries the snapshot is built from, in order (with the word list after them).
  static let snapshotSources = [
    "STCharacters", "STPhrases", "TSCharacters", "TSPhrases", "TWVariants", "HKVariants", "TWPhrases", "HKPhrases",
  ]

  /// The snapshot's key: the byte sizes of its sources in `directory` and of the word list.
  static func snapshotKey(in directory: URL) throws -> UInt64 {
    var sizes = try snapshotSources.map { name in
      let path = directory.appendingPathComponent("\(name).txt").path
      guard let size = TableBytes.size(ofFile: path) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: ["NSFilePath": path])
      }
      return UInt64(size)
    }
    sizes.append(UInt64(traditionalWordsURL.flatMap { TableBytes.size(ofFile: $0.path) } ?? 0))
    return TableSnapshot.key(sizes)
  }

  /// The mapped snapshot file in `directory`, if there is one.
  private static func snapshot(in directory: URL) throws -> (bytes: TableBytes, key: UInt64)? {
    let key = try snapshotKey(in: directory)
    return TableBytes(mapping: directory.appendingPathComponent(snapshotName).path).map { ($0, key) }
  }

  /// The tries and context dependence in a snapshot, if it is one of this format built
  /// from these sources and its tries hold together; else nil.
  private static func parts(of snapshot: (bytes: TableBytes, key: UInt64), _ variants: Variants) -> Parts? {
    guard
      var reader = TableSnapshot.Reader(
        snapshot.bytes.bytes, magic: snapshotMagic, version: snapshotVersion, key: snapshot.key)
    else { return nil }
    var tries: [PhraseTrie] = []
    for _ in snapshotTries {
      guard let layout = PhraseTrieSnapshot.layout(from: &reader) else { return nil }
      tries.append(PhraseTrie(storage: snapshot.bytes, layout: layout))
    }
    guard let dependence = ContextDependence(from: &reader, in: snapshot.bytes), reader.isAtEnd else { return nil }
    // In the order of `snapshotTries`.
    return Parts(
      toTraditional: tries[0], toSimplified: tries[1], taiwanPhrases: tries[2], hongKongPhrases: tries[3],
      regionalPhrasesBySimplified: tries[4], traditionalWords: tries[5], variants: variants,
      contextDependence: dependence)
  }

  /// The tries a snapshot holds, in its order.
  static var snapshotTries: [KeyPath<ConversionTables, PhraseTrie>] {
    [
      \.toTraditional, \.toSimplified, \.taiwanPhrases, \.hongKongPhrases, \.regionalPhrasesBySimplified,
      \.traditionalWords,
    ]
  }

  /// The snapshot of these tables (with their context dependence, worked out now if it is
  /// not yet), for a folder whose sources have `key`.
  func snapshotBytes(key: UInt64) -> [UInt8] {
    var writer = TableSnapshot.Writer(magic: Self.snapshotMagic, version: Self.snapshotVersion, key: key)
    for trie in Self.snapshotTries { PhraseTrieSnapshot.put(self[keyPath: trie].arrays, into: &writer) }
    contextDependence.put(into: &writer)
    return writer.finished()
  }

  /// OpenCC's standard form of a Traditional character (爲 for 為), else the character.
  @inline(__always)
  public func standardForm(_ scalar: UInt32) -> UInt32 {
    // Most characters have no other form: the small bit set answers for them without
    // looking them up (a table indexed by scalar instead cost 190 page faults a load).
    mayHaveRegionalForm(scalar) ? standardForms[scalar] ?? scalar : scalar
  }

  /// True when the Traditional character `written` may stand where `expected` is expected:
  /// the same character, a regional form of it (為 for 爲, 鯰 for 鮎), or another form of the
  /// same standard character, unless `expected` is a standard character in its own right
  /// (蔘, ginseng, does not stand for 參 in 參數, though Taiwan writes 蔘 as 參: see
  /// ``standardInTheirOwnRight``). Not symmetric: 參 stands for 蔘.
  @inline(__always)
  public func stands(_ written: UInt32, for expected: UInt32) -> Bool {
    if written == expected { return true }
    let form = standardForm(written)
    return form == expected || (form == standardForm(expected) && !standardInTheirOwnRight.contains(expected))
  }

  /// True when each of `a` and `b` stands for the other wherever it stands (``stands(_:for:)``
  /// both ways): a phrase writing one where the other is usual says nothing new.
  func interchangeable(_ a: UInt32, _ b: UInt32) -> Bool {
    stands(a, for: b) && stands(b, for: a)
  }

  /// Which Simplified characters' Traditional form depends on context (发: 头发 → 頭髮, 发现 →
  /// 發現): from the snapshot, or worked out on first use from the phrases (about 16 M
  /// instructions) when the tables were built from their text.
  public var contextDependence: ContextDependence {
    contextDependenceOnce.value { ContextDependence(toTraditional, interchangeable: interchangeable) }
  }

  /// ``contextDependence`` if something already asked for it, else nil (never computes).
  public var contextDependenceIfComputed: ContextDependence? { contextDependenceOnce.valueIfComputed }

  /// A character's usual form in a conversion trie.
  enum UsualForm: Equatable {
    /// No entry: the character itself, exactly.
    case itself
    /// The first candidate, one character.
    case character(UInt32)
    /// The first candidate is several characters: no single character is usual.
    case several
  }

  /// The usual form of `scalar` in `trie` (its first candidate).
  static func usualForm(_ scalar: UInt32, in trie: PhraseTrie) -> UsualForm {
    let entry = trie.entryIndex(for: scalar)
    guard entry >= 0 else { return .itself }
    return trie.candidateLength(entry, 0) == 1 ? .character(trie.candidateScalar(entry, 0, of: 0)) : .several
  }

  /// False when `scalar` has no entry in `standardForms`, `taiwanVariants` or
  /// `hongKongVariants` (a fast test before looking those up).
  @inline(__always)
  public func mayHaveRegionalForm(_ scalar: UInt32) -> Bool {
    scalar >= UInt32(Self.tableLimit) || regionalBits[Int(scalar / 64)] & (1 << (scalar % 64)) != 0
  }

  /// Scalars below this have their standard form in a table.
  static let tableLimit = 0x3_0000

  /// Every regional form of each file's characters → the standard form.
  private static func standardForms(_ list: PhraseList) -> [UInt32: UInt32] {
    var map: [UInt32: UInt32] = [:]
    for (index, key) in list.keys.enumerated() where key.count == 1 {
      let source = list.scalars[Int(key.lowerBound)]
      for span in list.candidates[index] {
        let range = list.candidateSpans[Int(span)]
        let target = list.scalars[Int(range.lowerBound)]
        if range.count == 1, target != source, map[target] == nil { map[target] = source }
      }
    }
    return map
  }

  private static func characterMap(_ list: PhraseList) -> [UInt32: UInt32] {
    var map: [UInt32: UInt32] = [:]
    for (index, key) in list.keys.enumerated() where key.count == 1 {
      let span = list.candidateSpans[Int(list.candidates[index].lowerBound)]
      let source = list.scalars[Int(key.lowerBound)]
      let target = list.scalars[Int(span.lowerBound)]
      if span.count == 1, source != target { map[source] = target }
    }
    return map
  }
}
