import Testing

@testable import ParallelText

@Suite("Conversion checks")
struct ConversionCheckTests {
  let check = ConversionCheck()

  @Test("聯系 where 联系 means 聯繫 is a wrong character choice naming the deciding phrase")
  func wrongChoice() throws {
    let findings = check.check(simplified: "在两地之间建立起联系。", traditional: "在兩地之間建立起聯系。")
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.rule == "wrong-character-choice")
    #expect(finding.severity == .error)
    #expect(finding.actual == "聯系")
    #expect(finding.expected == "聯繫")
    #expect(finding.message.contains("联系 → 聯繫"))
    #expect(finding.range.start.column == 9 && finding.range.end.column == 11)
  }

  @Test("Correct human text is not flagged where converters go wrong (街頭發出, not 街頭髮出)")
  func noFalseAlarm() {
    let findings = check.check(
      simplified: "我们听到一位抗议者在上海街头发出“fuck the police”的呼喊",
      traditional: "我們聽到一位抗議者在上海街頭發出「fuck the police」的呼喊")
    #expect(findings.isEmpty)
  }

  @Test(
    "Phrases decide other ambiguous characters too, and a standard character is not taken for another that a region writes like it (蔘數 for 参数)",
    arguments: [
      ("他的头发很长", "他的頭發很長", "頭髮"),
      ("我想吃面条", "我想吃面條", "麪條"),
      ("参数设置", "蔘數設置", "參數"),  // Taiwan writes ginseng, 蔘, as 參; 蔘 is not 參
      ("人才", "人纔", "人才"),
      ("核心", "覈心", "核心"),
      ("指针", "指鍼", "指針"),
    ])
  func phrases(simplified: String, traditional: String, expected: String) {
    let findings = check.check(simplified: simplified, traditional: traditional)
    #expect(findings.map(\.rule) == ["wrong-character-choice"])
    #expect(findings.first?.expected == expected)
    #expect(!check.isPlainlyFaithful(simplified: simplified, traditional: traditional))
  }

  @Test(
    "A regional form stands where its standard form is expected",
    arguments: [
      ("人参", "人參"),  // OpenCC: 人参 → 人蔘; Taiwan writes 蔘 as 參
      ("鲇鱼", "鯰魚"),  // OpenCC: 鲇 → 鮎; Taiwan writes 鮎 as 鯰
      ("刚才", "剛纔"),
      ("刚才", "剛才"),  // Taiwan writes 纔 as 才
    ])
  func regionalFormStands(simplified: String, traditional: String) {
    #expect(check.check(simplified: simplified, traditional: traditional).isEmpty)
  }

  @Test("The Taiwan standard writes expected text in Taiwan's forms")
  func taiwanExpected() {
    let findings = ConversionCheck(standard: .taiwan).check(simplified: "我想吃面条", traditional: "我想吃面條")
    #expect(findings.map(\.expected) == ["麵條"])
  }

  @Test(
    "A Traditional word of CC-CEDICT is accepted where OpenCC's phrase or usual form says otherwise",
    arguments: [
      ("只计算回归系数", "只計算回歸係數"),  // OpenCC: 回归 → 迴歸
      ("我在实践断舍离", "我在實踐斷捨離"),  // OpenCC: 舍 is usually 舍; CC-CEDICT writes 斷捨離
      ("请了解如何变更", "請了解如何變更"),  // OpenCC: 了解 → 瞭解
    ])
  func cedictWords(simplified: String, traditional: String) {
    #expect(check.check(simplified: simplified, traditional: traditional).isEmpty)
    var strict = check
    strict.requiresSecondOpinion = false
    #expect(strict.check(simplified: simplified, traditional: traditional).map(\.rule) == ["wrong-character-choice"])
  }

  @Test("Where no phrase speaks, ICU's default form is as usual as OpenCC's (捨入, not only 舍入)")
  func icuDefaultForm() {
    #expect(check.check(simplified: "将数字向下舍入为整数。", traditional: "將數字向下捨入為整數。").isEmpty)
    var strict = check
    strict.requiresSecondOpinion = false
    #expect(
      strict.check(simplified: "将数字向下舍入为整数。", traditional: "將數字向下捨入為整數。").map(\.expected) == ["舍"])
    // Where OpenCC and ICU agree (发 → 發), the other form is still wrong with no phrase.
    #expect(check.check(simplified: "发", traditional: "髮").map(\.rule) == ["wrong-character-choice"])
  }

  @Test("Only CC-CEDICT's own words vouch: other choices OpenCC rules out stay errors")
  func cedictWordsOnly() {
    // CC-CEDICT has no 週邊: OpenCC's 周边 → 周邊 decides.
    #expect(check.check(simplified: "周边文字", traditional: "週邊文字").map(\.expected) == ["周邊"])
    // 聯係 is only "a variant of 聯繫" in CC-CEDICT: not a word of its own, still wrong.
    #expect(check.check(simplified: "联系", traditional: "聯係").map(\.expected) == ["聯繫"])
  }

  @Test("Texts that differ beyond conversion are a mismatch with the differing span")
  func mismatch() throws {
    let findings = check.check(simplified: "香港人在2020年反抗国安法", traditional: "香港人在2019年反抗國安法")
    let finding = try #require(findings.first)
    #expect(findings.count == 1)
    #expect(finding.rule == "hans-hant-mismatch")
    #expect(finding.actual == "19")
    #expect(finding.expected == "20")
    #expect(finding.range.start.column == 7)
  }

  @Test("Missing text in the Traditional twin is reported")
  func missingText() {
    let findings = check.check(simplified: "许多平日与维稳机器保持距离的人们", traditional: "許多平日與維穩機器的人們")
    #expect(findings.map(\.rule) == ["hans-hant-mismatch"])
    #expect(findings.first?.message.contains("保持距离") == true)
  }

  @Test("Simplified-only characters in Traditional text and the reverse are flagged")
  func wrongVariety() {
    let findings = check.check(simplified: "虚拟字元", traditional: "虚擬字元")
    #expect(findings.map(\.rule) == ["simplified-in-hant"])
    #expect(findings.first?.expected == "虛")
    // Where a phrase decides the position, its form: 头发 → 頭髮, not 发's usual 發.
    let decided = check.check(simplified: "他的头发很长", traditional: "他的頭发很長")
    #expect(decided.map(\.rule) == ["simplified-in-hant"])
    #expect(decided.first?.expected == "髮" && decided.first?.message.hasSuffix("use 髮") == true)
    // The Simplified text's own purity: a Traditional-only character in it.
    let segment = Segment(
      id: 1, kind: .paragraph, text: "当比较目录時",
      range: SourceRange(file: "f", start: .init(line: 1, column: 1), end: .init(line: 1, column: 7)),
      script: .simplified, positions: (1...6).map { SourcePosition(line: 1, column: $0) })
    #expect(check.wrongVariety(in: segment).map(\.rule) == ["traditional-in-hans"])
    #expect(check.wrongVariety(in: segment).first?.expected == "时")
    // With the Traditional text as the original, the Simplified one is checked.
    let reverse = ConversionCheck(direction: .traditionalToSimplified).check(
      simplified: "当比较目录時", traditional: "當比較目錄時")
    #expect(reverse.map(\.rule) == ["traditional-in-hans"])
  }

  @Test("Quote styles, spacing and full-width punctuation never count as a mismatch")
  func punctuation() {
    #expect(check.check(simplified: "“清零”政策，好。", traditional: "「清零」政策,好。 ").isEmpty)
  }

  @Test("A paragraph mixing “” and 「」 gets a quote-style warning at the second style")
  func quoteStyle() throws {
    let segment = try #require(Reader().read(text: "“清零”和「口号」\n", file: "f").first)
    let finding = try #require(QuoteStyleCheck().check(segment))
    #expect(finding.rule == "quote-style")
    #expect(finding.severity == .warning)
    #expect(finding.range.start.column == 6)
    #expect(QuoteStyleCheck().check(try #require(Reader().read(text: "don’t “quote”", file: "f").first)) == nil)
  }

  @Test("A Traditional paragraph without a Simplified twin is still checked for Simplified-only characters")
  func unpaired() {
    let text = "Political movements spread to Hong Kong from elsewhere.\n\n政治運動和激進主义也從其它地方傳播到香港。\n"
    let document = Pipeline().process(text: text, file: "f")
    #expect(document.findings.map(\.rule) == ["simplified-in-hant"])
    let finding = document.findings.first { $0.rule == "simplified-in-hant" }
    #expect(finding?.actual == "义")
    #expect(finding?.expected == "義")
    #expect(finding?.range.start == SourcePosition(line: 3, column: 9))
  }
}

