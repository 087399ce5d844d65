/// A Chinese paragraph reduced to a bottom-k sketch of its characters and character
/// pairs after folding Traditional forms to Simplified: twins (the same text in both
/// varieties) share almost all of it.
struct TwinSketch: Sendable {
  static let size = 48
  /// The smallest hashes of the folded text's shingles, sorted.
  var hashes: [UInt32]

  init(_ text: String, variants: HanVariants) {
    var previous: UInt32 = 0
    var shingles: [UInt32] = []
    shingles.reserveCapacity(2 * text.utf8.count / 3 + 2)
    for scalar in text.unicodeScalars where !Characters.isWhitespace(scalar) {
      let folded = Self.fold(scalar, variants)
      shingles.append(Self.mix(folded &* 0x9E37_79B1))
      if previous != 0 { shingles.append(Self.mix(previous &* 0x85EB_CA6B ^ folded)) }
      previous = folded
    }
    hashes = Self.smallestDistinct(&shingles)
  }

  /// The `size` smallest distinct values, sorted (sorting an array beats building a set).
  private static func smallestDistinct(_ values: inout [UInt32]) -> [UInt32] {
    values.sort()
    var result: [UInt32] = []
    result.reserveCapacity(min(size, values.count))
    for value in values where result.last != value {
      result.append(value)
      if result.count == size { break }
    }
    return result
  }

  init(hashes: [UInt32]) { self.hashes = hashes }

  static func fold(_ scalar: Unicode.Scalar, _ variants: HanVariants) -> UInt32 {
    switch scalar {
    case "「": return 0x201C
    case "」": return 0x201D
    case "『": return 0x2018
    case "』": return 0x2019
    default:
      var value = variants.simplified(scalar).value
      if value >= 0x41 && value <= 0x5A { value |= 0x20 }
      return value
    }
  }

  static func mix(_ value: UInt32) -> UInt32 {
    var x = value
    x ^= x >> 16
    x = x &* 0x7FEB_352D
    x ^= x >> 15
    x = x &* 0x846C_A68B
    x ^= x >> 16
    return x
  }

  /// The estimated Jaccard similarity of the two shingle sets.
  func similarity(_ other: Self) -> Double {
    var i = 0
    var j = 0
    var taken = 0
    var both = 0
    while taken < Self.size && (i < hashes.count || j < other.hashes.count) {
      if j >= other.hashes.count || (i < hashes.count && hashes[i] < other.hashes[j]) {
        i += 1
      } else if i >= hashes.count || other.hashes[j] < hashes[i] {
        j += 1
      } else {
        both += 1
        i += 1
        j += 1
      }
      taken += 1
    }
    return taken == 0 ? 0 : Double(both) / Double(taken)
  }

  func merged(with other: Self) -> Self {
    var both = hashes + other.hashes
    return Self(hashes: Self.smallestDistinct(&both))
  }
}

/// The costs of pairing Simplified paragraphs with their Traditional twins.
struct TwinScorer: BeadScorer {
  var simplified: [TwinSketch]
  var traditional: [TwinSketch]
  /// The cost of a paragraph without its twin.
  var skip = 2.0

  var rowCount: Int { simplified.count }
  var columnCount: Int { traditional.count }

  func cost(_ bead: Bead) -> Double {
    if bead.columns == 0 { return skip * Double(bead.rows) }
    if bead.rows == 0 { return skip * Double(bead.columns) }
    guard bead.rows == 1, bead.columns == 1 else { return .infinity }
    return 10 * (1 - simplified[bead.row].similarity(traditional[bead.column])) - 3
  }

  func halved() -> Self {
    var result = self
    result.simplified = TranslationScorer.pairwise(simplified) { $0.merged(with: $1) }
    result.traditional = TranslationScorer.pairwise(traditional) { $0.merged(with: $1) }
    return result
  }
}
