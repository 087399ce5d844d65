/// A compact trie over Unicode scalars mapping keys to lists of candidate values, built
/// once from sorted keys into flat arrays (children of a node are one sorted run of
/// edges), so that a longest-match walk costs a binary search per character.
public final class PhraseTrie: @unchecked Sendable {
  /// The memory the arrays below lie in: a mapped snapshot, or a built trie's bytes in the
  /// same layout (``PhraseTrieSnapshot``), checked once to hold together.
  private let storage: TableBytes
  /// Edges of node `n` are `edgeLabels[firstEdge[n]..<firstEdge[n + 1]]`, sorted.
  private let firstEdge: UnsafeBufferPointer<Int32>
  private let edgeLabels: UnsafeBufferPointer<UInt32>
  private let edgeTargets: UnsafeBufferPointer<Int32>
  /// For each node, the index into `entryCandidates` of its entry, or -1.
  private let nodeEntry: UnsafeBufferPointer<Int32>
  /// For each entry, the range of its candidates in `candidateRanges`, as (start, end) pairs.
  private let entryCandidates: UnsafeBufferPointer<Int32>
  /// Each candidate's scalars as a range of `scalars`, as (start, end) pairs.
  private let candidateRanges: UnsafeBufferPointer<Int32>
  private let scalars: UnsafeBufferPointer<UInt32>
  /// The root's children indexed directly by scalar, in blocks of 256 scalars: for block
  /// `s >> 8` (up to the block of the largest scalar that starts a key, below
  /// `directRootLimit`), the offset in `rootEntries` of its 256 children (-1 for each scalar
  /// that starts no key), or -1 for a block without one. Worked out when the trie is laid
  /// out (``RootIndex``), read where it lies.
  private let rootBlocks: UnsafeBufferPointer<Int32>
  private let rootEntries: UnsafeBufferPointer<Int32>
  /// A bit per hash of a key's first two scalars (keys of two or more): most places in a
  /// text start no phrase, and this small set says so without searching the first
  /// character's children. A power of two of words, sized to the keys (``RootIndex``).
  private let pairFilter: UnsafeBufferPointer<UInt64>
  /// `32 − log2(bits in pairFilter)`: a pair's hash is its top bits.
  private let pairShift: UInt32
  /// The number of keys.
  public let count: Int
  /// The longest key, in scalars.
  public let longestKey: Int

  /// An empty trie.
  public convenience init() { self.init(PhraseList()) }

  /// Builds a trie from keys and their candidates; later duplicates of a key add candidates.
  public convenience init(_ entries: [(key: [UInt32], candidates: [[UInt32]])]) {
    var list = PhraseList()
    for entry in entries { list.append(key: entry.key, candidates: entry.candidates) }
    self.init(list)
  }

  /// Builds a trie from flat entries; later duplicates of a key add candidates.
  convenience init(_ list: PhraseList) {
    // Built in local arrays (no exclusivity checks on class storage while building).
    var builder = Builder()
    builder.build(list)
    self.init(
      Arrays(
        firstEdge: builder.firstEdge, edgeLabels: builder.edgeLabels, edgeTargets: builder.edgeTargets,
        nodeEntry: builder.nodeEntry, entryCandidates: builder.entryCandidates,
        candidateRanges: builder.candidateRanges, scalars: builder.scalars, count: builder.count,
        longestKey: builder.longestKey))
  }

  /// A trie over `arrays`, laid out as a snapshot in memory of its own.
  convenience init(_ arrays: Arrays) {
    let storage = TableBytes(copying: PhraseTrieSnapshot.bytes(of: arrays, sourceSize: 0))
    // Built arrays hold together by construction; they are checked as a snapshot is.
    guard let layout = PhraseTrieSnapshot.layout(of: storage.bytes, sourceSize: 0) else {
      preconditionFailure("a built trie does not hold together")
    }
    self.init(storage: storage, layout: layout)
  }

  /// The arrays that make a trie, while it is built (or to write a snapshot).
  struct Arrays {
    var firstEdge: [Int32]
    var edgeLabels: [UInt32]
    var edgeTargets: [Int32]
    var nodeEntry: [Int32]
    var entryCandidates: [Range<Int32>]
    var candidateRanges: [Range<Int32>]
    var scalars: [UInt32]
    var count: Int
    var longestKey: Int
  }

