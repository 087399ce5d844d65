#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What an English paragraph (or, at coarse resolution, a run of them) shows that survives
/// translation: its length, its words and numbers, its kind, sentence end and brackets,
/// and where it sits in the document.
struct EnglishEvidence: Sendable {
  var length: Double
  /// Hashes of its lowercased Latin words and numbers, sorted.
  var vocabulary: [UInt64] {
    didSet { vocabularyFilter = HashFilter(vocabulary) }
  }
  /// A quick test that a hash is not in `vocabulary`.
  var vocabularyFilter = HashFilter([])
  /// Hashes of its numbers, sorted, the first `PairMatch.numberLimit`.
  var numbers: [UInt64]
  /// Hashes of its distinctive words and numbers (for hard anchors), sorted; empty when merged.
  var distinctive: [UInt64]
  var kind: SegmentKind
  var endsSentence: Bool
  var brackets: Int
  /// Its place among the document's content segments (first and last, for merged runs).
  var first: Int
  var last: Int
  /// The source line of a segment split from a line holding several scripts.
  var sharedLine: Int?
  /// Stem hashes of its words, sorted, for the word list (empty without one).
  var stems: [UInt64] = [] {
    didSet { stemFilter = HashFilter(stems) }
  }
  /// A quick test that a stem is not among `stems`.
  var stemFilter = HashFilter([])

  init(_ segment: Segment, place: Int) {
    let tokens = Anchors.tokens(in: segment.text)
    length = Double(tokens.scalars)
    vocabulary = Anchors.sortedUnique(tokens.all)
    vocabularyFilter = HashFilter(vocabulary)
    numbers = Array(Anchors.sortedUnique(tokens.numbers).prefix(PairMatch.numberLimit))
    distinctive = Anchors.sortedUnique(tokens.distinctive)
    kind = segment.kind
    endsSentence = Anchors.endsSentence(segment.text)
    brackets = tokens.brackets
    first = place
    last = place
  }

  /// This paragraph and the next as one run, for the coarse levels of the search (which do
  /// without the word list: a run keeps no stems).
  func merged(with other: Self) -> Self {
    var result = self
    result.sharedLine = nil
    result.length += other.length
    result.distinctive = []
    result.vocabulary = Anchors.union(vocabulary, other.vocabulary, limit: 512)
    result.numbers = Anchors.union(numbers, other.numbers, limit: PairMatch.numberLimit)
    result.stems = []
    result.endsSentence = other.endsSentence
    result.brackets += other.brackets
    result.last = other.last
    return result
  }
}

/// What a Chinese unit (a Simplified/Traditional pair or a lone paragraph) shows that
/// survives translation.
struct ChineseEvidence: Sendable {
  /// Han characters.
  var han: Double
  /// Other visible characters (Latin words, digits, punctuation).
  var other: Double
  /// Hashes of its Latin words and numbers, sorted, the first `PairMatch.anchorLimit`.
  var anchors: [UInt64]
  var numbers: [UInt64]
  /// Hashes of its distinctive Latin words and numbers (for hard anchors), sorted; empty when merged.
  var distinctive: [UInt64]
  var kind: SegmentKind
  var endsSentence: Bool
  var brackets: Int
  var first: Int
  var last: Int
  /// Set when every paragraph of the unit comes from one line holding several scripts (a
  /// bilingual title): such a unit only joins English text on that same line.
  var sharedLine: Int?
  /// Its words found in the word list, with their English stems (empty without one).
  var words = LexicalWords()

  init(_ segment: Segment, first: Int, last: Int) {
    var han = 0
    var other = 0
    for scalar in segment.text.unicodeScalars where !Characters.isWhitespace(scalar) {
      if HanVariants.isHanIdeograph(scalar) { han += 1 } else { other += 1 }
    }
    self.han = Double(han)
    self.other = Double(other)
    let tokens = Anchors.tokens(in: segment.text)
    anchors = Array(Anchors.sortedUnique(tokens.all).prefix(PairMatch.anchorLimit))
    numbers = Anchors.sortedUnique(tokens.numbers)
    distinctive = Anchors.sortedUnique(tokens.distinctive)
    kind = segment.kind
    endsSentence = Anchors.endsSentence(segment.text)
    brackets = tokens.brackets
    self.first = first
    self.last = last
  }

