/// Tables as bytes, so that a shipped table loads by mapping its file instead of being
/// worked out from text at every start-up: its arrays are read where they lie.
///
/// Layout, little-endian: an 8-byte magic naming the kind of tables; UInt64 fields: format
/// version, a key naming what the tables were built from (a text's byte size, a checksum of
/// a rule source), a checksum of everything after the header; then the payload, UInt64
/// fields and arrays, each array a UInt64 element count followed by its elements, padded to
/// 8 bytes. A snapshot that is damaged, of another version or built from other sources is
/// refused, never trusted.
enum TableSnapshot {
  /// Writes a snapshot: the header, then the payload put in order.
  struct Writer {
    private var bytes: [UInt8]
    private let checksumOffset: Int

    /// A snapshot of the kind `magic` (8 bytes) in format `version`, built from `key`.
    init(magic: [UInt8], version: UInt64, key: UInt64) {
      precondition(magic.count == 8, "a snapshot's magic is 8 bytes")
      bytes = magic
      checksumOffset = magic.count + 16
      put(version)
      put(key)
      put(0)
    }

    /// Appends a field.
    mutating func put(_ value: UInt64) {
      withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends an array: its count, its elements, padding to 8 bytes.
    mutating func put<T: FixedWidthInteger>(_ values: [T]) {
      put(UInt64(values.count))
      if T(littleEndian: 1) == 1 {
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
      } else {
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
      }
      while bytes.count % 8 != 0 { bytes.append(0) }
    }

    /// The snapshot's bytes, with the payload's checksum in the header.
    func finished() -> [UInt8] {
      var out = bytes
      let payload = checksumOffset + 8
      let sum = out.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[payload...])) }
      withUnsafeBytes(of: sum.littleEndian) { out.replaceSubrange(checksumOffset..<payload, with: $0) }
      return out
    }
  }

  /// Reads a snapshot's payload in order, refusing anything that runs past the end.
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    private var offset = 0
    /// True when the snapshot is one of those shipped with the package (its checksum is one of
    /// ``TableSnapshot/shippedChecksums``): the tests that wrote it checked that its arrays
    /// hold together, so a reader need not check them again at every start-up.
    private(set) var isShipped = false

    /// A reader of the payload of `bytes`, if they are a snapshot of the kind `magic` in
    /// format `version` built from `key`, whose checksum matches. The arrays are read in
    /// place, so only on a little-endian host (as the layout is) and from 8-byte-aligned
    /// bytes; elsewhere nil, and the tables are built from their sources.
    init?(_ bytes: UnsafeRawBufferPointer, magic: [UInt8], version: UInt64, key: UInt64) {
      guard UInt32(littleEndian: 1) == 1, let base = bytes.baseAddress, Int(bitPattern: base) % 8 == 0,
        bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic)
      else { return nil }
      self.bytes = bytes
      offset = magic.count
      guard field() == version, field() == key, let stored = field(),
        stored == TableSnapshot.checksum(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
      else { return nil }
      isShipped = TableSnapshot.shippedChecksums.contains(stored)
    }

    /// True when the whole payload has been read.
    var isAtEnd: Bool { offset == bytes.count }

    /// The next field.
    mutating func field() -> UInt64? {
      guard offset + 8 <= bytes.count else { return nil }
      defer { offset += 8 }
      return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The next array, where it lies (its start is 8-byte aligned).
    mutating func view<T: FixedWidthInteger>() -> UnsafeBufferPointer<T>? {
      guard let count = field(), count <= UInt64(bytes.count - offset) / UInt64(MemoryLayout<T>.size) else {
        return nil
      }
      let start = bytes.baseAddress! + offset
      offset += (Int(count) * MemoryLayout<T>.size + 7) & ~7
      guard offset <= bytes.count else { return nil }
      return UnsafeBufferPointer(start: start.bindMemory(to: T.self, capacity: Int(count)), count: Int(count))
    }

    /// The next array, copied, if it has `count` elements.
    mutating func array<T: FixedWidthInteger>(count: Int) -> [T]? {
      guard let values: UnsafeBufferPointer<T> = view(), values.count == count else { return nil }
      return Array(values)
    }
  }

  /// The key a snapshot of the kind `magic` records in its header, whatever it is; nil when
  /// `bytes` are too short or of another kind (nothing else is checked).
  static func recordedKey(_ bytes: UnsafeRawBufferPointer, magic: [UInt8]) -> UInt64? {
    recordedField(1, of: bytes, magic: magic)
  }

  /// The payload checksum a snapshot of the kind `magic` records in its header, unchecked.
  static func recordedChecksum(_ bytes: UnsafeRawBufferPointer, magic: [UInt8]) -> UInt64? {
    recordedField(2, of: bytes, magic: magic)
  }

  /// Header field `index` (0: version, 1: key, 2: checksum) of a snapshot of the kind `magic`.
  private static func recordedField(_ index: Int, of bytes: UnsafeRawBufferPointer, magic: [UInt8]) -> UInt64? {
    guard bytes.count >= magic.count + 24, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
    return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: magic.count + 8 * index, as: UInt64.self))
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

  /// A key naming several values (the sizes of a table's source files, in order).
  static func key(_ values: [UInt64]) -> UInt64 {
    values.withUnsafeBytes { checksum($0) }
  }
}
