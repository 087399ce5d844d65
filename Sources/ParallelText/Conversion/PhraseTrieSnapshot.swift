/// A ``PhraseTrie`` as bytes, so that a shipped table loads by mapping its file instead of
/// parsing text and building the trie: the trie reads its arrays where they lie in the
/// mapping (a built trie keeps the same layout in memory of its own).
///
/// Layout, little-endian: the magic `PTXTRIE1`; UInt64 fields: format version, byte size
/// of the text the trie was built from, a checksum of everything after the header, key
/// count, longest key; then seven arrays, each a UInt64 element count followed by its
/// elements (Int32 or UInt32; ranges as two Int32), padded to 8 bytes. A snapshot that is
/// damaged or does not hold together is refused, never trusted.
enum PhraseTrieSnapshot {
  static let magic = Array("PTXTRIE1".utf8)
  static let version: UInt64 = 2

  /// The snapshot of `trie`, built from a text of `sourceSize` bytes.
  static func bytes(of trie: PhraseTrie, sourceSize: Int) -> [UInt8] {
    bytes(of: trie.arrays, sourceSize: sourceSize)
  }

  /// The snapshot of a trie's arrays, built from a text of `sourceSize` bytes.
  static func bytes(of arrays: PhraseTrie.Arrays, sourceSize: Int) -> [UInt8] {
    var out = magic
    func put(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
    func put<T: FixedWidthInteger>(_ values: [T]) {
      put(UInt64(values.count))
      if T(littleEndian: 1) == 1 {
        values.withUnsafeBytes { out.append(contentsOf: $0) }
      } else {
        for value in values { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
      }
      while out.count % 8 != 0 { out.append(0) }
    }
    func flat(_ ranges: [Range<Int32>]) -> [Int32] {
      var pairs: [Int32] = []
      pairs.reserveCapacity(2 * ranges.count)
      for range in ranges {
        pairs.append(range.lowerBound)
        pairs.append(range.upperBound)
      }
      return pairs
    }
    put(version)
    put(UInt64(sourceSize))
    let checksumOffset = out.count
    put(0)
    let payload = out.count
    put(UInt64(arrays.count))
    put(UInt64(arrays.longestKey))
    put(arrays.firstEdge)
    put(arrays.edgeLabels)
    put(arrays.edgeTargets)
    put(arrays.nodeEntry)
    put(flat(arrays.entryCandidates))
    put(flat(arrays.candidateRanges))
    put(arrays.scalars)
    let sum = out.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[payload...])) }
    withUnsafeBytes(of: sum.littleEndian) { out.replaceSubrange(checksumOffset..<payload, with: $0) }
    return out
  }

  /// A 64-bit checksum of 8-byte words (the payload is padded to 8 bytes), in four
  /// independent lanes so that their multiplies overlap (about 0.3 ms for the word list's
  /// 7 MB at every start-up): a changed word changes its lane, and every lane the result.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
      let mixed = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
      return mixed ^ (mixed >> 29)
    }
    @inline(__always) func word(_ offset: Int) -> UInt64 {
      UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    let seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    var lanes = (seed, seed &+ 1, seed &+ 2, seed &+ 3)
    var offset = 0
    while offset + 32 <= bytes.count {
      lanes = (
        mix(lanes.0, word(offset)), mix(lanes.1, word(offset + 8)), mix(lanes.2, word(offset + 16)),
        mix(lanes.3, word(offset + 24))
      )
      offset += 32
    }
    var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
    while offset + 8 <= bytes.count {
      hash = mix(hash, word(offset))
      offset += 8
    }
    return hash
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
  /// built from a text of `sourceSize` bytes and its arrays hold together; else nil. The
  /// arrays are read in place, so only on a little-endian host (as the layout is) and from
  /// 8-byte-aligned bytes; elsewhere the tables are built from their text.
  static func layout(of bytes: UnsafeRawBufferPointer, sourceSize: Int) -> PhraseTrie.Layout? {
    guard UInt32(littleEndian: 1) == 1, let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0,
      bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic)
    else { return nil }
    var reader = Reader(bytes: bytes)
    reader.offset = magic.count
    guard reader.field() == version, reader.field() == UInt64(sourceSize), let stored = reader.field(),
      stored == checksum(UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])),
      let count = reader.field(), let longestKey = reader.field(),
      let firstEdge: UnsafeBufferPointer<Int32> = reader.view(),
      let edgeLabels: UnsafeBufferPointer<UInt32> = reader.view(),
      let edgeTargets: UnsafeBufferPointer<Int32> = reader.view(),
      let nodeEntry: UnsafeBufferPointer<Int32> = reader.view(),
      let entryCandidates: UnsafeBufferPointer<Int32> = reader.view(),
      let candidateRanges: UnsafeBufferPointer<Int32> = reader.view(),
      let scalars: UnsafeBufferPointer<UInt32> = reader.view(), reader.offset == bytes.count
    else { return nil }
    let layout = PhraseTrie.Layout(
      firstEdge: firstEdge, edgeLabels: edgeLabels, edgeTargets: edgeTargets, nodeEntry: nodeEntry,
      entryCandidates: entryCandidates, candidateRanges: candidateRanges, scalars: scalars,
      count: Int(clamping: count), longestKey: Int(clamping: longestKey))
    return holdsTogether(layout) ? layout : nil
  }

  /// Whether every index in the arrays points inside its target array, every range is
  /// ordered, and each node's edges are a sorted run, so that lookups cannot read outside
  /// the arrays. One pass over each array: the word list's snapshot holds some two million
  /// values.
  static func holdsTogether(_ a: PhraseTrie.Layout) -> Bool {
    let nodes = a.nodeEntry.count
    guard nodes >= 1, a.firstEdge.count == nodes + 1, a.edgeLabels.count == a.edgeTargets.count,
      a.firstEdge[0] == 0, Int(a.firstEdge[nodes]) == a.edgeLabels.count,
      a.entryCandidates.count % 2 == 0, a.candidateRanges.count % 2 == 0, a.count >= 0, a.longestKey >= 0
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

  /// Whether `pairs` are ranges (start ≤ end) inside `bounds`.
  private static func ordered(_ pairs: UnsafeBufferPointer<Int32>, within bounds: Range<Int32>) -> Bool {
    stride(from: 0, to: pairs.count - 1, by: 2).allSatisfy { pairs[$0] <= pairs[$0 + 1] } && within(pairs, bounds)
  }

  /// Reads little-endian fields and arrays, refusing anything that runs past the end.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func field() -> UInt64? {
      guard offset + 8 <= bytes.count else { return nil }
      defer { offset += 8 }
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The next array, where it lies (its start is 8-byte aligned when `bytes` is).
    mutating func view<T: FixedWidthInteger>() -> UnsafeBufferPointer<T>? {
      guard let count = field(), count <= UInt64(bytes.count - offset) / UInt64(MemoryLayout<T>.size) else {
        return nil
      }
      let start = bytes.baseAddress! + offset
      offset += (Int(count) * MemoryLayout<T>.size + 7) & ~7
      guard offset <= bytes.count else { return nil }
      return UnsafeBufferPointer(start: start.bindMemory(to: T.self, capacity: Int(count)), count: Int(count))
    }
  }
}
