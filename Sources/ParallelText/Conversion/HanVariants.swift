import Dispatch

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

  /// The tables derived from the ICU data on this machine, built once on first use.
  public static let icu: HanVariants = {
    do {
      let rules = try TransliterationRules.load("Hans-Hant", inverse: "Hant-Hans")
      return HanVariants(simplifiedToTraditional: rules.0, traditionalToSimplified: rules.inverse)
    } catch {
      fatalError("ICU's Hans-Hant transliterator is missing: \(error)")
    }
  }()

  /// Starts building ``icu`` on another thread; a later use of `icu` waits for it. Calling it
  /// again does nothing.
  static func startLoading() { _ = loadingStarted }

  /// Dispatched once, by the first ``startLoading()``.
  private static let loadingStarted: Void = DispatchQueue.global(qos: .userInitiated).async { _ = icu }

  init(simplifiedToTraditional s2t: TransliterationRules, traditionalToSimplified t2s: TransliterationRules) {
    // A character is one script's only when the other script's repertoire (characters its
    // rules keep or map to themselves) lacks it. One pass over each direction's rules: this
    // runs at every start-up, on the main thread.
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
    (toTraditional, simplifiedOnly) = forward
    (toSimplified, traditionalOnly) = backward
    phrases = s2t.phrases
    longestPhrase = s2t.phrases.keys.reduce(1) { max($0, $1.count) }
    simplifiedBits = Self.bits(forward.only)
    traditionalBits = Self.bits(backward.only)
    simplifiableBits = Self.bits(backward.map.keys)
    traditionalizableBits = Self.bits(forward.map.keys)
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
