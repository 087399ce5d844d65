/// A ``PhraseTrie`` as bytes, so that a shipped table loads by mapping its file instead of
/// parsing text and building the trie: the trie reads its arrays where they lie in the
/// mapping (a built trie keeps the same layout in memory of its own).
///
/// A ``TableSnapshot`` of the kind `PTXTRIE1`, keyed by the byte size of the text the trie
/// was built from; a trie's payload is its key count, longest key and seven arrays (Int32
/// or UInt32; ranges as two Int32), then the three of its ``PhraseTrie/RootIndex`` (worked
/// out when the snapshot is written, so that loading one computes and allocates nothing). A
/// snapshot of several tables holds tries in the same form (``put(_:into:)``,
/// ``layout(from:)``). A trie whose arrays do not hold together is refused, never trusted.
enum PhraseTrieSnapshot {
  static let magic = Array("PTXTRIE1".utf8)
  static let version: UInt64 = 3

  /// The snapshot of `trie`, built from a text of `sourceSize` bytes.
  static func bytes(of trie: PhraseTrie, sourceSize: Int) -> [UInt8] {
    bytes(of: trie.arrays, sourceSize: sourceSize)
  }

  /// The snapshot of a trie's arrays, built from a text of `sourceSize` bytes.
  static func bytes(of arrays: PhraseTrie.Arrays, sourceSize: Int) -> [UInt8] {
    var writer = TableSnapshot.Writer(magic: magic, version: version, key: UInt64(sourceSize))
    put(arrays, into: &writer)
    return writer.finished()
  }

  /// Appends a trie's arrays to a snapshot (of one trie, or of several tables).
  static func put(_ arrays: PhraseTrie.Arrays, into writer: inout TableSnapshot.Writer) {
    put(
      arrays, entryCandidatePairs: pairs(arrays.entryCandidates), candidateRangePairs: pairs(arrays.candidateRanges),
      into: &writer)
  }

  /// Appends a trie's arrays with its two range arrays given as (start, end) pairs, as the
  /// snapshot holds them (`Range` cannot hold a reversed pair; a test writes one here), and
  /// its root index (worked out from the arrays unless given: a test gives a wrong one).
  static func put(
    _ arrays: PhraseTrie.Arrays, entryCandidatePairs: [Int32], candidateRangePairs: [Int32],
    rootIndex: PhraseTrie.RootIndex? = nil, into writer: inout TableSnapshot.Writer
  ) {
    writer.put(UInt64(arrays.count))
    writer.put(UInt64(arrays.longestKey))
    writer.put(arrays.firstEdge)
    writer.put(arrays.edgeLabels)
    writer.put(arrays.edgeTargets)
    writer.put(arrays.nodeEntry)
    writer.put(entryCandidatePairs)
    writer.put(candidateRangePairs)
    writer.put(arrays.scalars)
    let index = rootIndex ?? PhraseTrie.RootIndex(arrays)
    writer.put(index.blocks)
    writer.put(index.entries)
    writer.put(index.pairFilter)
  }

  /// Ranges as (start, end) pairs.
  static func pairs(_ ranges: [Range<Int32>]) -> [Int32] {
    var pairs: [Int32] = []
    pairs.reserveCapacity(2 * ranges.count)
    for range in ranges {
      pairs.append(range.lowerBound)
      pairs.append(range.upperBound)
    }
    return pairs
  }

  /// The trie in the snapshot file at `path`, mapped, if it is a snapshot of this format
  /// built from a text of `sourceSize` bytes whose arrays hold together; else nil (a missing
  /// file too). The trie reads the arrays where they lie: nothing is copied.
  static func trie(atPath path: String, sourceSize: Int) -> PhraseTrie? {
    TableBytes(mapping: path).flatMap { trie(from: $0, sourceSize: sourceSize) }
  }

  /// The trie in a copy of `bytes`, checked as a mapped snapshot is.
  static func trie(from bytes: UnsafeRawBufferPointer, sourceSize: Int) -> PhraseTrie? {
    trie(from: TableBytes(copying: Array(bytes)), sourceSize: sourceSize)
  }

  private static func trie(from storage: TableBytes, sourceSize: Int) -> PhraseTrie? {
    layout(of: storage.bytes, sourceSize: sourceSize).map { PhraseTrie(storage: storage, layout: $0) }
  }

  /// Where the arrays of the snapshot in `bytes` lie, if it is a snapshot of this format
  /// built from a text of `sourceSize` bytes and its arrays hold together; else nil.
  static func layout(of bytes: UnsafeRawBufferPointer, sourceSize: Int) -> PhraseTrie.Layout? {
    guard var reader = TableSnapshot.Reader(bytes, magic: magic, version: version, key: UInt64(sourceSize)),
      let layout = layout(from: &reader), reader.isAtEnd
    else { return nil }
    return layout
  }