  /// A trie's arrays where they lie in memory (ranges as (start, end) pairs), as
  /// ``PhraseTrieSnapshot/layout(of:sourceSize:)`` found and checked them.
  struct Layout {
    var firstEdge: UnsafeBufferPointer<Int32>
    var edgeLabels: UnsafeBufferPointer<UInt32>
    var edgeTargets: UnsafeBufferPointer<Int32>
    var nodeEntry: UnsafeBufferPointer<Int32>
    var entryCandidates: UnsafeBufferPointer<Int32>
    var candidateRanges: UnsafeBufferPointer<Int32>
    var scalars: UnsafeBufferPointer<UInt32>
    var rootBlocks: UnsafeBufferPointer<Int32>
    var rootEntries: UnsafeBufferPointer<Int32>
    var pairFilter: UnsafeBufferPointer<UInt64>
    var count: Int
    var longestKey: Int
  }

  /// A trie reading `layout`, which lies in `storage` and holds together, with the root's
  /// direct index and the pair filter derived.
  init(storage: TableBytes, layout: Layout) {
    self.storage = storage
    firstEdge = layout.firstEdge
    edgeLabels = layout.edgeLabels
    edgeTargets = layout.edgeTargets
    nodeEntry = layout.nodeEntry
    entryCandidates = layout.entryCandidates
    candidateRanges = layout.candidateRanges
    scalars = layout.scalars
    count = layout.count
    longestKey = layout.longestKey
    rootBlocks = layout.rootBlocks
    rootEntries = layout.rootEntries
    pairFilter = layout.pairFilter
    pairShift = Self.pairShift(filterWords: layout.pairFilter.count)
  }

  /// The indexes a trie's lookups start from, worked out from its arrays when it is laid out
  /// (a snapshot holds them, so that loading one computes and allocates nothing): the root's
  /// children by scalar and the filter of first pairs (see ``PhraseTrie``'s properties).
  struct RootIndex {
    var blocks: [Int32] = []
    var entries: [Int32] = []
    var pairFilter: [UInt64]

    /// The index of `arrays`; of arrays that do not hold together (a test writes some, to
    /// see them refused), what can be read of it.
    init(_ arrays: Arrays) {
      let edges = arrays.edgeLabels.indices
      // The edges of a node, those that exist.
      func edgesOf(_ node: Int) -> Range<Int> {
        guard node >= 0, node + 1 < arrays.firstEdge.count else { return 0..<0 }
        let (start, end) = (Int(arrays.firstEdge[node]), Int(arrays.firstEdge[node + 1]))
        return start <= end ? (start..<end).clamped(to: edges) : 0..<0
      }
      let rootEdges = edgesOf(0)
      // The root has thousands of children: index them directly by scalar, in the blocks
      // that hold some.
      for edge in rootEdges where arrays.edgeLabels[edge] < UInt32(PhraseTrie.directRootLimit) {
        let label = Int(arrays.edgeLabels[edge])
        let block = label >> 8
        if block >= blocks.count { blocks += repeatElement(-1, count: block + 1 - blocks.count) }
        if blocks[block] < 0 {
          blocks[block] = Int32(entries.count)
          entries += repeatElement(-1, count: 256)
        }
        entries[Int(blocks[block]) + (label & 0xFF)] = arrays.edgeTargets[edge]
      }
      // Every key of two or more scalars, whatever its first scalar (keys starting beyond
      // the direct index, in the supplementary planes, included: leaving them out once
      // turned the filter off for OpenCC's tables, whose characters reach U+3129C). About
      // 16 bits per pair (one in 16 places that start no phrase passes), at most 2^20.
      var pairs = 0
      for rootEdge in rootEdges { pairs += edgesOf(Int(arrays.edgeTargets[rootEdge])).count }
      var words = 1
      while words < PhraseTrie.largestPairFilter, 64 * words < 16 * pairs { words *= 2 }
      let shift = PhraseTrie.pairShift(filterWords: words)
      pairFilter = [UInt64](repeating: 0, count: words)
      for rootEdge in rootEdges {
        for edge in edgesOf(Int(arrays.edgeTargets[rootEdge])) {
          let bit = PhraseTrie.pairHash(arrays.edgeLabels[rootEdge], arrays.edgeLabels[edge], shift)
          pairFilter[bit >> 6] |= 1 << (bit & 63)
        }
      }
    }
  }

