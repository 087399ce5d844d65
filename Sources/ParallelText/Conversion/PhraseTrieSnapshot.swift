/// A ``PhraseTrie`` as bytes, so that a shipped table loads by copying arrays instead of
/// parsing text and building the trie (the word list: about 35 ms of start-up → 2 ms).
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
    let arrays = trie.arrays
    var out = magic
    func put(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
    func put<T: FixedWidthInteger>(_ values: [T]) {
      put(UInt64(values.count))
      for value in values { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
      while out.count % 8 != 0 { out.append(0) }
    }
    func flat(_ ranges: [Range<Int32>]) -> [Int32] { ranges.flatMap { [$0.lowerBound, $0.upperBound] } }
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

  /// The trie in `bytes` if they are a snapshot of this format, built from a text of
  /// `sourceSize` bytes, whose arrays hold together; else nil.
  static func trie(from bytes: UnsafeRawBufferPointer, sourceSize: Int) -> PhraseTrie? {
    var reader = Reader(bytes: bytes)
    guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return nil }
    reader.offset = magic.count
    guard reader.field() == version, reader.field() == UInt64(sourceSize), let stored = reader.field(),
      stored == checksum(UnsafeRawBufferPointer(rebasing: bytes[reader.offset...])),
      let count = reader.field(), let longestKey = reader.field(),
      let firstEdge: [Int32] = reader.array(), let edgeLabels: [UInt32] = reader.array(),
      let edgeTargets: [Int32] = reader.array(), let nodeEntry: [Int32] = reader.array(),
      let entryCandidates = reader.ranges(), let candidateRanges = reader.ranges(),
      let scalars: [UInt32] = reader.array(), reader.offset == bytes.count
    else { return nil }
    let arrays = PhraseTrie.Arrays(
      firstEdge: firstEdge, edgeLabels: edgeLabels, edgeTargets: edgeTargets, nodeEntry: nodeEntry,
      entryCandidates: entryCandidates, candidateRanges: candidateRanges, scalars: scalars,
      count: Int(clamping: count), longestKey: Int(clamping: longestKey))
    return holdsTogether(arrays) ? PhraseTrie(arrays) : nil
  }

  /// Whether every index in the arrays points inside its target array and each node's
  /// edges are a sorted run, so that lookups cannot trap. One pass over each array, on
  /// buffers: the word list's snapshot holds some two million values.
  static func holdsTogether(_ a: PhraseTrie.Arrays) -> Bool {
    let nodes = a.nodeEntry.count
    guard nodes >= 1, a.firstEdge.count == nodes + 1, a.edgeLabels.count == a.edgeTargets.count,
      a.firstEdge.first == 0, a.firstEdge.last.map(Int.init) == a.edgeLabels.count,
      a.count >= 0, a.longestKey >= 0
    else { return false }
    let sortedRuns = a.firstEdge.withUnsafeBufferPointer { first in
      a.edgeLabels.withUnsafeBufferPointer { labels in
        var edge = 0
        for node in 0..<nodes {
          let end = Int(first[node + 1])
          guard edge <= end else { return false }
          if edge < end {
            edge += 1
            while edge < end {
              guard labels[edge - 1] < labels[edge] else { return false }
              edge += 1
            }
          }
        }
        return true
      }
    }
    return sortedRuns && within(a.edgeTargets, 1..<Int32(nodes))
      && within(a.nodeEntry, -1..<Int32(clamping: a.entryCandidates.count))
      && within(a.entryCandidates, 0..<Int32(clamping: a.candidateRanges.count + 1))
      && within(a.candidateRanges, 0..<Int32(clamping: a.scalars.count + 1))
  }

  /// Whether every value lies in `bounds` (tested with the smallest and largest, found in
  /// one loop).
  private static func within(_ values: [Int32], _ bounds: Range<Int32>) -> Bool {
    values.withUnsafeBufferPointer { buffer in
      var low = Int32.max
      var high = Int32.min
      for value in buffer {
        low = min(low, value)
        high = max(high, value)
      }
      return buffer.isEmpty || (bounds.contains(low) && bounds.contains(high))
    }
  }

  /// Whether every range lies in `bounds` (its bounds are ordered by construction).
  private static func within(_ ranges: [Range<Int32>], _ bounds: Range<Int32>) -> Bool {
    ranges.withUnsafeBufferPointer { buffer in
      var low = Int32.max
      var high = Int32.min
      for range in buffer {
        low = min(low, range.lowerBound)
        high = max(high, range.upperBound)
      }
      return buffer.isEmpty || (bounds.contains(low) && bounds.contains(high))
    }
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

    mutating func array<T: FixedWidthInteger>() -> [T]? {
      guard let count = field(), count <= UInt64(bytes.count - offset) / UInt64(MemoryLayout<T>.size) else {
        return nil
      }
      let size = Int(count) * MemoryLayout<T>.size
      let start = offset
      let values = [T](unsafeUninitializedCapacity: Int(count)) { buffer, initialized in
        // The layout is little-endian, as the host is: one copy (else swap each value).
        UnsafeMutableRawBufferPointer(buffer).copyMemory(
          from: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + size)]))
        if T(littleEndian: 1) != 1 {
          for index in 0..<Int(count) { buffer[index] = T(littleEndian: buffer[index]) }
        }
        initialized = Int(count)
      }
      offset += (size + 7) & ~7
      return offset <= bytes.count ? values : nil
    }

    mutating func ranges() -> [Range<Int32>]? {
      guard let flat: [Int32] = array(), flat.count % 2 == 0 else { return nil }
      let count = flat.count / 2
      var valid = true
      let result = flat.withUnsafeBufferPointer { pairs in
        [Range<Int32>](unsafeUninitializedCapacity: count) { buffer, initialized in
          for index in 0..<count {
            let lower = pairs[2 * index]
            let upper = pairs[2 * index + 1]
            guard lower <= upper else {
              valid = false
              break
            }
            (buffer.baseAddress! + index).initialize(to: lower..<upper)
            initialized = index + 1
          }
        }
      }
      return valid ? result : nil
    }
  }
}
