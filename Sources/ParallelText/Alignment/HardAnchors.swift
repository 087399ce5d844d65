/// English paragraphs and Chinese units that certainly belong together, found before the
/// search: they share a distinctive token (a Latin word or number of four characters or
/// more: a name, a command, a year, part of a URL) that no other paragraph of either
/// language has. The longest chain of such pairs in document order becomes the gates that
/// split a long document into blocks (pairs that cross the chain are coincidences).
enum HardAnchors {
  /// The gates for aligning `english` (rows) with `chinese` (columns).
  static func gates(english: [EnglishEvidence], chinese: [ChineseEvidence]) -> [Gate] {
    let englishOwner = owners(english.map(\.distinctive))
    let chineseOwner = owners(chinese.map(\.distinctive))
    var pairs: [Gate] = []
    for (token, column) in chineseOwner where column >= 0 {
      if let row = englishOwner[token], row >= 0 { pairs.append(Gate(row: Int(row), column: Int(column))) }
    }
    // By row, and within a row by column descending, so that a strictly increasing run of
    // columns takes at most one pair per row.
    pairs.sort { $0.row != $1.row ? $0.row < $1.row : $0.column > $1.column }
    return longestChain(pairs)
  }

  /// For each token, the index of the only item holding it, or -1 when several do.
  private static func owners(_ items: [[UInt64]]) -> [UInt64: Int32] {
    var owner: [UInt64: Int32] = [:]
    for (index, tokens) in items.enumerated() {
      for token in tokens {
        if let existing = owner[token] {
          if existing != Int32(index) { owner[token] = -1 }
        } else {
          owner[token] = Int32(index)
        }
      }
    }
    return owner
  }

  /// The longest subsequence of `pairs` (sorted by row, then column descending) whose
  /// columns strictly increase (patience sorting, O(n log n)).
  static func longestChain(_ pairs: [Gate]) -> [Gate] {
    var tails: [Int] = []  // index into pairs of the smallest tail of each chain length
    var previous = [Int](repeating: -1, count: pairs.count)
    for (index, pair) in pairs.enumerated() {
      var low = 0
      var high = tails.count
      while low < high {
        let middle = (low + high) / 2
        if pairs[tails[middle]].column < pair.column { low = middle + 1 } else { high = middle }
      }
      if low > 0 { previous[index] = tails[low - 1] }
      if low == tails.count { tails.append(index) } else { tails[low] = index }
    }
    var chain: [Gate] = []
    var index = tails.last ?? -1
    while index >= 0 {
      chain.append(pairs[index])
      index = previous[index]
    }
    return chain.reversed()
  }
}