  /// The arrays of this trie, copied (for snapshots).
  var arrays: Arrays {
    func ranges(_ pairs: UnsafeBufferPointer<Int32>) -> [Range<Int32>] {
      stride(from: 0, to: pairs.count, by: 2).map { pairs[$0]..<pairs[$0 + 1] }
    }
    return Arrays(
      firstEdge: Array(firstEdge), edgeLabels: Array(edgeLabels), edgeTargets: Array(edgeTargets),
      nodeEntry: Array(nodeEntry), entryCandidates: ranges(entryCandidates),
      candidateRanges: ranges(candidateRanges), scalars: Array(scalars), count: count, longestKey: longestKey)
  }

  /// The largest pair filter, in 64-bit words: 2^20 bits.
  static let largestPairFilter = 1 << 14

  /// The shift that makes a pair's hash an index into a filter of `filterWords` words (a
  /// power of two).
  static func pairShift(filterWords: Int) -> UInt32 {
    UInt32(32 - 6 - filterWords.trailingZeroBitCount)
  }

  @inline(__always)
  private static func pairHash(_ first: UInt32, _ second: UInt32, _ shift: UInt32) -> Int {
    Int(((first &* 2_654_435_761) ^ (second &* 2_246_822_519)) >> shift)
  }

  /// The flat arrays of a trie under construction.
  private struct Builder {
    var firstEdge: [Int32] = []
    var edgeLabels: [UInt32] = []
    var edgeTargets: [Int32] = []
    var nodeEntry: [Int32] = []
    var entryCandidates: [Range<Int32>] = []
    var candidateRanges: [Range<Int32>] = []
    var scalars: [UInt32] = []
    var count = 0
    var longestKey = 0

    mutating func build(_ list: PhraseList) {
      let order = list.sortedEntryIndices()
      guard !order.isEmpty else {
        nodeEntry = [-1]
        firstEdge = [0, 0]
        return
      }
      list.scalars.withUnsafeBufferPointer { source in
        func key(_ position: Int) -> UnsafeBufferPointer<UInt32> {
          let range = list.keys[order[position]]
          return UnsafeBufferPointer(rebasing: source[Int(range.lowerBound)..<Int(range.upperBound)])
        }
        // Depth-first over the sorted keys: a node covers order[lo..<hi], keys sharing a
        // prefix of length depth; it appends its children's edges as one contiguous run.
        var pending: [(lo: Int, hi: Int, depth: Int, edge: Int)] = []
        func makeNode(lo: Int, hi: Int, depth: Int) -> Int32 {
          let node = Int32(nodeEntry.count)
          var lo = lo
          if key(lo).count == depth {
            count += 1
            longestKey = max(longestKey, depth)
            nodeEntry.append(Int32(entryCandidates.count))
            let start = Int32(candidateRanges.count)
            // Equal keys sort together: all their candidates belong to this entry.
            while lo < hi, key(lo).count == depth {
              for span in list.candidates[order[lo]] {
                let from = Int32(scalars.count)
                let range = list.candidateSpans[Int(span)]
                scalars.append(contentsOf: source[Int(range.lowerBound)..<Int(range.upperBound)])
                candidateRanges.append(from..<Int32(scalars.count))
              }
              lo += 1
            }
            entryCandidates.append(start..<Int32(candidateRanges.count))
          } else {
            nodeEntry.append(-1)
          }
          firstEdge.append(Int32(edgeLabels.count))
          var index = lo
          while index < hi {
            let label = key(index)[depth]
            var end = index + 1
            while end < hi, key(end)[depth] == label { end += 1 }
            edgeLabels.append(label)
            edgeTargets.append(-1)
            pending.append((index, end, depth + 1, edgeLabels.count - 1))
            index = end
          }
          return node
        }
        _ = makeNode(lo: 0, hi: order.count, depth: 0)
        while let next = pending.popLast() {
          edgeTargets[next.edge] = makeNode(lo: next.lo, hi: next.hi, depth: next.depth)
        }
      }
      // Each node appends all its edges when it is made, so node n's run ends where node
      // n + 1's begins; close the last node's run.
      firstEdge.append(Int32(edgeLabels.count))
    }
  }

