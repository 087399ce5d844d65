import Synchronization
import Testing

@testable import ParallelText

@Suite("Pair sets")
struct PairSetReaderTests {
  /// A pair set large enough to be read in chunks, with every kind of line break, comments,
  /// blank lines and ID columns; and, per pair, its line number and texts.
  static func largePairSet() -> (
    text: String, pairs: [(line: Int, column: Int, simplified: String, traditional: String)]
  ) {
    var text = ""
    var pairs: [(line: Int, column: Int, simplified: String, traditional: String)] = []
    var line = 0
    let breaks = ["\n", "\r\n", "\r", "\n"]
    for index in 0..<90_000 {
      line += 1
      switch index % 11 {
      case 3: text += "# comment \(index)"
      case 7: text += " \u{3000}"
      default:
        let simplified = "头发\(index)𠮷"
        let traditional = "頭髮\(index)𠮷"
        let id = index % 5 == 0 ? "id\(index)\t" : ""
        text += "\(id)\(simplified)\t\(traditional)"
        pairs.append((line, id.unicodeScalars.count + 1, simplified, traditional))
      }
      text += breaks[index % breaks.count]
    }
    return (text, pairs)
  }

  @Test(
    "A large pair set keeps every pair's line, columns and text, read at once or in pieces on all cores",
    arguments: [false, true])
  func chunks(inPieces: Bool) throws {
    let (text, pairs) = Self.largePairSet()
    #expect(text.utf8.count > 2 << 20)
    let segments =
      inPieces
      ? try Pipeline().process(pairs: Array(text.utf8), file: "big.tsv").segments
      : try PairSetReader().read(text: text, file: "big.tsv")
    #expect(segments.count == 2 * pairs.count)
    #expect(segments.map(\.id) == Array(1...segments.count))
    for (index, pair) in pairs.enumerated() {
      let (hans, hant) = (segments[2 * index], segments[2 * index + 1])
      #expect(hans.text == pair.simplified && hant.text == pair.traditional)
      #expect(hans.range.start.line == pair.line && hant.range.start.line == pair.line)
      #expect(hans.range.start.column == pair.column)
      #expect(hant.range.start.column == pair.column + pair.simplified.unicodeScalars.count + 1)
      #expect(hant.sourceRange(scalars: 2..<3).start.column == hant.range.start.column + 2)
    }
  }

  @Test("Columns count scalars eight bytes at a time exactly as the standard library counts them")
  func scalarCounts() {
    let alphabet = ["a", "é", "头", "𠮷", "\t", "「"]
    for length in 0..<40 {
      var text = (0..<length).map { alphabet[($0 * 7 + length) % alphabet.count] }.joined()
      let count = text.withUTF8 { Characters.scalarCount($0) }
      #expect(count == text.unicodeScalars.count, "\(text)")
    }
  }

