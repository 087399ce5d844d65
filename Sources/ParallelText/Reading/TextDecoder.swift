import CUTF8

/// Why a file's bytes are not text, with the byte offset of the first offending byte.
public struct TextDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong, e.g. "invalid UTF-8".
  public var reason: String
  /// 0-based offset of the first offending byte in the file.
  public var byteOffset: Int

  /// Creates an error for `reason` at `byteOffset`.
  public init(reason: String, byteOffset: Int) {
    self.reason = reason
    self.byteOffset = byteOffset
  }

  public var description: String { "not a text file (\(reason) at byte \(byteOffset))" }
}

/// Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (or
/// recognisably without), refusing invalid sequences, NUL bytes and other binary content.
public enum TextDecoder {
  /// The text encodings the decoder recognises.
  public enum Encoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
  }

  /// Decodes `bytes` to a string, or throws the first reason they are not text.
  public static func decode(_ bytes: some Collection<UInt8>) throws(TextDecodingError) -> String {
    try decodeWithEncoding(bytes).text
  }

  /// Decodes `bytes` and reports which encoding was found.
  public static func decodeWithEncoding(_ bytes: some Collection<UInt8>) throws(TextDecodingError) -> (
    text: String, encoding: Encoding
  ) {
    let array = Array(bytes)
    return try array.withUnsafeBufferPointer { (buffer) throws(TextDecodingError) in
      if let range = try utf8Text(buffer) {
        return (String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self), .utf8)
      }
      if buffer.count >= 2, buffer[0] == 0xFF, buffer[1] == 0xFE {
        return (try decodeUTF16(buffer, from: 2, bigEndian: false), .utf16LittleEndian)
      }
      if buffer.count >= 2, buffer[0] == 0xFE, buffer[1] == 0xFF {
        return (try decodeUTF16(buffer, from: 2, bigEndian: true), .utf16BigEndian)
      }
      if let bigEndian = bomlessUTF16ByteOrder(buffer) {
        return (
          try decodeUTF16(buffer, from: 0, bigEndian: bigEndian),
          bigEndian ? .utf16BigEndian : .utf16LittleEndian
        )
      }
      return zeroByteUTF16(buffer)!
    }
  }

  /// Where the text of UTF-8 bytes lies (after a BOM), validated as `decode` validates it
  /// but not copied; nil when the bytes are UTF-16 text (`decode` reads those).
  public static func utf8Text(_ buffer: UnsafeBufferPointer<UInt8>) throws(TextDecodingError) -> Range<Int>? {
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
      try validateUTF8(buffer, from: 3)
      return 3..<buffer.count
    }
    if buffer.count >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
      return nil
    }
    if bomlessUTF16ByteOrder(buffer) != nil { return nil }
    do throws(TextDecodingError) {
      try validateUTF8(buffer, from: 0)
      return 0..<buffer.count
    } catch {
      if zeroByteUTF16(buffer) != nil { return nil }
      throw error
    }
  }

  /// UTF-16 without a BOM that the 4 KiB sample missed: mostly Chinese text, whose zero
  /// bytes (line feeds, 一 U+4E00) are too few or fall on both sides. Tried only when a
  /// quarter of the bytes are NUL or the bytes are not UTF-8 even without their NULs, so
  /// UTF-8 with a stray NUL stays an error.
  private static func zeroByteUTF16(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, encoding: Encoding)? {
    guard bytes.count >= 2, bytes.count % 2 == 0, bytes.contains(0) else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for index in stride(from: 0, to: bytes.count, by: 2) {
      if bytes[index] == 0 { evenZeros += 1 }
      if bytes[index + 1] == 0 { oddZeros += 1 }
    }
    if (evenZeros + oddZeros) * 4 < bytes.count {
      let withoutNUL = bytes.filter { $0 != 0 }
      let isUTF8 = withoutNUL.withUnsafeBufferPointer { buffer in (try? validateUTF8(buffer, from: 0)) != nil }
      guard !isUTF8 else { return nil }
    }
    // The byte order under which more characters are ASCII or CJK wins; on a tie, the one
    // that puts the zero bytes where ASCII has them (second in little-endian).
    var best: (text: String, encoding: Encoding, score: Int)?
    for bigEndian in oddZeros >= evenZeros ? [false, true] : [true, false] {
      guard let text = try? decodeUTF16(bytes, from: 0, bigEndian: bigEndian) else { continue }
      let score = text.unicodeScalars.reduce(0) { $0 + ($1.isASCII || Characters.isCJK($1) ? 1 : 0) }
      if score > best?.score ?? -1 { best = (text, bigEndian ? .utf16BigEndian : .utf16LittleEndian, score) }
    }
    return best.map { ($0.text, $0.encoding) }
  }

  /// Control characters that text files do not hold (all C0 but tab, line feed, vertical tab,
  /// form feed, carriage return and escape).
  @inline(__always)
  private static func isBinaryControl(_ value: UInt32) -> Bool {
    value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0B && value != 0x0C
      && value != 0x0D && value != 0x1B
  }

  private static func binaryReason(_ value: UInt32) -> String {
    value == 0 ? "NUL byte" : "control character 0x\(String(value, radix: 16, uppercase: true))"
  }

  /// Throws at the first byte of `bytes[start...]` that is not valid UTF-8 text. Large text is
  /// validated in chunks on all cores, each starting at a byte that is no continuation byte
  /// (where a valid sequence starts): the first error of the first chunk that has one is the
  /// error a single pass finds.
  private static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(TextDecodingError) {
    let chunks = ConcurrentChunks.count(bytes: bytes.count - start)
    guard chunks > 1 else { return try validateUTF8(bytes, start..<bytes.count) }
    var bounds = [start]
    for chunk in 1..<chunks {
      var bound = max(
        start + ConcurrentChunks.range(chunk, of: chunks, total: bytes.count - start).lowerBound, bounds.last!)
      while bound < bytes.count, bytes[bound] & 0xC0 == 0x80 { bound += 1 }
      bounds.append(bound)
    }
    bounds.append(bytes.count)
    nonisolated(unsafe) let bytes = bytes
    let errors = ConcurrentChunks.map(chunks) { [bounds] chunk -> TextDecodingError? in
      do throws(TextDecodingError) {
        try validateUTF8(bytes, bounds[chunk]..<bounds[chunk + 1])
        return nil
      } catch {
        return error
      }
    }
    if let error = errors.lazy.compactMap({ $0 }).first { throw error }
  }

  /// Throws at the first byte of `bytes[range]` that is not valid UTF-8 text; a sequence
  /// must end within the range. Text passes ``isCertainlyText(_:)``; what does not is
  /// checked byte by byte, which finds the offending byte.
  private static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(TextDecodingError) {
    if isCertainlyText(UnsafeBufferPointer(rebasing: bytes[range])) { return }
    try exactlyValidateUTF8(bytes, range)
  }

  /// True when the bytes are certainly what ``exactlyValidateUTF8(_:_:)`` accepts, tested
  /// 32 bytes at a time (`ptx_utf8_is_text`: AVX2); false when they are not, or where the
  /// CPU lacks the instructions.
  static func isCertainlyText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    return ptx_utf8_is_text(base, bytes.count) == 1
  }

  /// Whether ``isCertainlyText(_:)`` runs on this machine (it calls a letter text): where it
  /// does not, every input is checked byte by byte.
  static let vectorisedTestRuns = [UInt8(ascii: "a")].withUnsafeBufferPointer { isCertainlyText($0) }

  /// ``validateUTF8(_:_:)`` byte by byte, without the vectorised test: the definition the
  /// test must agree with (`UTF8ValidationTests` and `FuzzUTF8` hold it to that).
  static func exactlyValidateUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(TextDecodingError) {
    var index = range.lowerBound
    let count = range.upperBound
    let raw = UnsafeRawBufferPointer(bytes)
    while index < count {
      let byte = bytes[index]
      if byte < 0x80 {
        if byte < 0x20, isBinaryControl(UInt32(byte)) {
          throw TextDecodingError(reason: binaryReason(UInt32(byte)), byteOffset: index)
        }
        index += 1
        continue
      }
      // Most of Chinese text: a run of three-byte sequences whose lead byte puts no bound on
      // the second (E1–EC, EE–EF; E0 and ED do), each valid when two continuation bytes
      // follow (tested as one 16-bit word).
      if byte &- 0xE1 <= 0x0E, byte != 0xED, index + 2 < count,
        raw.loadUnaligned(fromByteOffset: index + 1, as: UInt16.self) & 0xC0C0 == 0x8080
      {
        index += 3
        while index + 2 < count {
          let lead = bytes[index]
          guard lead &- 0xE1 <= 0x0E, lead != 0xED,
            raw.loadUnaligned(fromByteOffset: index + 1, as: UInt16.self) & 0xC0C0 == 0x8080
          else { break }
          index += 3
        }
        continue
      }
      let length: Int
      let minimum: UInt32
      var value: UInt32
      switch byte {
      case 0xC2...0xDF: (length, minimum, value) = (2, 0x80, UInt32(byte & 0x1F))
      case 0xE0...0xEF: (length, minimum, value) = (3, 0x800, UInt32(byte & 0x0F))
      case 0xF0...0xF4: (length, minimum, value) = (4, 0x10000, UInt32(byte & 0x07))
      default: throw TextDecodingError(reason: "invalid UTF-8", byteOffset: index)
      }
      guard index + length <= count else {
        throw TextDecodingError(reason: "invalid UTF-8", byteOffset: index)
      }
      for offset in 1..<length {
        let next = bytes[index + offset]
        guard next & 0xC0 == 0x80 else {
          throw TextDecodingError(reason: "invalid UTF-8", byteOffset: index)
        }
        value = value << 6 | UInt32(next & 0x3F)
      }
      if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
        throw TextDecodingError(reason: "invalid UTF-8", byteOffset: index)
      }
      index += length
    }
  }

  private static func decodeUTF16(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, bigEndian: Bool
  ) throws(TextDecodingError) -> String {
    guard (bytes.count - start) % 2 == 0 else {
      throw TextDecodingError(reason: "invalid UTF-16 (odd length)", byteOffset: bytes.count - 1)
    }
    var units: [UInt16] = []
    units.reserveCapacity((bytes.count - start) / 2)
    var index = start
    while index < bytes.count {
      let unit =
        bigEndian
        ? UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
        : UInt16(bytes[index + 1]) << 8 | UInt16(bytes[index])
      units.append(unit)
      index += 2
    }
    var position = 0
    while position < units.count {
      let unit = units[position]
      let byteOffset = start + position * 2
      if (0xD800...0xDBFF).contains(unit) {
        guard position + 1 < units.count, (0xDC00...0xDFFF).contains(units[position + 1]) else {
          throw TextDecodingError(reason: "invalid UTF-16 (lone surrogate)", byteOffset: byteOffset)
        }
        position += 2
        continue
      }
      if (0xDC00...0xDFFF).contains(unit) {
        throw TextDecodingError(reason: "invalid UTF-16 (lone surrogate)", byteOffset: byteOffset)
      }
      if isBinaryControl(UInt32(unit)) {
        throw TextDecodingError(reason: binaryReason(UInt32(unit)), byteOffset: byteOffset)
      }
      position += 1
    }
    return String(decoding: units, as: UTF16.self)
  }

  /// UTF-16 without a BOM shows as NUL bytes in every other position (ASCII and Latin-1
  /// text). Returns the byte order when the first 4 KiB look like that, else nil.
  private static func bomlessUTF16ByteOrder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    let sample = min(bytes.count, 4096) & ~1
    guard sample >= 4 else { return nil }
    var evenZeros = 0
    var oddZeros = 0
    for index in stride(from: 0, to: sample, by: 2) {
      if bytes[index] == 0 { evenZeros += 1 }
      if bytes[index + 1] == 0 { oddZeros += 1 }
    }
    let pairs = sample / 2
    if oddZeros * 10 >= pairs * 4, evenZeros == 0 { return false }
    if evenZeros * 10 >= pairs * 4, oddZeros == 0 { return true }
    return nil
  }
}
