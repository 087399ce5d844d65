import Foundation

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
  /// `standardForms` as a table indexed by scalar, for the hot paths.
  private let standardFormTable: [UInt32]
  /// Characters with a regional form or standard form (keys of `standardForms`,
  /// `taiwanVariants` or `hongKongVariants`) as a bit set below `tableLimit`.
  private let regionalBits: [UInt64]
  /// ``contextDependence``, worked out on first use.
  private let contextDependenceOnce = ComputedOnce<ContextDependence>()

  /// The tables from the dictionaries shipped with the package, loaded on first use.
  public static let openCC: ConversionTables = {
    do {
      return try ConversionTables(directory: resourceDirectory())
    } catch {
      fatalError("ParallelText's OpenCC dictionaries are missing or unreadable: \(error)")
    }
  }()

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

  /// Dispatched once, by the first ``startLoading()``.
  private static let loadingStarted: Void = DispatchQueue.global(qos: .userInitiated).async { _ = openCC }

  /// Dispatched once, by the first ``startLoading(withContextDependence:)`` asking for it.
  private static let contextDependenceStarted: Void = DispatchQueue.global(qos: .userInitiated).async {
    _ = openCC.contextDependence
  }

  /// The folder holding the shipped dictionaries.
  public static func resourceDirectory() throws -> URL {
    if let override = ProcessInfo.processInfo.environment["PARALLELTEXT_OPENCC_DIR"] {
      return URL(fileURLWithPath: override)
    }
    guard let url = Bundle.module.url(forResource: "OpenCC", withExtension: nil) else {
      throw CocoaError(.fileNoSuchFile)
    }
    return url
  }

  /// Loads the tables from a folder of OpenCC dictionary text files.
  public convenience init(directory: URL) throws {
    try self.init(directory: directory, usingSnapshots: true)
  }

  /// The two large tries come from their snapshots in the folder (``snapshots``) when
  /// those match the text files, unless `usingSnapshots` is false.
  init(directory: URL, usingSnapshots: Bool) throws {
    func read(_ names: String...) throws -> PhraseList {
      var list = PhraseList()
      for name in names {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).txt"), options: .mappedIfSafe)
        data.withUnsafeBytes { list.appendOpenCC($0) }
      }
      return list
    }
    func snapshot(_ name: String) throws -> PhraseTrie? {
      guard usingSnapshots, let sources = Self.snapshots[name] else { return nil }
      let size = try Self.sourceSize(sources, in: directory)
      return PhraseTrieSnapshot.trie(atPath: directory.appendingPathComponent("\(name).trie").path, sourceSize: size)
    }
    let tsCharacters = try read("TSCharacters")
    toTraditional = try snapshot("toTraditional") ?? PhraseTrie(try read("STCharacters", "STPhrases"))
    toSimplified = try snapshot("toSimplified") ?? PhraseTrie(tsCharacters + (try read("TSPhrases")))
    let taiwanVariantList = try read("TWVariants")
    let hongKongVariantList = try read("HKVariants")
    let taiwanVariants = Self.characterMap(taiwanVariantList)
    let hongKongVariants = Self.characterMap(hongKongVariantList)
    self.taiwanVariants = taiwanVariants
    self.hongKongVariants = hongKongVariants
    let standardForms = Self.standardForms(taiwanVariantList + hongKongVariantList)
    self.standardForms = standardForms
    var table = (0..<UInt32(Self.tableLimit)).map { $0 }
    for (regional, standard) in standardForms where regional < UInt32(Self.tableLimit) {
      table[Int(regional)] = standard
    }
    standardFormTable = table
    var bits = [UInt64](repeating: 0, count: Self.tableLimit / 64)
    for map in [standardForms, taiwanVariants, hongKongVariants] {
      for key in map.keys where key < UInt32(Self.tableLimit) { bits[Int(key / 64)] |= 1 << (key % 64) }
    }
    regionalBits = bits
    let taiwanPhraseList = try read("TWPhrases")
    let hongKongPhraseList = try read("HKPhrases")
    let regional = taiwanPhraseList + hongKongPhraseList
    taiwanPhrases = PhraseTrie(taiwanPhraseList)
    hongKongPhrases = PhraseTrie(hongKongPhraseList)
    var simplifiedOf: [UInt32: UInt32] = [:]
    for (index, key) in tsCharacters.keys.enumerated() where key.count == 1 {
      let span = tsCharacters.candidateSpans[Int(tsCharacters.candidates[index].lowerBound)]
      simplifiedOf[tsCharacters.scalars[Int(key.lowerBound)]] = tsCharacters.scalars[Int(span.lowerBound)]
    }
    regionalPhrasesBySimplified = PhraseTrie(regional.mappingKeys { simplifiedOf[$0] ?? $0 })
    var words = PhraseList()
    if let url = Bundle.module.url(forResource: "zh-Hant-words", withExtension: "txt", subdirectory: "Lexicon") {
      let data = try Data(contentsOf: url, options: .mappedIfSafe)
      data.withUnsafeBytes { words.appendOpenCC($0) }
    }
    traditionalWords = PhraseTrie(words)
  }

  /// The snapshots of the large tries (``PhraseTrieSnapshot``, `NAME.trie` beside the
  /// dictionaries) and the dictionaries each is built from, in order.
  static let snapshots = [
    "toTraditional": ["STCharacters", "STPhrases"], "toSimplified": ["TSCharacters", "TSPhrases"],
  ]

  /// The total byte size of the named dictionaries in `directory`.
  static func sourceSize(_ names: [String], in directory: URL) throws -> Int {
    try names.reduce(0) { total, name in
      let path = directory.appendingPathComponent("\(name).txt").path
      guard let size = TableBytes.size(ofFile: path) else {
        throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
      }
      return total + size
    }
  }

  /// OpenCC's standard form of a Traditional character (爲 for 為), else the character.
  @inline(__always)
  public func standardForm(_ scalar: UInt32) -> UInt32 {
    // Most characters have no other form: the small bit set answers for them without
    // touching the larger table.
    guard scalar < UInt32(Self.tableLimit) else { return standardForms[scalar] ?? scalar }
    return mayHaveRegionalForm(scalar) ? standardFormTable[Int(scalar)] : scalar
  }

  /// Which Simplified characters' Traditional form depends on context (发: 头发 → 頭髮, 发现 →
  /// 發現), worked out on first use from the phrases (about 16 M instructions: a statement
  /// does not need it; a large pair set gains far more).
  public var contextDependence: ContextDependence {
    contextDependenceOnce.value { ContextDependence(toTraditional, form: standardForm) }
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
