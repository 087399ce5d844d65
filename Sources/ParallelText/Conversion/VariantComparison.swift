/// A character-level comparison of a Simplified text with a Traditional one, where two
/// characters match when one is a Simplified/Traditional form of the other (联/聯, 系/繫),
/// quotation marks match across styles (“/「) and whitespace is ignored.
public struct VariantComparison: Sendable {
  /// A run of characters present on one side only, or different on both sides; ranges are
  /// scalar offsets into the texts compared.
  public struct Difference: Sendable, Hashable {
    /// The Simplified side (may be empty).
    public var simplified: Range<Int>
    /// The Traditional side (may be empty).
    public var traditional: Range<Int>
  }

  /// Matched characters: scalar offsets into the Simplified and the Traditional text.
  public private(set) var matches: [(simplified: Int, traditional: Int)] = []
  /// Differing runs, in text order.
  public private(set) var differences: [Difference] = []
  /// Matched characters over all compared characters, in [0, 1] (1 for two empty texts).
  public private(set) var similarity: Double = 1

  /// The most edits the comparison explores before it calls the texts unrelated.
  public static let editLimit = 2_000

  /// Compares `simplified` with `traditional`, characters matching under `equivalence`.
  public init(
    simplified: [Unicode.Scalar], traditional: [Unicode.Scalar], equivalence: HanEquivalence = .standard
  ) {
    let (a, hans) = Self.visible(simplified)
    let (b, hant) = Self.visible(traditional)
    guard !a.isEmpty || !b.isEmpty else { return }
    // The visible characters compared through buffers: no reference count per pair.
    let pairs = hans.withUnsafeBufferPointer { hans in
      hant.withUnsafeBufferPointer { hant in
        Self.matchedPairs(hans.count, hant.count) { i, j in
          // Most compared characters are the same character: no call.
          hans[i] == hant[j] || equivalence.equivalent(hans[i], hant[j])
        }
      }
    }
    matches = pairs.map { (a[$0.0], b[$0.1]) }
    similarity = Double(2 * pairs.count) / Double(a.count + b.count)
    var previous = (-1, -1)
    for index in 0...pairs.count {
      let pair = index < pairs.count ? pairs[index] : (a.count, b.count)
      if pair.0 > previous.0 + 1 || pair.1 > previous.1 + 1 {
        let simplifiedRange = Self.span(a, from: previous.0 + 1, to: pair.0, total: simplified.count)
        let traditionalRange = Self.span(b, from: previous.1 + 1, to: pair.1, total: traditional.count)
        differences.append(Difference(simplified: simplifiedRange, traditional: traditionalRange))
      }
      previous = pair
    }
  }

  /// The characters that are not whitespace and their offsets, in one pass into arrays
  /// allocated once (this runs for every pair of a pair set).
  private static func visible(_ text: [Unicode.Scalar]) -> (offsets: [Int], scalars: [Unicode.Scalar]) {
    var offsets: [Int] = []
    var scalars: [Unicode.Scalar] = []
    offsets.reserveCapacity(text.count)
    scalars.reserveCapacity(text.count)
    for (offset, scalar) in text.enumerated() where !Characters.isWhitespace(scalar) {
      offsets.append(offset)
      scalars.append(scalar)
    }
    return (offsets, scalars)
  }

  /// The offsets spanned by filtered positions `from..<to`; empty ranges sit where the
  /// missing text would go.
  private static func span(_ indices: [Int], from: Int, to: Int, total: Int) -> Range<Int> {
    if from < to { return indices[from]..<(indices[to - 1] + 1) }
    let at = from < indices.count ? indices[from] : total
    return at..<at
  }

  /// The matched index pairs of a shortest edit script (Myers' O((N+M)D) algorithm) after
  /// trimming the common prefix and suffix; nothing matches in the middle when the texts
  /// need more than `editLimit` edits.
  static func matchedPairs(_ n: Int, _ m: Int, equal: (Int, Int) -> Bool) -> [(Int, Int)] {
    var prefix = 0
    while prefix < n, prefix < m, equal(prefix, prefix) { prefix += 1 }
    var suffix = 0
    while suffix < n - prefix, suffix < m - prefix, equal(n - 1 - suffix, m - 1 - suffix) { suffix += 1 }
    var pairs: [(Int, Int)] = []
    pairs.reserveCapacity(min(n, m))
    for index in 0..<prefix { pairs.append((index, index)) }
    let innerN = n - prefix - suffix
    let innerM = m - prefix - suffix
    if innerN > 0, innerM > 0 {
      for pair in myers(innerN, innerM, equal: { equal($0 + prefix, $1 + prefix) }) {
        pairs.append((pair.0 + prefix, pair.1 + prefix))
      }
    }
    for index in 0..<suffix { pairs.append((n - suffix + index, m - suffix + index)) }
    return pairs
  }

  private static func myers(_ n: Int, _ m: Int, equal: (Int, Int) -> Bool) -> [(Int, Int)] {
    let maxD = min(n + m, editLimit)
    let offset = maxD + 1
    var v = [Int](repeating: 0, count: 2 * maxD + 3)
    // The furthest x on each diagonal k in -d...d after step d, kept as one flat band per
    // step (step d's band starts at d * d): the walk back needs nothing else.
    var trace: [Int] = []
    var steps = 0
    var found = false
    outer: for d in 0...maxD {
      for k in stride(from: -d, through: d, by: 2) {
        var x: Int
        if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
          x = v[offset + k + 1]
        } else {
          x = v[offset + k - 1] + 1
        }
        var y = x - k
        while x < n, y < m, equal(x, y) {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n, y >= m {
          found = true
          break outer
        }
      }
      v.withUnsafeBufferPointer { trace.append(contentsOf: $0[(offset - d)...(offset + d)]) }
      steps = d + 1
    }
    guard found else { return [] }
    // Walk back from (n, m) collecting diagonal moves; step d chose from step d - 1's band.
    var pairs: [(Int, Int)] = []
    var x = n
    var y = m
    for d in stride(from: steps, through: 1, by: -1) {
      let base = (d - 1) * (d - 1) + (d - 1)
      let k = x - y
      let down = k == -d || (k != d && trace[base + k - 1] < trace[base + k + 1])
      let previousK = down ? k + 1 : k - 1
      let previousX = trace[base + previousK]
      let previousY = previousX - previousK
      let (middleX, middleY) = down ? (previousX, previousY + 1) : (previousX + 1, previousY)
      while x > middleX, y > middleY {
        x -= 1
        y -= 1
        pairs.append((x, y))
      }
      x = previousX
      y = previousY
    }
    while x > 0, y > 0 {
      x -= 1
      y -= 1
      pairs.append((x, y))
    }
    return pairs.reversed()
  }
}