  /// This unit and the next as one run, for the coarse levels of the search (which do
  /// without the word list: a run keeps no words).
  func merged(with other: Self) -> Self {
    var result = self
    result.sharedLine = nil
    result.han += other.han
    result.other += other.other
    result.distinctive = []
    result.anchors = Anchors.union(anchors, other.anchors, limit: PairMatch.anchorLimit)
    result.numbers = Anchors.union(numbers, other.numbers, limit: 64)
    result.words = LexicalWords()
    result.endsSentence = other.endsSentence
    result.brackets += other.brackets
    result.last = other.last
    return result
  }
}

/// The costs of aligning English paragraphs with Chinese units: a length model calibrated
/// per document, anchors (numbers, dates, URLs, e-mail addresses, Latin names inside the
/// Chinese text), kind, sentence ends, brackets, and in an interleaved document, adjacency.
struct TranslationScorer: BeadScorer {
  var english: [EnglishEvidence]
  var chinese: [ChineseEvidence]
  /// English characters per Han character in this document.
  var charactersPerHan: Double
  /// The bonus for an English paragraph and a Chinese unit that sit next to each other.
  var adjacencyBonus: Double
  var parameters = Parameters()
  /// What each (row, column) pair shares, kept as the search asks for it.
  var pairMatches = PairMatches(rows: 0, columns: 0)

  /// The weights of the cost model.
  struct Parameters: Sendable {
    var skipEnglish = 2.0
    var skipChinese = 2.0
    var logRatioDeviation = 0.25
    var shortTextVariance = 4.0
    var mergePenalty = 3.0
    var doubleMergePenalty = 5.0
    var anchorMatch = 1.2
    var anchorMissing = 1.2
    var numberMissing = 0.6
    var kindMismatch = 2.5
    var sentenceEndMismatch = 1.2
    var bracketMismatch = 0.4
    /// The weight of the word-list evidence: a log-likelihood ratio of the Chinese words
    /// whose English words occur in the English text, between translations (which show
    /// `lexiconMatchRate` of them) and chance (`lexiconChanceRate`), capped at
    /// `lexiconCap` either way.
    var lexiconWeight = 0.5
    let lexiconMatchRate = 0.55
    let lexiconChanceRate = 0.14
    var lexiconCap = 6.0
    /// The log-likelihood ratio of one word found and of one word not found (worked out
    /// once: the search scores hundreds of thousands of beads).
    let lexiconFound: Double
    let lexiconMissed: Double

    init() {
      lexiconFound = log(lexiconMatchRate / lexiconChanceRate)
      lexiconMissed = log((1 - lexiconMatchRate) / (1 - lexiconChanceRate))
    }
  }

  init(english: [EnglishEvidence], chinese: [ChineseEvidence], charactersPerHan: Double, adjacencyBonus: Double) {
    self.english = english
    self.chinese = chinese
    self.charactersPerHan = charactersPerHan
    self.adjacencyBonus = adjacencyBonus
    pairMatches = PairMatches(rows: english.count, columns: chinese.count)
  }

  var rowCount: Int { english.count }
  var columnCount: Int { chinese.count }

  func halved() -> Self {
    var result = self
    result.english = Self.pairwise(english) { $0.merged(with: $1) }
    result.chinese = Self.pairwise(chinese) { $0.merged(with: $1) }
    result.pairMatches = PairMatches(rows: result.english.count, columns: result.chinese.count)
    // The coarse levels only place the corridor: the word list, the costliest evidence per
    // pair, is left to the search at full resolution (merged runs carry no words or stems).
    return result
  }

  /// What English paragraph `row` and Chinese unit `column` share (computed once per pair:
  /// the search scores each pair in up to a dozen beads).
  func match(_ row: Int, _ column: Int) -> PairMatch {
    pairMatches.match(row, column) {
      var match = PairMatch()
      let english = english[row]
      let chinese = chinese[column]
      for (index, anchor) in chinese.anchors.enumerated()
      where english.vocabularyFilter.mayContain(anchor) && Anchors.contains(english.vocabulary, anchor) {
        match.anchors[index / 64] |= 1 << UInt64(index % 64)
      }
      for (index, number) in english.numbers.enumerated() where Anchors.contains(chinese.numbers, number) {
        match.numbers |= 1 << UInt64(index)
      }
      chinese.words.glosses.withUnsafeBufferPointer { glosses in
        var start = 0
        for (word, end) in chinese.words.ends.enumerated() where word < PairMatch.wordLimit {
          for index in start..<Int(end)
          where english.stemFilter.mayContain(glosses[index]) && Anchors.contains(english.stems, glosses[index]) {
            match.words[word / 64] |= 1 << UInt64(word % 64)
            break
          }
          start = Int(end)
        }
      }
      match.anchorsFound = UInt16(PairMatch.count(match.anchors))
      match.wordsFound = UInt16(PairMatch.count(match.words))
      match.numbersFound = UInt16(match.numbers.nonzeroBitCount)
      return match
    }
  }