/// A one-line Traditional segment of file "f", one column per scalar.
private func segment(_ text: String) -> Segment {
  let count = text.unicodeScalars.count
  return Segment(
    id: 1, kind: .paragraph, text: text,
    range: SourceRange(file: "f", start: .init(line: 1, column: 1), end: .init(line: 1, column: count + 1)),
    script: .traditional, positions: (1...count).map { SourcePosition(line: 1, column: $0) })
}

@Suite("Regional forms")
struct RegionalTests {
  @Test("Regional forms are notes by default and warnings against a chosen standard")
  func standards() {
    let text = segment("為什麼裏面着急")
    let generic = RegionalVariantCheck().check(text)
    #expect(generic.map(\.actual) == ["為"])
    #expect(generic.allSatisfy { $0.severity == .note })
    let taiwan = RegionalVariantCheck(standard: .taiwan).check(text)
    #expect(taiwan.map(\.actual) == ["裏", "着"])
    #expect(taiwan.map(\.expected) == ["裡", "著"])
    #expect(taiwan.allSatisfy { $0.severity == .warning })
    #expect(RegionalVariantCheck(standard: .hongKong).check(segment("為什麼")).isEmpty)
    // A check used under one standard and then set to another speaks for the new one: 裡,
    // the Taiwan form of 裏, is a note, then a warning under Hong Kong's standard.
    var changed = RegionalVariantCheck()
    #expect(changed.check(segment("這裡")).map(\.severity) == [.note])
    changed.standard = .hongKong
    #expect(changed.check(segment("這裡")).map(\.expected) == ["裏"])
  }

