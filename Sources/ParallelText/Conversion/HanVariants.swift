/// Which Han characters belong to Simplified or Traditional Chinese only, and how they map
/// to each other, derived from ICU's `Hans-Hant` and `Hant-Hans` transliterator rules.
public struct HanVariants: Sendable {
  /// Characters that Simplified text uses and Traditional text does not (联, 发, 虚).
  public var simplifiedOnly: Set<Unicode.Scalar> { derived.simplifiedOnly.value { Self.set(simplifiedOnlyValues) } }
  /// Characters that Traditional text uses and Simplified text does not (聯, 發, 髮).
  public var traditionalOnly: Set<Unicode.Scalar> { derived.traditionalOnly.value { Self.set(traditionalOnlyValues) } }
  /// The default Traditional form of each Simplified character that has one.
  public var toTraditional: [Unicode.Scalar: Unicode.Scalar] {
    derived.toTraditional.value { Self.map(traditionalKeys, traditionalValues) }
  }
  /// The Simplified form of each Traditional character that has one.
  public var toSimplified: [Unicode.Scalar: Unicode.Scalar] {
    derived.toSimplified.value { Self.map(simplifiedKeys, simplifiedValues) }
  }
  /// Simplified phrases whose Traditional form differs from the character defaults
  /// (联系 → 聯繫, 头发 → 頭髮).
  public var phrases: [[Unicode.Scalar]: [Unicode.Scalar]] {
    derived.phrases.value {
      var phrases = [[Unicode.Scalar]: [Unicode.Scalar]](minimumCapacity: phraseLengths.count)
      var start = 0
      for length in phraseLengths {
        let end = start + Int(length)
        phrases[phraseKeys[start..<end].map { Unicode.Scalar($0)! }] = phraseValues[start..<end].map {
          Unicode.Scalar($0)!
        }
        start = end
      }
      return phrases
    }
  }
  /// The longest phrase, in characters.
  public let longestPhrase: Int
  /// The tables as the snapshot holds them, every value a character: each map as sorted
  /// keys and their values (looked up by binary search on the hot paths), each set sorted,
  /// the phrases as key lengths, keys and values. The dictionaries and sets of the public
  /// API are made from them on first use (making them all at load took 5 M instructions
  /// on the thread a statement's check waits for).
  private let traditionalKeys: [UInt32]
  private let traditionalValues: [UInt32]
  private let simplifiedKeys: [UInt32]
  private let simplifiedValues: [UInt32]
  private let simplifiedOnlyValues: [UInt32]
  private let traditionalOnlyValues: [UInt32]
  private let phraseLengths: [UInt32]
  private let phraseKeys: [UInt32]
  private let phraseValues: [UInt32]
  /// The public API's dictionaries and sets, made on first use.
  private let derived = Derived()
  /// `simplifiedOnly`, `traditionalOnly` and the keys of `toSimplified` and
  /// `toTraditional` as bit sets over the ideograph planes.
  private let simplifiedBits: [UInt64]
  private let traditionalBits: [UInt64]
  private let simplifiableBits: [UInt64]
  private let traditionalizableBits: [UInt64]

  /// The dictionaries and sets made from the flat tables, shared by copies.
  private final class Derived: Sendable {
    let simplifiedOnly = ComputedOnce<Set<Unicode.Scalar>>()
    let traditionalOnly = ComputedOnce<Set<Unicode.Scalar>>()
    let toTraditional = ComputedOnce<[Unicode.Scalar: Unicode.Scalar]>()
    let toSimplified = ComputedOnce<[Unicode.Scalar: Unicode.Scalar]>()
    let phrases = ComputedOnce<[[Unicode.Scalar]: [Unicode.Scalar]]>()
  }

  /// The tables derived from the ICU data on this machine, on first use: from the shipped
  /// snapshot when it was built from the same rule sources (`HanVariants.snapshotName`), else built
  /// from ICU's rules (about 15 M instructions).
  public static let icu: HanVariants = {
    let sources = TransliterationRules.Sources("Hans-Hant", inverse: "Hant-Hans")
    if let key = sources.key, let path = shippedSnapshotPath, let bytes = TableBytes(mapping: path),
      let variants = HanVariants(snapshot: bytes.bytes, key: key)
    {
      return variants
    }
    do {
      return try HanVariants(sources)
    } catch {
      fatalError("ICU's Hans-Hant transliterator is missing: \(error)")
    }
  }()

  /// Where the shipped snapshot lies, if the package's data is found: these tables need
  /// none (without it, ICU's rules are parsed instead).
  private static var shippedSnapshotPath: String? { PackageResources.url("ICU/\(snapshotName)")?.path }

  /// The tables built from ICU's rules.
  init(_ sources: TransliterationRules.Sources) throws(ICUError) {
    let rules = try TransliterationRules.load(sources)
    self.init(simplifiedToTraditional: rules.0, traditionalToSimplified: rules.inverse)
  }

  /// Starts building ``icu`` on another thread; a later use of `icu` waits for it. Calling it
  /// again does nothing.
  static func startLoading() { _ = loadingStarted }