  static func pairwise<T>(_ items: [T], _ merge: (T, T) -> T) -> [T] {
    stride(from: 0, to: items.count, by: 2).map { index in
      index + 1 < items.count ? merge(items[index], items[index + 1]) : items[index]
    }
  }

  func cost(_ bead: Bead) -> Double {
    if bead.columns == 0 { return parameters.skipEnglish * Double(bead.rows) }
    if bead.rows == 0 { return parameters.skipChinese * Double(bead.columns) }
    let rows = bead.row..<(bead.row + bead.rows)
    let columns = bead.column..<(bead.column + bead.columns)
    for column in columns {
      if let line = chinese[column].sharedLine, !rows.contains(where: { english[$0].sharedLine == line }) {
        return .infinity
      }
    }
    var englishLength = 0.0
    var han = 0.0
    var other = 0.0
    var englishBrackets = 0
    var chineseBrackets = 0
    for row in rows {
      englishLength += english[row].length
      englishBrackets += english[row].brackets
    }
    for column in columns {
      han += chinese[column].han
      other += chinese[column].other
      chineseBrackets += chinese[column].brackets
    }
    var cost = 0.0
    // Length: a Gaussian on the log ratio, wider for short texts.
    let predicted = charactersPerHan * han + other
    guard englishLength > 0, predicted > 0 else { return .infinity }
    let variance =
      parameters.logRatioDeviation * parameters.logRatioDeviation + parameters.shortTextVariance
      / (englishLength + predicted)
    let ratio = log(englishLength / predicted)
    cost +=
      ratio * ratio / (2 * variance) + 0.5
      * log(variance / (parameters.logRatioDeviation * parameters.logRatioDeviation))
    // Anchors: Latin words and numbers of the Chinese text found in the English one;
    // numbers of the English text missing from the Chinese one; words of the word list
    // whose English words the English text has.
    var matched = 0
    var missing = 0
    var words = 0
    var wordsMatched = 0
    for column in columns {
      let found: Int
      if rows.count == 1 {
        let match = match(rows.lowerBound, column)
        found = Int(match.anchorsFound)
        wordsMatched += Int(match.wordsFound)
      } else {
        var anchors = SIMD2<UInt64>(repeating: 0)
        var lexical = SIMD4<UInt64>(repeating: 0)
        for row in rows {
          let match = match(row, column)
          anchors |= match.anchors
          lexical |= match.words
        }
        found = PairMatch.count(anchors)
        wordsMatched += PairMatch.count(lexical)
      }
      matched += found
      missing += chinese[column].anchors.count - found
      words += chinese[column].words.ends.count
    }
    var numbersMissing = 0
    for row in rows where !english[row].numbers.isEmpty {
      let found: Int
      if columns.count == 1 {
        found = Int(match(row, columns.lowerBound).numbersFound)
      } else {
        var numbers: UInt64 = 0
        for column in columns { numbers |= match(row, column).numbers }
        found = numbers.nonzeroBitCount
      }
      numbersMissing += english[row].numbers.count - found
    }
    cost -= parameters.anchorMatch * Double(min(matched, 6))
    cost += parameters.anchorMissing * Double(min(missing, 6))
    cost += parameters.numberMissing * Double(min(numbersMissing, 6))
    if parameters.lexiconWeight > 0 && words > 0 {
      let ratio =
        Double(wordsMatched) * parameters.lexiconFound + Double(words - wordsMatched) * parameters.lexiconMissed
      cost -= parameters.lexiconWeight * min(parameters.lexiconCap, max(-parameters.lexiconCap, ratio))
    }
    // Structure: kind, sentence end, brackets.
    if english[rows.lowerBound].kind != chinese[columns.lowerBound].kind { cost += parameters.kindMismatch }
    if english[rows.upperBound - 1].endsSentence != chinese[columns.upperBound - 1].endsSentence {
      cost += parameters.sentenceEndMismatch
    }
    cost += parameters.bracketMismatch * Double(min(abs(englishBrackets - chineseBrackets), 4))
    // Bead shape prior.
    if bead.rows == 2 && bead.columns == 2 {
      cost += parameters.doubleMergePenalty
    } else if bead.rows == 2 || bead.columns == 2 {
      cost += parameters.mergePenalty
    }
    // Adjacency in an interleaved document.
    if adjacencyBonus > 0 {
      let englishFirst = english[rows.lowerBound].first
      let englishLast = english[rows.upperBound - 1].last
      let chineseFirst = chinese[columns.lowerBound].first
      let chineseLast = chinese[columns.upperBound - 1].last
      let gap = max(chineseFirst - englishLast, englishFirst - chineseLast) - 1
      if gap <= 0 {
        cost -= adjacencyBonus
      } else if gap == 1 {
        cost -= adjacencyBonus / 2
      }
    }
    return cost
  }
}