  @Test("OpenCC's usual form of a Simplified character is no regional form, though a region writes another as it")
  func standardInTheirOwnRight() {
    // Taiwan writes ginseng (蔘) as 參, and 纔 as 才, 覈 as 核, 鍼 as 針: in 參數, 人才, 核心 and
    // 指針 they are the standard characters for their own meaning (参 → 參, 才 → 才 ...).
    for standard in [TraditionalStandard.generic, .taiwan, .hongKong] {
      for text in ["參數", "人才", "核心", "指針"] {
        #expect(RegionalVariantCheck(standard: standard).check(segment(text)).isEmpty, "\(text), \(standard)")
      }
    }
    // True regional forms stay: 群 for 羣, 台 for 臺 (written for 臺灣), and a region's wish.
    #expect(RegionalVariantCheck().check(segment("群組台灣")).map(\.actual) == ["群", "台"])
    #expect(RegionalVariantCheck(standard: .hongKong).check(segment("臺灣")).map(\.expected) == ["台"])
    #expect(RegionalVariantCheck(standard: .taiwan).check(segment("台灣")).map(\.expected) == ["臺"])
  }

  @Test(
    "The quick test for a pair set says whether the check finds something, for every regional form and standard",
    arguments: [TraditionalStandard.generic, .taiwan, .hongKong])
  func quickTest(standard: TraditionalStandard) {
    let tables = ConversionTables.openCC
    var characters = Set<UInt32>()
    for map in [tables.taiwanVariants, tables.hongKongVariants, tables.standardForms] {
      characters.formUnion(map.keys)
      characters.formUnion(map.values)
    }
    let texts = characters.sorted().map { "前\(Unicode.Scalar($0)!)後" } + ["為什麼裏面着急", "你好"]
    let check = RegionalVariantCheck(standard: standard)
    var found = 0
    for text in texts {
      var utf8 = text
      let quick = utf8.withUTF8 { check.mayFind(inUTF8: $0) }
      let findings = check.check(segment(text))
      #expect(quick == !findings.isEmpty, "\(text)")
      found += findings.isEmpty ? 0 : 1
    }
    #expect(found > 20 && found < texts.count, "\(found) of \(texts.count)")
  }

  @Test(
    "Regional vocabulary is accepted as a translation, with a note",
    arguments: [
      ("这个软件很好用", "這個軟體很好用"),
      ("请检查信息", "請檢查資訊"),
      ("打印机坏了", "印表機壞了"),
    ])
  func vocabulary(simplified: String, traditional: String) {
    let findings = ConversionCheck().check(simplified: simplified, traditional: traditional)
    #expect(findings.map(\.rule) == ["regional-vocabulary"])
    #expect(findings.allSatisfy { $0.severity == .note })
  }
}