  /// The next trie of a snapshot being read, if its arrays hold together; else nil.
  static func layout(from reader: inout TableSnapshot.Reader) -> PhraseTrie.Layout? {
    guard let count = reader.field(), let longestKey = reader.field(),
      let firstEdge: UnsafeBufferPointer<Int32> = reader.view(),
      let edgeLabels: UnsafeBufferPointer<UInt32> = reader.view(),
      let edgeTargets: UnsafeBufferPointer<Int32> = reader.view(),
      let nodeEntry: UnsafeBufferPointer<Int32> = reader.view(),
      let entryCandidates: UnsafeBufferPointer<Int32> = reader.view(),
      let candidateRanges: UnsafeBufferPointer<Int32> = reader.view(),
      let scalars: UnsafeBufferPointer<UInt32> = reader.view(),
      let rootBlocks: UnsafeBufferPointer<Int32> = reader.view(),
      let rootEntries: UnsafeBufferPointer<Int32> = reader.view(),
      let pairFilter: UnsafeBufferPointer<UInt64> = reader.view()
    else { return nil }
    let layout = PhraseTrie.Layout(
      firstEdge: firstEdge, edgeLabels: edgeLabels, edgeTargets: edgeTargets, nodeEntry: nodeEntry,
      entryCandidates: entryCandidates, candidateRanges: candidateRanges, scalars: scalars,
      rootBlocks: rootBlocks, rootEntries: rootEntries, pairFilter: pairFilter,
      count: Int(clamping: count), longestKey: Int(clamping: longestKey))
    return reader.isShipped || holdsTogether(layout) ? layout : nil
  }

  /// Whether every index in the arrays points inside its target array, every range is
  /// ordered, and each node's edges are a sorted run, so that lookups cannot read outside
  /// the arrays. One pass over each array: the word list's snapshot holds some two million
  /// values. (The root index is checked to point inside the arrays, not to agree with the
  /// root's edges: a wrong one answers lookups wrongly, as wrong labels would, but safely.)
  static func holdsTogether(_ a: PhraseTrie.Layout) -> Bool {
    let nodes = a.nodeEntry.count
    guard nodes >= 1, a.firstEdge.count == nodes + 1, a.edgeLabels.count == a.edgeTargets.count,
      a.firstEdge[0] == 0, Int(a.firstEdge[nodes]) == a.edgeLabels.count,
      a.entryCandidates.count % 2 == 0, a.candidateRanges.count % 2 == 0, a.count >= 0, a.longestKey >= 0,
      a.rootBlocks.count <= PhraseTrie.directRootLimit >> 8, a.rootEntries.count % 256 == 0,
      within(a.rootBlocks, -1..<Int32(clamping: max(a.rootEntries.count - 255, 0))),
      within(a.rootEntries, -1..<Int32(clamping: nodes)),
      (1...PhraseTrie.largestPairFilter).contains(a.pairFilter.count), a.pairFilter.count.nonzeroBitCount == 1
    else { return false }
    var edge = 0
    for node in 0..<nodes {
      let end = Int(a.firstEdge[node + 1])
      guard edge <= end else { return false }
      if edge < end {
        edge += 1
        while edge < end {
          guard a.edgeLabels[edge - 1] < a.edgeLabels[edge] else { return false }
          edge += 1
        }
      }
    }
    return within(a.edgeTargets, 1..<Int32(nodes))
      && within(a.nodeEntry, -1..<Int32(clamping: a.entryCandidates.count / 2))
      && ordered(a.entryCandidates, within: 0..<Int32(clamping: a.candidateRanges.count / 2 + 1))
      && ordered(a.candidateRanges, within: 0..<Int32(clamping: a.scalars.count + 1))
  }

  /// Whether every value lies in `bounds` (tested with the smallest and largest, found in
  /// one loop).
  private static func within(_ values: UnsafeBufferPointer<Int32>, _ bounds: Range<Int32>) -> Bool {
    var low = Int32.max
    var high = Int32.min
    for value in values {
      low = min(low, value)
      high = max(high, value)
    }
    return values.isEmpty || (bounds.contains(low) && bounds.contains(high))
  }

  /// Whether `pairs` are ranges (start ≤ end) inside `bounds`. One loop without an early
  /// exit, which the compiler vectorises (the word list's snapshot holds a million values).
  private static func ordered(_ pairs: UnsafeBufferPointer<Int32>, within bounds: Range<Int32>) -> Bool {
    var reversed: Int32 = 0
    guard let base = pairs.baseAddress else { return true }
    for index in 0..<(pairs.count / 2) {
      // Negative when a range ends before it starts (no overflow for values the bounds test
      // below accepts; it refuses the rest).
      reversed |= base[2 &* index &+ 1] &- base[2 &* index]
    }
    return reversed >= 0 && within(pairs, bounds)
  }
}