  /// Scalars below this index the root's children directly (BMP and the first
  /// supplementary ideographic planes).
  static let directRootLimit = 0x3_0000

  @inline(__always)
  private func child(of node: Int32, _ label: UInt32) -> Int32? {
    if node == 0, Int(label >> 8) < rootBlocks.count {
      let block = rootBlocks[Int(label >> 8)]
      guard block >= 0 else { return nil }
      let child = rootEntries[Int(block) + Int(label & 0xFF)]
      return child >= 0 ? child : nil
    }
    let edges = Int(firstEdge[Int(node)])..<Int(firstEdge[Int(node) + 1])
    return edgeLabels.sortedIndex(of: label, in: edges).map { edgeTargets[$0] }
  }

  /// Calls `body(length, entry)` for every key that is a prefix of `text[start...]`,
  /// shortest first.
  @inline(__always)
  public func forEachMatch(
    in text: UnsafeBufferPointer<UInt32>, from start: Int, _ body: (_ length: Int, _ entry: Entry) -> Void
  ) {
    forEachMatchIndex(in: text, from: start) { length, index in body(length, Entry(trie: self, index: index)) }
  }

  /// `forEachMatch` with entries as indices for the `entry...(_:)` accessors: no reference
  /// counting on hot paths.
  @inline(__always)
  /// With `phrasesOnly`, only keys of two or more scalars, and the pair filter is asked
  /// before the first character's node is looked up (most places start no phrase).
  func forEachMatchIndex(
    in text: UnsafeBufferPointer<UInt32>, from start: Int, phrasesOnly: Bool = false,
    _ body: (_ length: Int, _ entry: Int32) -> Void
  ) {
    var node: Int32 = 0
    var index = start
    if phrasesOnly {
      guard mayStartPhrase(in: text, at: start) else { return }
    }
    while index < text.count {
      if index == start + 1, !phrasesOnly {
        let bit = Self.pairHash(text[start], text[index], pairShift)
        guard pairFilter[bit >> 6] & (1 << (bit & 63)) != 0 else { return }
      }
      guard let next = child(of: node, text[index]) else { return }
      node = next
      index += 1
      let entry = nodeEntry[Int(node)]
      if entry >= 0, !phrasesOnly || index - start >= 2 { body(index - start, entry) }
    }
  }

  /// False when no key of two or more scalars starts at `text[start]` (a bit test: most
  /// places in a text start no phrase); true when one may.
  @inline(__always)
  func mayStartPhrase(in text: UnsafeBufferPointer<UInt32>, at start: Int) -> Bool {
    guard start + 1 < text.count else { return false }
    let bit = Self.pairHash(text[start], text[start + 1], pairShift)
    return pairFilter[bit >> 6] & (1 << (bit & 63)) != 0
  }

  /// Calls `body(key, entry)` for every key of the trie, in key order: a key before the keys
  /// it begins (the key's scalars are valid only during the call). Keys longer than
  /// `longestKey` are not followed (a well-formed trie has none).
  func forEachEntry(_ body: (_ key: UnsafeBufferPointer<UInt32>, _ entry: Int32) -> Void) {
    let depth = max(longestKey, 1)
    // Per level of the path from the root: the label taken, the next edge to take and the
    // end of that node's edges.
    var key = [UInt32](repeating: 0, count: depth)
    var edges = [(next: Int, end: Int)](repeating: (0, 0), count: depth)
    key.withUnsafeMutableBufferPointer { key in
      edges.withUnsafeMutableBufferPointer { edges in
        edges[0] = (Int(firstEdge[0]), Int(firstEdge[1]))
        var level = 0
        while level >= 0 {
          let edge = edges[level].next
          guard edge < edges[level].end else {
            level -= 1
            continue
          }
          edges[level].next = edge + 1
          key[level] = edgeLabels[edge]
          let node = Int(edgeTargets[edge])
          let entry = nodeEntry[node]
          if entry >= 0 { body(UnsafeBufferPointer(rebasing: key[...level]), entry) }
          guard level + 1 < depth else { continue }
          level += 1
          edges[level] = (Int(firstEdge[node]), Int(firstEdge[node + 1]))
        }
      }
    }
  }