  /// Queued once, by the first ``startLoading()``.
  private static let loadingStarted: Void = BackgroundLoading.enqueue { _ = icu }

  init(simplifiedToTraditional s2t: TransliterationRules, traditionalToSimplified t2s: TransliterationRules) {
    // A character is one script's only when the other script's repertoire (characters its
    // rules keep or map to themselves) lacks it. One pass over each direction's rules.
    func mapping(
      _ rules: [Unicode.Scalar: Unicode.Scalar], otherRepertoire: Set<Unicode.Scalar>
    ) -> (map: [Unicode.Scalar: Unicode.Scalar], only: Set<Unicode.Scalar>) {
      var map = [Unicode.Scalar: Unicode.Scalar](minimumCapacity: rules.count)
      var only = Set<Unicode.Scalar>(minimumCapacity: rules.count)
      for (key, value) in rules where key != value && Self.isHanIdeograph(key) {
        map[key] = value
        if !otherRepertoire.contains(key) { only.insert(key) }
      }
      return (map, only)
    }
    let forward = mapping(s2t.characters, otherRepertoire: s2t.keptCharacters.union(t2s.identityCharacters))
    let backward = mapping(t2s.characters, otherRepertoire: t2s.keptCharacters.union(s2t.identityCharacters))
    self.init(
      toTraditional: forward.map, toSimplified: backward.map, simplifiedOnly: forward.only,
      traditionalOnly: backward.only, phrases: s2t.phrases)
  }

  private init(
    toTraditional: [Unicode.Scalar: Unicode.Scalar], toSimplified: [Unicode.Scalar: Unicode.Scalar],
    simplifiedOnly: Set<Unicode.Scalar>, traditionalOnly: Set<Unicode.Scalar>,
    phrases: [[Unicode.Scalar]: [Unicode.Scalar]]
  ) {
    func flat(_ map: [Unicode.Scalar: Unicode.Scalar]) -> (keys: [UInt32], values: [UInt32]) {
      let keys = map.keys.sorted()
      return (keys.map(\.value), keys.map { map[$0]!.value })
    }
    let phraseKeys = phrases.keys.sorted { $0.lexicographicallyPrecedes($1) }
    self.init(
      toTraditional: flat(toTraditional), toSimplified: flat(toSimplified),
      simplifiedOnly: simplifiedOnly.map(\.value).sorted(), traditionalOnly: traditionalOnly.map(\.value).sorted(),
      phrases: (
        phraseKeys.map { UInt32($0.count) }, phraseKeys.flatMap { $0.map(\.value) },
        phraseKeys.flatMap { phrases[$0]!.map(\.value) }
      ))
  }

  /// The tables from their flat form (every value a character, maps' keys sorted).
  private init(
    toTraditional: (keys: [UInt32], values: [UInt32]), toSimplified: (keys: [UInt32], values: [UInt32]),
    simplifiedOnly: [UInt32], traditionalOnly: [UInt32], phrases: (lengths: [UInt32], keys: [UInt32], values: [UInt32])
  ) {
    (traditionalKeys, traditionalValues) = toTraditional
    (simplifiedKeys, simplifiedValues) = toSimplified
    simplifiedOnlyValues = simplifiedOnly
    traditionalOnlyValues = traditionalOnly
    (phraseLengths, phraseKeys, phraseValues) = phrases
    longestPhrase = Int(phrases.lengths.max() ?? 1)
    simplifiedBits = Self.bits(simplifiedOnly)
    traditionalBits = Self.bits(traditionalOnly)
    simplifiableBits = Self.bits(toSimplified.keys)
    traditionalizableBits = Self.bits(toTraditional.keys)
  }

  /// The snapshot shipped with the package (``TableSnapshot``), keyed by the checksum of the
  /// rule sources it was built from (``TransliterationRules/Sources/key``).
  static let snapshotName = "HanVariants.snapshot"
  static let snapshotMagic = Array("PTXHANV1".utf8)
  static let snapshotVersion: UInt64 = 1

  /// The snapshot of these tables, for rule sources with `key`: the ICU version they come
  /// from (UTF-8, for the record), each map as sorted keys and their values, each set
  /// sorted, the phrases as key lengths, keys and values.
  func snapshotBytes(key: UInt64, icuVersion: String) -> [UInt8] {
    var writer = TableSnapshot.Writer(magic: Self.snapshotMagic, version: Self.snapshotVersion, key: key)
    writer.put(Array(icuVersion.utf8))
    for array in [
      traditionalKeys, traditionalValues, simplifiedKeys, simplifiedValues, simplifiedOnlyValues, traditionalOnlyValues,
      phraseLengths, phraseKeys, phraseValues,
    ] {
      writer.put(array)
    }
    return writer.finished()
  }

  /// The ICU version a snapshot records, whatever rule sources it was built from; nil when
  /// `bytes` are no snapshot of this format.
  static func snapshotICUVersion(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard let key = TableSnapshot.recordedKey(bytes, magic: snapshotMagic),
      var reader = TableSnapshot.Reader(bytes, magic: snapshotMagic, version: snapshotVersion, key: key),
      let version: UnsafeBufferPointer<UInt8> = reader.view()
    else { return nil }
    return String(decoding: version, as: UTF8.self)
  }

