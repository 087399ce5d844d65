import Foundation

/// The Simplified characters whose Traditional form depends on context: some dictionary
/// phrase writes them otherwise than as their usual form (发: 头发 → 頭髮 beside 發). For every
/// other character the usual form is right wherever it stands, so a check need not look
/// for phrases around it. Also each character's usual form, in a table.
public struct ContextDependence: Sendable {
  /// A bit per scalar below ``ConversionTables/tableLimit``.
  private let bits: [UInt64]
  /// Per scalar below the limit: 0 when it has no entry (it is its own usual form),
  /// `UInt32.max` when its first candidate is several characters, else its usual form under
  /// `form`.
  private let usualForms: [UInt32]

  /// A character's usual Traditional form.
  enum UsualForm {
    /// No entry: the character itself, exactly.
    case itself
    /// This character, compared up to regional form.
    case form(UInt32)
    /// The first candidate is several characters: no single character is usual.
    case several
  }

  /// The characters that some phrase of `trie` (two or more characters) writes, in a
  /// candidate of the phrase's length, otherwise than as their usual form, compared under
  /// `form` (regional forms count as one).
  init(_ trie: PhraseTrie, form: (UInt32) -> UInt32) {
    let limit = UInt32(ConversionTables.tableLimit)
    var bits = [UInt64](repeating: 0, count: Int(limit) / 64)
    var usualForms = [UInt32](repeating: 0, count: Int(limit))
    // Keys come depth first, so neighbours share their first characters: each offset's
    // last character and its usual form (raw and under `form`) are kept for the next key.
    let depth = max(trie.longestKey, 1)
    var originals = [UInt32](repeating: UInt32.max, count: depth)
    var usuals = [(raw: UInt32, form: UInt32)](repeating: (0, 0), count: depth)
    // Buffers, not arrays, inside the closure: no exclusivity check per access.
    bits.withUnsafeMutableBufferPointer { bits in
      originals.withUnsafeMutableBufferPointer { originals in
        usuals.withUnsafeMutableBufferPointer { usuals in
          trie.forEachEntry { key, entry in
            if key.count == 1 {
              if key[0] < limit {
                usualForms[Int(key[0])] =
                  trie.candidateLength(entry, 0) == 1 ? form(trie.candidateScalar(entry, 0, of: 0)) : .max
              }
              return
            }
            for offset in 0..<key.count where key[offset] != originals[offset] {
              originals[offset] = key[offset]
              // No usual form (the first candidate is several characters): every phrase counts.
              usuals[offset] =
                ConversionTables.usualForm(key[offset], in: trie).map { ($0, form($0)) } ?? (.max, .max)
            }
            for candidate in 0..<trie.candidateCount(entry) where trie.candidateLength(entry, candidate) == key.count {
              for offset in 0..<key.count {
                let written = trie.candidateScalar(entry, offset, of: candidate)
                let original = key[offset]
                guard written != usuals[offset].raw, form(written) != usuals[offset].form, original < limit
                else { continue }
                bits[Int(original / 64)] |= 1 << (original % 64)
              }
            }
          }
        }
      }
    }
    self.bits = bits
    self.usualForms = usualForms
  }

  /// The usual form of the Simplified `scalar`, or nil beyond the table.
  @inline(__always)
  func usualForm(of scalar: UInt32) -> UsualForm? {
    guard scalar < UInt32(ConversionTables.tableLimit) else { return nil }
    let value = usualForms[Int(scalar)]
    return value == 0 ? .itself : value == .max ? .several : .form(value)
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
  private let lock = NSLock()
  private var computed: Value?
  private let compute: @Sendable () -> Value

  init(_ compute: @escaping @Sendable () -> Value) { self.compute = compute }

  /// The value, computed now if nobody has asked before.
  var value: Value {
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