/// Tokens that survive translation, hashed for quick comparison.
enum Anchors {
  /// What one pass over a text counts: hashes of the lowercased Latin words (two letters
  /// or more) and of the numbers, and of the distinctive ones among them (four characters
  /// or more: names, commands, years), in text order; its scalars; its opening brackets.
  struct Tokens {
    var all: [UInt64] = []
    var numbers: [UInt64] = []
    var distinctive: [UInt64] = []
    var scalars = 0
    /// Opening brackets of either width.
    var brackets = 0
  }

  /// The tokens, scalar count and opening brackets of a text, in one pass.
  static func tokens(in text: String) -> Tokens {
    var result = Tokens()
    var hash: UInt64 = 0
    var length = 0
    var isNumber = false
    func flush() {
      if length >= 2 || (isNumber && length >= 1) {
        result.all.append(hash)
        if isNumber { result.numbers.append(hash) }
        if length >= 4 { result.distinctive.append(hash) }
      }
      hash = 0xcbf2_9ce4_8422_2325
      length = 0
    }
    hash = 0xcbf2_9ce4_8422_2325
    for scalar in text.unicodeScalars {
      result.scalars += 1
      var value = scalar.value
      if value >= 0xFF10 && value <= 0xFF5A { value -= 0xFEE0 }  // full-width ASCII
      let isDigit = value >= 0x30 && value <= 0x39
      let isLetter = (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A
      if isDigit || isLetter {
        if length > 0 && isDigit != isNumber { flush() }
        isNumber = isDigit
        hash = (hash ^ UInt64(isLetter ? value | 0x20 : value)) &* 0x100_0000_01b3
        length += 1
      } else {
        if length > 0 { flush() }
        if scalar == "(" || scalar == "（" || scalar == "[" || scalar == "【" { result.brackets += 1 }
      }
    }
    if length > 0 { flush() }
    return result
  }

  /// The hashes sorted, each once.
  static func sortedUnique(_ hashes: [UInt64]) -> [UInt64] {
    var result = hashes.sorted()
    var kept = 0
    for index in result.indices where kept == 0 || result[index] != result[kept - 1] {
      result[kept] = result[index]
      kept += 1
    }
    result.removeLast(result.count - kept)
    return result
  }

  static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] == value
  }

  static func union(_ a: [UInt64], _ b: [UInt64], limit: Int) -> [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(min(limit, a.count + b.count))
    var i = 0
    var j = 0
    while result.count < limit && (i < a.count || j < b.count) {
      let next: UInt64
      if j >= b.count || (i < a.count && a[i] <= b[j]) {
        next = a[i]
        i += 1
        if j < b.count && b[j] == next { j += 1 }
      } else {
        next = b[j]
        j += 1
      }
      result.append(next)
    }
    return result
  }

  static func endsSentence(_ text: String) -> Bool {
    var scalars = text.unicodeScalars.reversed().drop(while: { Characters.isWhitespace($0) })[...]
    while let first = scalars.first, Characters.isClosing(first) { scalars = scalars.dropFirst() }
    guard let last = scalars.first else { return false }
    return Characters.isTerminal(last)
  }
}