  /// The tables in a snapshot of rule sources with `key`, if it is one of this format whose
  /// values are all characters; else nil.
  init?(snapshot bytes: UnsafeRawBufferPointer, key: UInt64) {
    guard var reader = TableSnapshot.Reader(bytes, magic: Self.snapshotMagic, version: Self.snapshotVersion, key: key),
      let _: UnsafeBufferPointer<UInt8> = reader.view()
    else { return nil }
    // Every value a character; a map's keys sorted (they are searched) and as many as its
    // values.
    func characters() -> [UInt32]? {
      guard let values: UnsafeBufferPointer<UInt32> = reader.view(),
        values.allSatisfy({ Unicode.Scalar($0) != nil })
      else { return nil }
      return Array(values)
    }
    func map() -> (keys: [UInt32], values: [UInt32])? {
      guard let keys = characters(), let values = characters(), keys.count == values.count,
        zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 })
      else { return nil }
      return (keys, values)
    }
    guard let toTraditional = map(), let toSimplified = map(), let simplifiedOnly = characters(),
      let traditionalOnly = characters(), let lengths: UnsafeBufferPointer<UInt32> = reader.view(),
      let keys = characters(), let values = characters(), reader.isAtEnd, keys.count == values.count,
      lengths.reduce(0, { $0 + Int($1) }) == keys.count
    else { return nil }
    self.init(
      toTraditional: toTraditional, toSimplified: toSimplified, simplifiedOnly: simplifiedOnly,
      traditionalOnly: traditionalOnly, phrases: (Array(lengths), keys, values))
  }

  private static func set(_ values: [UInt32]) -> Set<Unicode.Scalar> { Set(values.map { Unicode.Scalar($0)! }) }

  private static func map(_ keys: [UInt32], _ values: [UInt32]) -> [Unicode.Scalar: Unicode.Scalar] {
    Dictionary(uniqueKeysWithValues: zip(keys.map { Unicode.Scalar($0)! }, values.map { Unicode.Scalar($0)! }))
  }

  /// The value of `key` in a map's sorted keys and values, by binary search.
  @inline(__always)
  private static func lookup(_ key: UInt32, _ keys: [UInt32], _ values: [UInt32]) -> UInt32? {
    keys.sortedIndex(of: key, in: keys.indices).map { values[$0] }
  }

  /// ICU's default Traditional form of a Simplified character, if it has one (``toTraditional``
  /// without making the dictionary).
  @inline(__always)
  func traditional(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
    guard Self.contains(traditionalizableBits, scalar) else { return nil }
    return Self.lookup(scalar.value, traditionalKeys, traditionalValues).map { Unicode.Scalar($0)! }
  }

  private static let bitLimit: UInt32 = 0x4_0000

  private static func bits(_ values: [UInt32]) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: Int(bitLimit / 64))
    for value in values where value < bitLimit { bits[Int(value / 64)] |= 1 << (value % 64) }
    return bits
  }

  /// True when `scalar` is in a set made by `bits(_:)`.
  @inline(__always)
  private static func contains(_ bits: [UInt64], _ scalar: Unicode.Scalar) -> Bool {
    scalar.value < bitLimit && bits[Int(scalar.value / 64)] & (1 << (scalar.value % 64)) != 0
  }

  /// True for a character Simplified text uses and Traditional text does not.
  @inline(__always)
  public func isSimplifiedOnly(_ scalar: Unicode.Scalar) -> Bool {
    Self.contains(simplifiedBits, scalar)
  }

  /// True for a character Traditional text uses and Simplified text does not.
  @inline(__always)
  public func isTraditionalOnly(_ scalar: Unicode.Scalar) -> Bool {
    Self.contains(traditionalBits, scalar)
  }

  /// The Simplified form of a character: `toSimplified`'s entry, else the character itself
  /// (most characters are answered by a bit test, without a dictionary lookup).
  @inline(__always)
  public func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    guard Self.contains(simplifiableBits, scalar),
      let value = Self.lookup(scalar.value, simplifiedKeys, simplifiedValues)
    else { return scalar }
    return Unicode.Scalar(value)!
  }

  /// True when `traditional` is an acceptable Traditional rendering of `simplified`
  /// character by character (the same character, or one maps to the other).
  public func isVariant(simplified: Unicode.Scalar, traditional: Unicode.Scalar) -> Bool {
    simplified == traditional || self.traditional(of: simplified) == traditional
      || self.simplified(traditional) == simplified
  }

  /// CJK Unified Ideographs (all blocks) and compatibility ideographs.
  public static func isHanIdeograph(_ scalar: Unicode.Scalar) -> Bool { isHanIdeograph(scalar.value) }

  /// `isHanIdeograph` of a scalar's value.
  @inline(__always)
  static func isHanIdeograph(_ value: UInt32) -> Bool {
    switch value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
    default: false
    }
  }
}