  /// The entry of the longest key that is a prefix of `text[start...]`, with its length.
  public func longestMatch(in text: UnsafeBufferPointer<UInt32>, from start: Int) -> (length: Int, entry: Entry)? {
    var result: (Int, Entry)?
    forEachMatch(in: text, from: start) { length, entry in result = (length, entry) }
    return result
  }

  /// The candidates of a one-scalar key (a character), if present.
  @inline(__always)
  public func entry(for scalar: UInt32) -> Entry? {
    let index = entryIndex(for: scalar)
    return index >= 0 ? Entry(trie: self, index: index) : nil
  }

  /// The entry index of a one-scalar key, or -1.
  @inline(__always)
  func entryIndex(for scalar: UInt32) -> Int32 {
    guard let node = child(of: 0, scalar) else { return -1 }
    return nodeEntry[Int(node)]
  }

  /// How many candidates entry `entry` has.
  @inline(__always)
  func candidateCount(_ entry: Int32) -> Int {
    Int(entryCandidates[2 * Int(entry) + 1] - entryCandidates[2 * Int(entry)])
  }

  /// Candidate `position` of entry `entry` as a range of `scalars` (the position is checked:
  /// the views themselves are not).
  @inline(__always)
  private func candidateRange(_ entry: Int32, _ position: Int) -> Range<Int> {
    precondition(position >= 0 && position < candidateCount(entry), "candidate position out of range")
    let candidate = 2 * (Int(entryCandidates[2 * Int(entry)]) + position)
    return Int(candidateRanges[candidate])..<Int(candidateRanges[candidate + 1])
  }

  /// The length of candidate `position` of entry `entry`.
  @inline(__always)
  func candidateLength(_ entry: Int32, _ position: Int) -> Int { candidateRange(entry, position).count }

  /// Scalar `offset` of candidate `position` of entry `entry`.
  @inline(__always)
  func candidateScalar(_ entry: Int32, _ offset: Int, of position: Int) -> UInt32 {
    let range = candidateRange(entry, position)
    precondition(offset >= 0 && offset < range.count, "scalar offset out of range")
    return scalars[range.lowerBound + offset]
  }

  /// The entry for exactly `key`, if present.
  public func entry(for key: [UInt32]) -> Entry? {
    key.withUnsafeBufferPointer { buffer in
      var found: Entry?
      forEachMatch(in: buffer, from: 0) { length, entry in if length == key.count { found = entry } }
      return found
    }
  }

  /// The candidates stored for one key.
  public struct Entry: Sendable {
    fileprivate let trie: PhraseTrie
    fileprivate let index: Int32

    /// Makes the entry of index `index` of `trie`.
    init(trie: PhraseTrie, index: Int32) {
      self.trie = trie
      self.index = index
    }

    /// How many candidates the key has.
    public var count: Int { trie.candidateCount(index) }

    /// The candidate at `position` (0 is the preferred one).
    public func candidate(_ position: Int) -> Candidate {
      Candidate(trie: trie, range: trie.candidateRange(index, position))
    }

    /// The length of candidate `position`.
    @inline(__always)
    public func length(of position: Int) -> Int { trie.candidateLength(index, position) }

    /// Scalar `offset` of candidate `position` (which must be long enough).
    @inline(__always)
    public func scalar(_ offset: Int, of position: Int) -> UInt32 { trie.candidateScalar(index, offset, of: position) }

    /// All candidates, preferred first.
    public var candidates: [Candidate] { (0..<count).map(candidate) }
  }

  /// One candidate's scalars, read where the trie holds them (no copy).
  public struct Candidate: RandomAccessCollection, Sendable {
    fileprivate let trie: PhraseTrie
    fileprivate let range: Range<Int>

    /// The first position, 0.
    public var startIndex: Int { 0 }
    /// One past the last position: the candidate's length.
    public var endIndex: Int { range.count }

    /// Scalar `position` of the candidate.
    @inline(__always)
    public subscript(position: Int) -> UInt32 {
      precondition(position >= 0 && position < range.count, "index out of range")
      return trie.scalars[range.lowerBound + position]
    }