/// A one-hash Bloom filter over 64-bit hashes, about eight bits a hash (256 to 8,192
/// bits): no false negatives, so a miss needs no search, and about one false hit in nine.
struct HashFilter: Sendable {
  private var bits: [UInt64]
  private var shift: UInt64

  init(_ hashes: [UInt64]) {
    var width = 8
    while (1 << width) < hashes.count * 8 && width < 13 { width += 1 }
    bits = Array(repeating: 0, count: (1 << width) / 64)
    shift = UInt64(64 - width)
    for hash in hashes {
      let bit = Self.bit(hash, shift)
      bits[Int(bit >> 6)] |= 1 << (bit & 63)
    }
  }

  /// The filter bit of a hash: its top bits after a multiplicative mix.
  @inline(__always)
  private static func bit(_ hash: UInt64, _ shift: UInt64) -> UInt64 {
    (hash &* 0x9E37_79B9_7F4A_7C15) >> shift
  }

  @inline(__always)
  func mayContain(_ hash: UInt64) -> Bool {
    let bit = Self.bit(hash, shift)
    return bits.withUnsafeBufferPointer { $0[Int(bit >> 6)] } & (1 << (bit & 63)) != 0
  }
}

/// What one English paragraph and one Chinese unit share, as bit sets: over the unit's
/// anchors, the paragraph's numbers and the unit's word-list words.
struct PairMatch: Sendable {
  /// The most anchors a Chinese unit keeps, numbers an English paragraph keeps, and
  /// word-list words of a unit that count as found (the widths of the bit sets).
  static let anchorLimit = 128
  static let numberLimit = 64
  static let wordLimit = 256

  /// Bit i: the unit's i-th word has an English word in the paragraph.
  var words = SIMD4<UInt64>(repeating: 0)
  /// Bit i: the unit's i-th anchor is among the paragraph's words and numbers.
  var anchors = SIMD2<UInt64>(repeating: 0)
  /// Bit i: the paragraph's i-th number is among the unit's numbers.
  var numbers: UInt64 = 0
  /// The bits set in `anchors`, `words` and `numbers`, counted once (a bead of one
  /// paragraph, most of them, needs no union and no count of its own).
  var anchorsFound: UInt16 = 0
  var wordsFound: UInt16 = 0
  var numbersFound: UInt16 = 0

  /// The bits set in a bit set.
  static func count<Bits: SIMD>(_ bits: Bits) -> Int where Bits.Scalar == UInt64 {
    var total = 0
    for index in bits.indices { total += bits[index].nonzeroBitCount }
    return total
  }
}

/// The pair matches of one scorer, computed once per (English paragraph, Chinese unit):
/// in one flat table for problems up to `denseLimit` pairs, else in a dictionary (a long
/// document's search visits only a band of its pairs). A scorer and its table serve one
/// alignment on one thread (each `Aligner.alignment` call makes its own). The flat table
/// is raw memory: a class's array properties would pay an exclusivity check on every
/// lookup, a tenth of the search's time.
final class PairMatches: @unchecked Sendable {
  /// The most pairs kept in a flat table (64 bytes each: 16 MB).
  static let denseLimit = 1 << 18
  private let columns: Int
  private let dense: UnsafeMutableBufferPointer<PairMatch>
  private let known: UnsafeMutableBufferPointer<UInt64>
  private var sparse: [Int: PairMatch] = [:]

  init(rows: Int, columns: Int, denseLimit: Int = PairMatches.denseLimit) {
    self.columns = columns
    let (pairs, overflow) = rows.multipliedReportingOverflow(by: columns)
    let count = !overflow && pairs <= denseLimit ? pairs : 0
    dense = .allocate(capacity: count)
    known = .allocate(capacity: (count + 63) / 64)
    known.initialize(repeating: 0)
  }

  deinit {
    dense.deallocate()
    known.deallocate()
  }

  /// The match stored for (`row`, `column`), computed by `make` the first time.
  @inline(__always)
  func match(_ row: Int, _ column: Int, _ make: () -> PairMatch) -> PairMatch {
    let key = row &* columns &+ column
    if dense.isEmpty {
      if let match = sparse[key] { return match }
      let match = make()
      sparse[key] = match
      return match
    }
    let bit: UInt64 = 1 << UInt64(key & 63)
    if known[key >> 6] & bit != 0 { return dense[key] }
    (dense.baseAddress! + key).initialize(to: make())
    known[key >> 6] |= bit
    return dense[key]
  }
}
