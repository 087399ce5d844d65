/// The Simplified characters whose Traditional form depends on context: some dictionary
/// phrase writes them otherwise than as their usual form (发: 头发 → 頭髮 beside 發). For every
/// other character the usual form is right wherever it stands, so a check need not look
/// for phrases around it. Also each character's usual form, in a table. The tables lie in
/// a snapshot's memory (read where they lie, about 1 MB) or, worked out, in memory of their
/// own in the same layout.
public struct ContextDependence: @unchecked Sendable {
  /// The memory the tables lie in (never written: the views below are read-only).
  private let storage: TableBytes
  /// A bit per scalar below ``ConversionTables/tableLimit``.
  private let bits: UnsafeBufferPointer<UInt64>
  /// Per scalar below the limit, its usual form (``ConversionTables/usualForm(_:in:)``): 0
  /// for `.itself`, `UInt32.max` for `.several`, else the character.
  private let usualForms: UnsafeBufferPointer<UInt32>
  /// A bit per scalar below the limit, set where the character is its own usual form and
  /// does not depend on context (的, 在): written unchanged, it is right wherever it stands.
  private let unchangedBits: UnsafeBufferPointer<UInt64>
  /// Per scalar below the limit, the furthest offset (from a phrase's start) at which some
  /// phrase writes it otherwise than as its usual form: phrases that start further back
  /// cannot contradict nor support it.
  private let phraseOffsets: UnsafeBufferPointer<UInt8>
  /// The longest phrase, in scalars.
  private let longestPhrase: Int
  /// The phrases (two or more characters) that can decide a context-dependent position:
  /// those with a candidate of their own length that writes some character otherwise than
  /// exactly as its usual form, or that hold a character beyond the table or one with
  /// several usual forms. A phrase writing every character as its usual form neither
  /// contradicts the usual form nor supports another, so the plain path searches these
  /// alone: about a fifth of OpenCC's phrases, in a trie that stays in the caches.
  let phrases: PhraseTrie

  /// The characters that some phrase of `trie` (two or more characters) writes, in a
  /// candidate of the phrase's length, otherwise than as their usual form: as a character
  /// not `interchangeable` with it (regional forms of one character count as one); and, in
  /// the same pass, the phrases that can decide a position (``phrases``).
  init(_ trie: PhraseTrie, interchangeable: (UInt32, UInt32) -> Bool) {
    let limit = UInt32(ConversionTables.tableLimit)
    var bits = [UInt64](repeating: 0, count: Int(limit) / 64)
    var usualForms = [UInt32](repeating: 0, count: Int(limit))
    var phraseOffsets = [UInt8](repeating: 0, count: Int(limit))
    // Keys come in key order, so neighbours share their first characters: each offset's
    // last character and its usual form are kept for the next key.
    let depth = max(trie.longestKey, 1)
    var originals = [UInt32](repeating: UInt32.max, count: depth)
    var usuals = [UInt32](repeating: 0, count: depth)
    var deciding = PhraseList()
    // Buffers, not arrays, inside the closure: no exclusivity check per access.
    bits.withUnsafeMutableBufferPointer { bits in
      originals.withUnsafeMutableBufferPointer { originals in
        usuals.withUnsafeMutableBufferPointer { usuals in
          trie.forEachEntry { key, entry in
            if key.count == 1 {
              if key[0] < limit {
                switch ConversionTables.usualForm(key[0], in: trie) {
                case .itself: usualForms[Int(key[0])] = 0
                case .character(let usual): usualForms[Int(key[0])] = usual
                case .several: usualForms[Int(key[0])] = .max
                }
              }
              return
            }
            for offset in 0..<key.count where key[offset] != originals[offset] {
              originals[offset] = key[offset]
              switch ConversionTables.usualForm(key[offset], in: trie) {
              case .itself: usuals[offset] = key[offset]
              case .character(let usual): usuals[offset] = usual
              // No single character is usual: every phrase counts.
              case .several: usuals[offset] = .max
              }
            }
            var decides = false
            for candidate in 0..<trie.candidateCount(entry) where trie.candidateLength(entry, candidate) == key.count {
              for offset in 0..<key.count {
                let written = trie.candidateScalar(entry, offset, of: candidate)
                let original = key[offset]
                guard written != usuals[offset] || original >= limit else { continue }
                decides = true
                guard original < limit, usuals[offset] == .max || !interchangeable(written, usuals[offset])
                else { continue }
                bits[Int(original / 64)] |= 1 << (original % 64)
                phraseOffsets[Int(original)] = max(phraseOffsets[Int(original)], UInt8(offset))
              }
            }
            if decides {
              deciding.append(
                key: key,
                candidates: (0..<trie.candidateCount(entry)).map { candidate in
                  (0..<trie.candidateLength(entry, candidate)).map { trie.candidateScalar(entry, $0, of: candidate) }
                })
            }
          }
        }
      }
    }
    var unchangedBits = [UInt64](repeating: 0, count: bits.count)
    usualForms.withUnsafeBufferPointer { forms in
      for word in unchangedBits.indices {
        var unchanged: UInt64 = 0
        for bit in 0..<64 where forms[64 * word + bit] == 0 { unchanged |= 1 << bit }
        unchangedBits[word] = unchanged & ~bits[word]
      }
    }
    // Surrogate code points are no characters.
    for word in (0xD800 / 64)..<(0xE000 / 64) { unchangedBits[word] = 0 }
    // Laid out as in a snapshot, in memory of their own.
    var writer = TableSnapshot.Writer(magic: Self.magic, version: 2, key: 0)
    Self.put(
      longestPhrase: trie.longestKey, bits, usualForms, unchangedBits, phraseOffsets, PhraseTrie(deciding).arrays,
      into: &writer)
    let storage = TableBytes(copying: writer.finished())
    guard var reader = TableSnapshot.Reader(storage.bytes, magic: Self.magic, version: 2, key: 0),
      let laidOut = Self(from: &reader, in: storage)
    else { preconditionFailure("worked-out context dependence does not read back") }
    self = laidOut
  }