@Suite("Quotation mark styles")
struct QuoteStyleTests {
  @Test("Every Western mark beside every corner bracket is a mix, found at the later style's first mark")
  func everyPair() {
    for western in "“”‘".unicodeScalars {
      for corner in "「」『』".unicodeScalars {
        let finding = QuoteStyleCheck().check(segment("他說\(western)好\(corner)吧"))
        #expect(finding?.actual == String(corner), "\(western) with \(corner)")
        #expect(finding?.range.start.column == 5)
      }
    }
    // ’ after a letter is an apostrophe, not a quotation mark; before the brackets it counts.
    #expect(QuoteStyleCheck().check(segment("don’t 「好」")) == nil)
    #expect(QuoteStyleCheck().check(segment("’好「吧」"))?.actual == "「")
    // Marks as the very first and last characters of the text.
    #expect(QuoteStyleCheck().check(segment("「“"))?.actual == "“")
  }

  @Test("One style alone, or none, is no finding")
  func oneStyle() {
    for text in ["他說「好」『吧』", "He said “fine” and ‘yes’", "沒有引號", "“", "「", "…—"] {
      #expect(QuoteStyleCheck().check(segment(text)) == nil, "\(text)")
    }
  }
}

/// The plain path: a pair it accepts must be one the full check finds nothing in.
@Suite("Plainly faithful pairs")
struct PlainPathTests {
  let check = ConversionCheck()

  /// `check` and the original's `wrongVariety` both find nothing.
  func findsNothing(_ simplified: String, _ traditional: String) -> Bool {
    let segment = Segment(
      id: 1, kind: .paragraph, text: simplified,
      range: SourceRange(file: "-", start: .init(line: 1, column: 1), end: .init(line: 1, column: 2)),
      script: .simplified,
      positions: SourcePositions(start: .init(line: 1, column: 1), count: simplified.unicodeScalars.count))
    return check.check(simplified: simplified, traditional: traditional).isEmpty
      && check.wrongVariety(in: segment).isEmpty
  }

  @Test(
    "Clean pairs take the plain path, whitespace and quotation styles aside",
    arguments: [
      ("我们发现了问题", "我們發現了問題"),
      ("他的头发很长", "他的頭髮很長"),  // 髮 is not 发's usual form, but the phrase 头发 writes it
      ("请复制这个", "請複製這個"),
      ("你好 世界", "你好世界"),
      ("他说“好”", "他說「好」"),
      // 併 is not 并's usual form: 并列 → 並列 speaks against it, but 合并 → 合併 writes it,
      // and the full check accepts a form a phrase writes (LibreOffice's help, zh-TW).
      ("合并列印", "合併列印"),
    ])
  func clean(simplified: String, traditional: String) {
    let plain = check.isPlainlyFaithful(simplified: simplified, traditional: traditional)
    #expect(plain)
    #expect(findsNothing(simplified, traditional))
  }

  @Test(
    "Pairs with something to report never take it",
    arguments: [
      ("他的头发很长", "他的頭發很長"),  // 發 is 发's usual form, but 头发 → 頭髮 rules it out
      ("在两地之间建立起联系。", "在兩地之間建立起聯系。"),
      ("请复制这个", "請復製這個"),  // 復 is a form of 复, but 复制 → 複製 rules it out
      ("我想吃面条", "我想吃麵"),  // a character missing
      ("当比较目录時", "當比較目錄時"),  // Traditional 時 in the Simplified original
      ("虚拟", "虚擬"),  // Simplified 虚 in the Traditional text
    ])
  func flagged(simplified: String, traditional: String) {
    let plain = check.isPlainlyFaithful(simplified: simplified, traditional: traditional)
    let nothing = findsNothing(simplified, traditional)
    #expect(!plain)
    #expect(!nothing)
  }

  @Test("In a pair set large enough for the plain path, a wrong pair among clean ones is still reported")
  func largePairSet() throws {
    var lines = Array(repeating: "我们发现了问题\t我們發現了問題", count: 1_200)
    lines[1_099] = "他的头发很长\t他的頭發很長"
    let document = try Pipeline().process(pairs: Array(lines.joined(separator: "\n").utf8), file: "set.tsv")
    #expect(document.units.count >= Checker.unitsWorthPlainPath)
    #expect(document.findings.map(\.rule) == ["wrong-character-choice"])
    #expect(document.findings.first?.range.start.line == 1_100)
  }

  @Test("Traditional originals always get the full check")
  func traditionalOriginal() {
    let reverse = ConversionCheck(direction: .traditionalToSimplified)
    #expect(!reverse.isPlainlyFaithful(simplified: "你好", traditional: "你好"))
  }

