/// A Chinese paragraph reduced to a bottom-k sketch of its characters and character
/// pairs after folding Traditional forms to Simplified: twins (the same text in both
/// varieties) share almost all of it.
struct TwinSketch: Sendable {
  static let size = 48
  /// The smallest hashes of the folded text's shingles, sorted.
  var hashes: [UInt32]

  init(_ text: String, variants: HanVariants) {
    hashes = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.size) { buffer in
      var smallest = Smallest(buffer)
      var previous: UInt32 = 0
      for scalar in text.unicodeScalars where !Characters.isWhitespace(scalar) {
        let folded = Self.fold(scalar, variants)
        smallest.insert(Self.mix(folded &* 0x9E37_79B1))
        if previous != 0 { smallest.insert(Self.mix(previous &* 0x85EB_CA6B ^ folded)) }
        previous = folded
      }
      return Array(buffer[..<smallest.count])
    }
  }

  /// The `size` smallest distinct values seen, kept sorted as they come in a buffer of that
  /// size (most values of a long text are above the largest kept, one comparison each: no
  /// sort of them all, and no array to grow or check for uniqueness on each insertion).
  private struct Smallest {
    let values: UnsafeMutableBufferPointer<UInt32>
    var count = 0

    init(_ values: UnsafeMutableBufferPointer<UInt32>) { self.values = values }

    @inline(__always)
    mutating func insert(_ value: UInt32) {
      if count == values.count, value >= values[count - 1] { return }
      let low = UnsafeBufferPointer(rebasing: values[..<count]).firstIndex(after: { $0 < value })
      if low < count, values[low] == value { return }
      if count < values.count { count += 1 }
      var index = count - 1
      while index > low {
        values[index] = values[index - 1]
        index -= 1
      }
      values[low] = value
    }
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
    hashes.withUnsafeBufferPointer { mine in
      other.hashes.withUnsafeBufferPointer { theirs in
        var i = 0
        var j = 0
        var taken = 0
        var both = 0
        while taken < Self.size && (i < mine.count || j < theirs.count) {
          if j >= theirs.count || (i < mine.count && mine[i] < theirs[j]) {
            i += 1
          } else if i >= mine.count || theirs[j] < mine[i] {
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
    }
  }

  /// The sketch of the two texts together: the `size` smallest distinct values of both
  /// (each sorted), by one merge.
  func merged(with other: Self) -> Self {
    var result: [UInt32] = []
    result.reserveCapacity(Self.size)
    var (i, j) = (0, 0)
    while result.count < Self.size, i < hashes.count || j < other.hashes.count {
      let value: UInt32
      if j == other.hashes.count || (i < hashes.count && hashes[i] < other.hashes[j]) {
        value = hashes[i]
        i += 1
      } else {
        if i < hashes.count, hashes[i] == other.hashes[j] { i += 1 }
        value = other.hashes[j]
        j += 1
      }
      result.append(value)
    }
    return Self(hashes: result)
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