  @Test("Every scalar is decoded from its UTF-8 as the standard library encodes it; a sequence cut short is U+FFFD")
  func decodedScalars() {
    var mismatches = 0
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      var text = String(scalar)
      let (decoded, index, count) = text.withUTF8 { bytes in
        var index = 0
        return (Characters.decodeUTF8(UnsafeRawBufferPointer(bytes), &index), index, bytes.count)
      }
      if decoded != value || index != count { mismatches += 1 }
    }
    #expect(mismatches == 0)
    for cut in ["头", "é", "𠮷"].map({ Array($0.utf8.dropLast()) }) {
      var index = 0
      #expect(cut.withUnsafeBytes { Characters.decodeUTF8($0, &index) } == 0xFFFD)
      #expect(index == cut.count)
    }
  }

  @Test("White space is Unicode's White_Space but line breaks, with the zero-width space and BOM")
  func whiteSpace() {
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let expected =
        (scalar.properties.isWhitespace && value != 0x0A && value != 0x0D) || value == 0x200B || value == 0xFEFF
      if Characters.isWhitespace(value) != expected { Issue.record("U+\(String(value, radix: 16))") }
    }
  }

  @Test("A large pair set read in 1 MiB parts of several pieces each keeps its order, lines, ids and findings")
  func partsOfPieces() throws {
    // The large set with a wrong pair after every 1,000th line, so that findings come from
    // every part.
    let lines = Self.largePairSet().text.split(separator: "\n", omittingEmptySubsequences: false)
    let text = lines.enumerated().flatMap { line -> [String] in
      line.offset % 1_000 == 500 ? [String(line.element), "头发很长\t頭發很長"] : [String(line.element)]
    }
    let bytes = Array(text.joined(separator: "\n").utf8)
    #expect(bytes.count > 2 << 20)
    let whole = try Pipeline().process(pairs: bytes, file: "big.tsv")
    var parts: [Document] = []
    try Pipeline().process(pairs: bytes, file: "big.tsv", partSize: 1 << 20) { parts.append($0) }
    // Each part is at least 1 MiB of whole lines (lines here are under 40 bytes).
    let most = (bytes.count + (1 << 20) - 1) >> 20
    #expect((min(most, bytes.count / ((1 << 20) + 40)))...most ~= parts.count)
    #expect(parts.flatMap(\.segments).map(\.id) == Array(1...whole.segments.count))
    #expect(parts.flatMap(\.segments).map(\.range) == whole.segments.map(\.range))
    #expect(parts.flatMap(\.units).map(\.id) == whole.units.map(\.id))
    #expect(Self.lines(parts.flatMap(\.findings)) == Self.lines(whole.findings))
    #expect(parts.allSatisfy { !$0.findings.isEmpty })
  }

  @Test("A bad line in a later chunk is reported with its own line number")
  func badLineInLaterChunk() {
    var text = Self.largePairSet().text
    // The set's 90,000 lines end with a line feed: the bad line is line 90,001.
    text += "only one field\n" + text
    #expect(throws: PairSetError(line: 90_001)) { try PairSetReader().read(text: text, file: "big.tsv") }
    #expect(text.withUTF8 { PairSetReader().firstError(utf8: $0) } == PairSetError(line: 90_001))
    #expect(throws: PairSetError(line: 90_001)) { try Pipeline().process(pairs: Array(text.utf8), file: "big.tsv") }
  }

  @Test("Checking a long pair set in chunks finds what checking it in short pieces finds")
  func chunkedCheck() throws {
    let samples = [
      "我们的系统需要联系\t我們的系統需要聯繫", "我们的系统需要联系\t我們的系統需要聯系", "头发很长\t頭發很長",
      "虚拟字元\t虚擬字元", "这里着急为什么\t這裡著急為什麼", "软件开发\t軟體開發", "多出来的字\t多出來的字啊",
      "他说“你好」\t他說“你好」", "以后再说\t以后再說",
    ]
    let lines = (0..<3_000).map { samples[$0 * 7 % samples.count] }
    func findings(_ lines: ArraySlice<String>) throws -> [String] {
      let document = try Pipeline().process(pairs: Array((lines.joined(separator: "\n") + "\n").utf8), file: "p.tsv")
      return document.findings.map { finding in
        let line = finding.range.start.line + lines.startIndex
        return "\(line):\(finding.range.start.column) \(finding.rule) \(finding.message) \(finding.expected ?? "")"
      }
    }
    let whole = try findings(lines[...])
    var pieces: [String] = []
    for start in stride(from: 0, to: lines.count, by: 500) { pieces += try findings(lines[start..<(start + 500)]) }
    #expect(whole.count > 1_000)
    #expect(whole == pieces)
  }

  /// Findings as a line each: position, rule, unit, message.
  static func lines(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.range.start.line):\($0.range.start.column) \($0.rule) \($0.unit ?? 0) \($0.message)" }
  }

  @Test(
    "A pair set checked a part at a time gives the parts in order, with the whole set's lines, ids and findings",
    arguments: [1, 10_000, 100_000])
  func parts(partSize: Int) throws {
    let samples = ["头发很长\t頭發很長", "我们的系统需要联系\t我們的系統需要聯系", "# comment", "", "以后再说\t以后再說"]
    let text = (0..<2_000).map { samples[$0 % samples.count] }.joined(separator: "\r\n") + "\n虚拟\t虚擬"
    let bytes = Array(text.utf8)
    let whole = try Pipeline().process(pairs: bytes, file: "p.tsv")
    var parts: [Document] = []
    try Pipeline().process(pairs: bytes, file: "p.tsv", partSize: partSize) { parts.append($0) }
    // Each part is at least `partSize` bytes of whole lines (lines here are under 40 bytes).
    let most = (bytes.count + partSize - 1) / partSize
    #expect((min(most, bytes.count / (partSize + 40)))...most ~= parts.count)
    if partSize == 1 { #expect(parts.count == 2_001) }
    if partSize >= bytes.count { #expect(parts.count == 1) }
    #expect(parts.flatMap(\.segments).map(\.id) == whole.segments.map(\.id))
    #expect(parts.flatMap(\.units).map(\.id) == Array(1...1_201))
    #expect(parts.flatMap(\.segments).map(\.range) == whole.segments.map(\.range))
    #expect(Self.lines(parts.flatMap(\.findings)) == Self.lines(whole.findings))
    #expect(whole.findings.last?.range.start.line == 2_001)
  }

  @Test(
    "A pair set checked for its findings alone leaves out the pairs with nothing to report, and finds what checking it whole finds",
    arguments: [1_000, 100_000])
  func findingsAlone(partSize: Int) throws {
    let samples = [
      "头发很长\t頭髮很長", "我们的系统需要联系\t我們的系統需要聯繫", "复制这个\t複製這個", "这里的人\t這裏的人",
      "头发很长\t頭發很長", "# comment", "", "id7\t这里着急为什么\t這裡著急為什麼", "他说“你好」\t他說“你好」",
      "虚拟字元\t虚擬字元", "以后再说\t以后再說", "多出来的字\t多出來的字啊",
      // Quotation styles mixed in one text only, and a Taiwan form (裡) in faithful text: the
      // pair sorter must keep these though the plain path finds them faithful.
      "他说“你好「吗」\t他說「你好『嗎』", "他说「你好『吗』\t他說「你好‘嗎』", "里面的东西\t裡面的東西",
    ]
    let text = (0..<3_000).map { samples[$0 * 7 % samples.count] }.joined(separator: "\r\n") + "\n"
    let bytes = Array(text.utf8)
    let whole = try Pipeline().process(pairs: bytes, file: "p.tsv")
    var parts: [Document] = []
    var pairs = 0
    try Pipeline().processForFindings(pairs: bytes, file: "p.tsv", partSize: partSize) { part, partPairs in
      parts.append(part)
      pairs += partPairs
    }
    #expect(pairs == whole.units.count)
    #expect(Self.lines(parts.flatMap(\.findings)) == Self.lines(whole.findings))
    // The pairs kept are the whole set's, ids and all; the first four samples are left out.
    let kept = parts.flatMap(\.segments)
    #expect(kept.count <= whole.segments.count * 3 / 4 && !kept.isEmpty)
    #expect(kept.allSatisfy { $0 == whole.segment($0.id) })
    #expect(!kept.contains { ["頭髮很長", "我們的系統需要聯繫", "複製這個", "這裏的人"].contains($0.text) })
    let units = Dictionary(uniqueKeysWithValues: whole.units.map { ($0.id, $0) })
    #expect(parts.flatMap(\.units).allSatisfy { $0 == units[$0.id] })
    // Prepared on the threads that checked them, the parts come in the same order.
    let prepared = Mutex<[Int]>([])
    var given: [(findings: [String], pairs: Int, first: Int?)] = []
    try Pipeline().processForFindings(
      pairs: bytes, file: "p.tsv", partSize: partSize,
      preparing: { part, partPairs in
        prepared.withLock { $0.append(partPairs) }
        return (Self.lines(part.findings), partPairs, part.units.first?.id)
      }, parts: { given.append($0) })
    #expect(given.map(\.findings) == parts.map { Self.lines($0.findings) })
    #expect(given.map(\.first) == parts.map { $0.units.first?.id })
    #expect(given.map(\.pairs).reduce(0, +) == whole.units.count)
    #expect(prepared.withLock { $0.sorted() } == given.map(\.pairs).sorted())
  }

  @Test("A document finds its segments by id when the ids have gaps")
  func segmentsWithGaps() {
    let ids = [3, 4, 9, 10, 11, 20]
    let segments = ids.map { id in
      Segment(
        id: id, kind: .paragraph, text: "第\(id)段",
        range: SourceRange(
          file: "p.tsv", start: SourcePosition(line: id, column: 1), end: SourcePosition(line: id, column: 4)),
        script: .simplified, positions: SourcePositions(start: SourcePosition(line: id, column: 1), count: 3))
    }
    let document = Document(file: "p.tsv", segments: segments)
    #expect(ids.allSatisfy { document.segment($0)?.text == "第\($0)段" })
    #expect([1, 2, 5, 12, 21].allSatisfy { document.segment($0) == nil })
  }

  @Test("A bad line anywhere in a pair set read in parts fails before any part is given")
  func partsBadLine() {
    let text = Self.largePairSet().text
    var parts = 0
    #expect(throws: PairSetError(line: 90_001)) {
      try Pipeline().process(pairs: Array((text + "only one field\n" + text).utf8), file: "p.tsv", partSize: 1 << 16) {
        _ in parts += 1
      }
    }
    #expect(parts == 0)
  }

  @Test("A UTF-16 pair set is read in parts like its UTF-8 twin")
  func partsUTF16() throws {
    let text = (0..<500).map { _ in "头发很长\t頭發很長" }.joined(separator: "\n")
    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    var fromUTF16: [Finding] = []
    try Pipeline().process(pairs: utf16, file: "p.tsv", partSize: 4_096) { fromUTF16 += $0.findings }
    let fromUTF8 = try Pipeline().process(pairs: Array(text.utf8), file: "p.tsv").findings
    #expect(fromUTF8.count == 500)
    #expect(Self.lines(fromUTF16) == Self.lines(fromUTF8))
  }
}