  @Test("A phrase that decides a character eight places after its start is found by the plain path")
  func farPhrase() {
    // OpenCC: 做一天和尚撞一天钟 → 做一天和尚撞一天鐘, though 钟's usual form is 鍾.
    let dependence = ConversionTables.openCC.contextDependence
    #expect(dependence.phraseReach(Unicode.Scalar("钟").value) >= 8)
    let check = ConversionCheck()
    #expect(check.isPlainlyFaithful(simplified: "他说做一天和尚撞一天钟。", traditional: "他說做一天和尚撞一天鐘。"))
    #expect(!check.isPlainlyFaithful(simplified: "他说做一天和尚撞一天钟。", traditional: "他說做一天和尚撞一天鍾。"))
  }

  @Test("发 depends on context and 的 does not; 发's usual form is 發; 的 written unchanged needs nothing more")
  func contextDependence() {
    let dependence = ConversionTables.openCC.contextDependence
    #expect(dependence.contains(Unicode.Scalar("发").value))
    #expect(!dependence.contains(Unicode.Scalar("的").value))
    guard case .character(let usual) = dependence.usualForm(of: Unicode.Scalar("发").value) else {
      Issue.record("发 has no usual form")
      return
    }
    #expect(usual == Unicode.Scalar("發").value)
    // 的 written unchanged is plainly right; 发 (context) and 后 (usual form 後) are not.
    #expect(dependence.isPlainUnchanged(Unicode.Scalar("的").value))
    #expect(!dependence.isPlainUnchanged(Unicode.Scalar("发").value))
    #expect(!dependence.isPlainUnchanged(Unicode.Scalar("后").value))
    var disagreements = 0
    for scalar in UInt32(0)..<UInt32(ConversionTables.tableLimit) where dependence.isPlainUnchanged(scalar) {
      let itself = if case .itself = dependence.usualForm(of: scalar) { true } else { false }
      if !itself || dependence.contains(scalar) || (0xD800...0xDFFF).contains(scalar) { disagreements += 1 }
    }
    #expect(disagreements == 0)
    // The phrases the plain path searches: 头发 (頭髮) and 联系 (聯繫) write a character
    // otherwise than as its usual form; 一发 (一發) and 一同 write every one as usual, and
    // no more than a third of OpenCC's phrases are like the first two.
    func phrase(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
    #expect(dependence.phrases.entry(for: phrase("头发")) != nil)
    #expect(dependence.phrases.entry(for: phrase("联系")) != nil)
    #expect(ConversionTables.openCC.toTraditional.entry(for: phrase("一发")) != nil)
    #expect(dependence.phrases.entry(for: phrase("一发")) == nil)
    #expect(dependence.phrases.entry(for: phrase("一同")) == nil)
    #expect(dependence.phrases.count * 3 < ConversionTables.openCC.toTraditional.count)
    // The figures README gives: 9,854 of OpenCC's 49,238 phrases (the shipped dictionaries).
    var phrases = 0
    ConversionTables.openCC.toTraditional.forEachEntry { key, _ in if key.count >= 2 { phrases += 1 } }
    #expect(dependence.phrases.count == 9_854 && phrases == 49_238)
  }

  @Test("On OpenCC's cases and corrupted copies, the plain path accepts only what the full check passes")
  func agreesWithFullCheck() {
    // One character swapped for a wrong sibling, as in the evaluation set.
    let siblings: [Character: Character] = [
      "發": "髮", "髮": "發", "係": "繫", "後": "后", "隻": "只", "準": "准", "範": "范", "製": "制", "裡": "里",
      "乾": "幹", "面": "麵", "麵": "面", "台": "臺",
      // A standard character for the one a region writes like it (參 for 蔘 in Taiwan).
      "參": "蔘", "才": "纔", "核": "覈", "針": "鍼",
    ]
    var pairs: [(String, String)] = []
    for pair in OpenCCCaseTests.pairs where pair.config != "t2s" {
      pairs.append((pair.simplified, pair.traditional))
      for (index, character) in pair.traditional.enumerated() {
        guard let sibling = siblings[character] else { continue }
        var corrupted = Array(pair.traditional)
        corrupted[index] = sibling
        pairs.append((pair.simplified, String(corrupted)))
      }
    }
    var plain = 0
    for (simplified, traditional) in pairs
    where check.isPlainlyFaithful(simplified: simplified, traditional: traditional) {
      plain += 1
      #expect(findsNothing(simplified, traditional), "\(simplified) / \(traditional)")
    }
    // The path is taken at all: a share of the clean pairs is plain.
    #expect(pairs.count > 100 && plain > pairs.count / 10)
  }
}
