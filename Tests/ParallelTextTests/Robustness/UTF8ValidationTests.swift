import Foundation
import Testing

@testable import ParallelText

/// The vectorised UTF-8 test (`TextDecoder.isCertainlyText`) against the byte-by-byte check
/// it stands in for: it may only say "text" of bytes the exact check accepts, and where it
/// runs (an x86-64 CPU with AVX2) it must say so of all of them, or the exact check would
/// run on every input again.
@Suite("Robustness: the vectorised UTF-8 test")
struct UTF8ValidationTests {
  /// Whether the exact check accepts the bytes.
  static func exactlyAccepted(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      (try? TextDecoder.exactlyValidateUTF8(buffer, 0..<buffer.count)) != nil
    }
  }

  /// The disagreements of the two on `cases`: bytes the fast test calls text that the exact
  /// check refuses (always wrong), and where the fast test runs, text it does not call text.
  static func disagreements(_ cases: [[UInt8]]) -> [[UInt8]] {
    cases.filter { bytes in
      let fast = bytes.withUnsafeBufferPointer { TextDecoder.isCertainlyText($0) }
      let exact = exactlyAccepted(bytes)
      return fast ? !exact : (exact && fastTestRuns)
    }
  }

  /// Two fillers a sequence is placed in: ASCII, and Chinese (three-byte sequences).
  static let fillers: [[UInt8]] = [Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8), Array("中文的声明與繁體字".utf8)]

  /// `sequence` in each filler at offsets that put it across the two 16-byte lanes of the
  /// first 32-byte block the test reads, across that block and the next (and at the very
  /// end), the filler cut at the offset and resumed after it.
  static func placed(_ sequence: [UInt8]) -> [[UInt8]] {
    var cases: [[UInt8]] = []
    for filler in fillers {
      let text = Array(repeating: filler, count: 3).joined()
      for offset in [0, 1, 2, 13, 14, 15, 16, 17, 29, 30, 31, 32, 33] {
        let before = Array(text.prefix(offset))
        cases.append(before + sequence + text.dropFirst(offset))
        cases.append(before + sequence)
      }
    }
    return cases
  }

  @Test("Every lead byte with boundary continuation bytes, across blocks and cut short at the end")
  func sequences() {
    let seconds: [UInt8] = [0x20, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xE4, 0xF0, 0xFF]
    let laters: [UInt8] = [0x41, 0x80, 0xBF, 0xC0]
    var sequences: [[UInt8]] = []
    for lead in UInt8(0x80)...0xFF {
      sequences.append([lead])
      for second in seconds {
        sequences.append([lead, second])
        // Third and fourth bytes matter after the leads of three and four bytes (and the
        // bytes above them, which are no leads).
        for third in laters where lead >= 0xE0 {
          sequences.append([lead, second, third])
          for fourth in laters where lead >= 0xF0 { sequences.append([lead, second, third, fourth]) }
        }
      }
    }
    let cases = sequences.flatMap(Self.placed)
    let found = Self.disagreements(cases)
    #expect(found.isEmpty, "\(found.count) of \(cases.count), e.g. \(found.prefix(3))")
  }

  @Test("Every ASCII byte, control characters included, across the lanes and blocks the test reads")
  func asciiBytes() {
    let cases = (UInt8(0x00)...0x7F).flatMap { Self.placed([$0]) }
    let found = Self.disagreements(cases)
    #expect(found.isEmpty, "\(found.count) of \(cases.count), e.g. \(found.prefix(3))")
  }

  @Test("Real statements, and copies with one byte changed, as the exact check says", arguments: 0..<4)
  func mutatedStatements(_ seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    var cases: [[UInt8]] = []
    for url in Fixtures.seeds {
      let text = try [UInt8](Data(contentsOf: url))
      cases.append(text)
      for _ in 0..<200 {
        var copy = text
        let index = Int.random(in: 0..<copy.count, using: &generator)
        copy[index] = UInt8.random(in: 0...255, using: &generator)
        // Cut too, at a random length: the end of the text falls anywhere in a block.
        cases.append(Array(copy.prefix(Int.random(in: index...copy.count, using: &generator))))
      }
    }
    let found = Self.disagreements(cases)
    #expect(found.isEmpty, "\(found.count) of \(cases.count)")
    #expect(cases.contains { !Self.exactlyAccepted($0) }, "some copies are not text")
  }

  /// Whether the fast test runs here.
  static let fastTestRuns = TextDecoder.vectorisedTestRuns

  @Test("The fast test runs on x86-64 CPUs with AVX2")
  func runsWhereItCan() throws {
    #if arch(x86_64) && os(Linux)
      // The CPU's features as Linux lists them.
      let flags = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
      let hasAVX2 = flags.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx2")
      #expect(Self.fastTestRuns == (hasAVX2 == true))
    #elseif !arch(x86_64)
      #expect(!Self.fastTestRuns)
    #endif
  }
}