    /// Calls `body` with the candidate's scalars in place (appending a candidate copies them
    /// in one step).
    public func withContiguousStorageIfAvailable<Result>(
      _ body: (UnsafeBufferPointer<UInt32>) throws -> Result
    ) rethrows -> Result? {
      try withExtendedLifetime(trie) { try body(UnsafeBufferPointer(rebasing: trie.scalars[range])) }
    }
  }
}

/// Dictionary entries in flat storage: no allocation per entry while loading.
struct PhraseList {
  /// Key and candidate scalars, back to back.
  var scalars: [UInt32] = []
  /// Each entry's key, as a range of `scalars`.
  var keys: [Range<Int32>] = []
  /// Each entry's candidates, as a range of `candidateSpans`.
  var candidates: [Range<Int32>] = []
  /// Each candidate, as a range of `scalars`.
  var candidateSpans: [Range<Int32>] = []

  mutating func append(key: some Sequence<UInt32>, candidates list: [some Sequence<UInt32>]) {
    let keyStart = Int32(scalars.count)
    scalars.append(contentsOf: key)
    guard Int32(scalars.count) > keyStart else { return }
    keys.append(keyStart..<Int32(scalars.count))
    let first = Int32(candidateSpans.count)
    for candidate in list {
      let start = Int32(scalars.count)
      scalars.append(contentsOf: candidate)
      candidateSpans.append(start..<Int32(scalars.count))
    }
    candidates.append(first..<Int32(candidateSpans.count))
  }

  /// Appends the entries of an OpenCC dictionary file: `KEY<TAB>CANDIDATE[ CANDIDATE...]`
  /// lines, `#` comments; decoded from UTF-8 bytes directly.
  mutating func appendOpenCC(_ bytes: UnsafeRawBufferPointer) {
    TabSeparatedList.forEachEntry(bytes) { key, fields in
      let keyStart = Int32(scalars.count)
      appendDecoded(bytes, key)
      keys.append(keyStart..<Int32(scalars.count))
      let first = Int32(candidateSpans.count)
      for field in fields {
        let start = Int32(scalars.count)
        appendDecoded(bytes, field)
        candidateSpans.append(start..<Int32(scalars.count))
      }
      candidates.append(first..<Int32(candidateSpans.count))
    }
  }

  /// Appends the scalars of the UTF-8 bytes in `range`.
  mutating func appendDecoded(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
    let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
    var index = 0
    while index < slice.count { scalars.append(Characters.decodeUTF8(slice, &index)) }
  }

  /// A copy whose keys are mapped scalar by scalar.
  func mappingKeys(_ transform: (UInt32) -> UInt32) -> PhraseList {
    var copy = self
    for range in keys {
      for index in Int(range.lowerBound)..<Int(range.upperBound) { copy.scalars[index] = transform(scalars[index]) }
    }
    return copy
  }

  /// Entry indices ordered by key (lexicographically by scalar), equal keys in input order.
  func sortedEntryIndices() -> [Int] {
    scalars.withUnsafeBufferPointer { scalars in
      keys.indices.sorted { left, right in
        let a = keys[left]
        let b = keys[right]
        var i = Int(a.lowerBound)
        var j = Int(b.lowerBound)
        while i < Int(a.upperBound), j < Int(b.upperBound) {
          if scalars[i] != scalars[j] { return scalars[i] < scalars[j] }
          i += 1
          j += 1
        }
        let leftShorter = a.count < b.count
        return a.count == b.count ? left < right : leftShorter
      }
    }
  }

  /// Entries of one list followed by another's.
  static func + (lhs: PhraseList, rhs: PhraseList) -> PhraseList {
    var result = lhs
    let scalarOffset = Int32(lhs.scalars.count)
    let spanOffset = Int32(lhs.candidateSpans.count)
    result.scalars += rhs.scalars
    result.keys += rhs.keys.map { ($0.lowerBound + scalarOffset)..<($0.upperBound + scalarOffset) }
    result.candidateSpans += rhs.candidateSpans.map { ($0.lowerBound + scalarOffset)..<($0.upperBound + scalarOffset) }
    result.candidates += rhs.candidates.map { ($0.lowerBound + spanOffset)..<($0.upperBound + spanOffset) }
    return result
  }
}