  /// The kind of the in-memory layout of worked-out tables (``TableSnapshot``).
  private static let magic = Array("PTXCDEP1".utf8)

  /// Appends the tables to a snapshot (``TableSnapshot``).
  func put(into writer: inout TableSnapshot.Writer) {
    Self.put(
      longestPhrase: longestPhrase, Array(bits), Array(usualForms), Array(unchangedBits), Array(phraseOffsets),
      phrases.arrays, into: &writer)
  }

  private static func put(
    longestPhrase: Int, _ bits: [UInt64], _ usualForms: [UInt32], _ unchangedBits: [UInt64], _ phraseOffsets: [UInt8],
    _ phrases: PhraseTrie.Arrays, into writer: inout TableSnapshot.Writer
  ) {
    writer.put(UInt64(longestPhrase))
    writer.put(bits)
    writer.put(usualForms)
    writer.put(unchangedBits)
    writer.put(phraseOffsets)
    PhraseTrieSnapshot.put(phrases, into: &writer)
  }

  /// The tables of a snapshot being read, where they lie in `storage` (nothing copied), if
  /// they have the sizes this build uses; else nil. Any values are safe to read: they are
  /// compared, never used as indices.
  init?(from reader: inout TableSnapshot.Reader, in storage: TableBytes) {
    let limit = ConversionTables.tableLimit
    guard let longestPhrase = reader.field(), let bits: UnsafeBufferPointer<UInt64> = reader.view(),
      let usualForms: UnsafeBufferPointer<UInt32> = reader.view(),
      let unchangedBits: UnsafeBufferPointer<UInt64> = reader.view(),
      let phraseOffsets: UnsafeBufferPointer<UInt8> = reader.view(),
      bits.count == limit / 64, usualForms.count == limit, unchangedBits.count == limit / 64,
      phraseOffsets.count == limit, let phrases = PhraseTrieSnapshot.layout(from: &reader)
    else { return nil }
    self.phrases = PhraseTrie(storage: storage, layout: phrases)
    self.storage = storage
    self.longestPhrase = Int(clamping: longestPhrase)
    self.bits = bits
    self.usualForms = usualForms
    self.unchangedBits = unchangedBits
    self.phraseOffsets = phraseOffsets
  }

  /// True when the Simplified `scalar` is its own usual form and does not depend on context:
  /// written unchanged, it needs no table nor phrase. False beyond the table.
  @inline(__always)
  func isPlainUnchanged(_ scalar: UInt32) -> Bool {
    scalar < UInt32(ConversionTables.tableLimit) && unchangedBits[Int(scalar / 64)] & (1 << (scalar % 64)) != 0
  }

  /// True when the Simplified `scalar` does not depend on context and `written` is exactly its
  /// usual form (the table's value, not `.itself`): written so, it is right wherever it
  /// stands. False beyond the table.
  @inline(__always)
  func isIndependent(_ scalar: UInt32, writtenAsUsualForm written: UInt32) -> Bool {
    scalar < UInt32(ConversionTables.tableLimit) && usualForms[Int(scalar)] == written
      && bits[Int(scalar / 64)] & (1 << (scalar % 64)) == 0
  }

  /// How far back from a context-dependent Simplified `scalar` a phrase that writes it
  /// otherwise than as its usual form may start: the furthest offset of it in such a phrase
  /// (every offset of the longest phrase beyond the table).
  @inline(__always)
  func phraseReach(_ scalar: UInt32) -> Int {
    scalar < UInt32(ConversionTables.tableLimit) ? Int(phraseOffsets[Int(scalar)]) : max(longestPhrase - 1, 0)
  }

  /// The usual form of the Simplified `scalar`; nil beyond the table.
  @inline(__always)
  func usualForm(of scalar: UInt32) -> ConversionTables.UsualForm? {
    guard scalar < UInt32(ConversionTables.tableLimit) else { return nil }
    let value = usualForms[Int(scalar)]
    return value == 0 ? .itself : value == .max ? .several : .character(value)
  }

  /// True when some phrase writes the Simplified `scalar` otherwise than as its usual
  /// form; true for every character beyond the table, to be safe.
  @inline(__always)
  public func contains(_ scalar: UInt32) -> Bool {
    scalar >= UInt32(ConversionTables.tableLimit) || bits[Int(scalar / 64)] & (1 << (scalar % 64)) != 0
  }
}

/// A value computed by the first thread that asks for it; the others wait for it.
final class ComputedOnce<Value: Sendable>: @unchecked Sendable {
  private let lock = Lock()
  private var computed: Value?

  /// A value to compute on first use, or already known.
  init(_ known: Value? = nil) { computed = known }

  /// The value, computed now by `compute` if nobody has asked before.
  func value(_ compute: () -> Value) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let computed { return computed }
    let value = compute()
    computed = value
    return value
  }

  /// The value if it has been computed, else nil.
  var valueIfComputed: Value? {
    lock.lock()
    defer { lock.unlock() }
    return computed
  }
}
