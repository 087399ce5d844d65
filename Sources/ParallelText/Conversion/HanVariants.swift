import Foundation

/// Which Han characters belong to Simplified or Traditional Chinese only, and how they map
/// to each other, derived from ICU's `Hans-Hant` and `Hant-Hans` transliterator rules.
public struct HanVariants: Sendable {
  /// Characters that Simplified text uses and Traditional text does not (联, 发, 虚).
  public let simplifiedOnly: Set<Unicode.Scalar>
  /// Characters that Traditional text uses and Simplified text does not (聯, 發, 髮).
  public let traditionalOnly: Set<Unicode.Scalar>
  /// The default Traditional form of each Simplified character that has one.
  public let toTraditional: [Unicode.Scalar: Unicode.Scalar]
  /// The Simplified form of each Traditional character that has one.
  public let toSimplified: [Unicode.Scalar: Unicode.Scalar]
  /// Simplified phrases whose Traditional form differs from the character defaults
  /// (联系 → 聯繫, 头发 → 頭髮).
  public let phrases: [[Unicode.Scalar]: [Unicode.Scalar]]
  /// The longest phrase, in characters.
  public let longestPhrase: Int
  /// `simplifiedOnly`, `traditionalOnly` and the keys of `toSimplified` and
  /// `toTraditional` as bit sets over the ideograph planes.
  private let simplifiedBits: [UInt64]
  private let traditionalBits: [UInt64]
  private let simplifiableBits: [UInt64]
  private let traditionalizableBits: [UInt64]

  /// The tables derived from the ICU data on this machine, on first use: from the shipped
  /// snapshot when it was built from the same rule sources (``snapshotName``), else built
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
    self.toTraditional = toTraditional
    self.toSimplified = toSimplified
    self.simplifiedOnly = simplifiedOnly
    self.traditionalOnly = traditionalOnly
    self.phrases = phrases
    longestPhrase = phrases.keys.reduce(1) { max($0, $1.count) }
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
    for map in [toTraditional, toSimplified] {
      let keys = map.keys.sorted()
      writer.put(keys.map(\.value))
      writer.put(keys.map { map[$0]!.value })
    }
    for set in [simplifiedOnly, traditionalOnly] { writer.put(set.map(\.value).sorted()) }
    let phraseKeys = phrases.keys.sorted { $0.lexicographicallyPrecedes($1) }
    writer.put(phraseKeys.map { UInt32($0.count) })
    writer.put(phraseKeys.flatMap { $0.map(\.value) })
    writer.put(phraseKeys.flatMap { phrases[$0]!.map(\.value) })
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
    func scalars(_ values: UnsafeBufferPointer<UInt32>) -> [Unicode.Scalar]? {
      var scalars: [Unicode.Scalar] = []
      scalars.reserveCapacity(values.count)
      for value in values {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        scalars.append(scalar)
      }
      return scalars
    }
    func map() -> [Unicode.Scalar: Unicode.Scalar]? {
      guard let keys: UnsafeBufferPointer<UInt32> = reader.view(),
        let values: UnsafeBufferPointer<UInt32> = reader.view(),
        keys.count == values.count, let keys = scalars(keys), let values = scalars(values)
      else { return nil }
      return Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first })
    }
    func set() -> Set<Unicode.Scalar>? {
      reader.view().flatMap(scalars).map(Set.init)
    }
    guard let toTraditional = map(), let toSimplified = map(), let simplifiedOnly = set(),
      let traditionalOnly = set(), let lengths: UnsafeBufferPointer<UInt32> = reader.view(),
      let keys: UnsafeBufferPointer<UInt32> = reader.view(), let values: UnsafeBufferPointer<UInt32> = reader.view(),
      reader.isAtEnd, keys.count == values.count, lengths.reduce(0, { $0 + Int($1) }) == keys.count,
      let keyScalars = scalars(keys), let valueScalars = scalars(values)
    else { return nil }
    var phrases = [[Unicode.Scalar]: [Unicode.Scalar]](minimumCapacity: lengths.count)
    var start = 0
    for length in lengths {
      let end = start + Int(length)
      phrases[Array(keyScalars[start..<end])] = Array(valueScalars[start..<end])
      start = end
    }
    self.init(
      toTraditional: toTraditional, toSimplified: toSimplified, simplifiedOnly: simplifiedOnly,
      traditionalOnly: traditionalOnly, phrases: phrases)
  }

  private static let bitLimit: UInt32 = 0x4_0000

  private static func bits(_ set: some Sequence<Unicode.Scalar>) -> [UInt64] {
    var bits = [UInt64](repeating: 0, count: Int(bitLimit / 64))
    for scalar in set where scalar.value < bitLimit { bits[Int(scalar.value / 64)] |= 1 << (scalar.value % 64) }
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
    Self.contains(simplifiableBits, scalar) ? toSimplified[scalar] ?? scalar : scalar
  }

  /// True when `traditional` is an acceptable Traditional rendering of `simplified`
  /// character by character (the same character, or one maps to the other).
  public func isVariant(simplified: Unicode.Scalar, traditional: Unicode.Scalar) -> Bool {
    simplified == traditional
      || (Self.contains(traditionalizableBits, simplified) && toTraditional[simplified] == traditional)
      || (Self.contains(simplifiableBits, traditional) && toSimplified[traditional] == simplified)
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
