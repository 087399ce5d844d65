import Testing

@testable import ParallelText

/// ICU's Simplified/Traditional rules are read from the rule source in ICU's data (fast)
/// instead of compiling the transliterators (milliseconds at every start-up); both readings
/// must give the same tables.
struct TransliterationRulesTests {
  @Test(
    "The rule source in ICU's data gives the same tables as the compiled transliterators",
    arguments: ["Hans-Hant", "Hant-Hans"])
  func sourceMatchesCompiled(identifier: String) throws {
    let fromSource = try TransliterationRules(identifier: identifier)
    let compiled = TransliterationRules(ruleText: try TransliterationRules.ruleText(identifier: identifier))
    #expect(compiled.characters.count > 2_000)
    #expect(compiled.phrases.count > 900)
    #expect(fromSource.characters == compiled.characters)
    #expect(fromSource.phrases == compiled.phrases)
    #expect(fromSource.keptCharacters == compiled.keptCharacters)
    #expect(fromSource.identityCharacters == compiled.identityCharacters)
  }

  @Test("Rule source: ↔ both ways, → forward only, ← reverse only; comments, spaces and syntax handled")
  func ruleSourceDirections() {
    let source = """
      甲↔乙; 丙 → 丁; # a comment; with a semicolon
      戊←己;卯 辰 <> 巳午 ;[子] { 丑 → 寅; $x = [亥] ; 酉 > 戌; 申 < 未; 'q' → 戌
      """
    let forward = TransliterationRules(ruleSource: source, reverse: false)
    #expect(forward.characters == ["甲": "乙", "丙": "丁", "酉": "戌"])
    #expect(forward.phrases == [Array("卯辰".unicodeScalars): Array("巳午".unicodeScalars)])
    let backward = TransliterationRules(ruleSource: source, reverse: true)
    #expect(backward.characters == ["乙": "甲", "己": "戊", "未": "申"])
    #expect(backward.phrases == [Array("巳午".unicodeScalars): Array("卯辰".unicodeScalars)])
  }

  @Test("Hans-Hant and Hant-Hans loaded together (one parse of their shared source) equal each loaded alone")
  func loadedTogether() throws {
    let both = try TransliterationRules.load(TransliterationRules.Sources("Hans-Hant", inverse: "Hant-Hans"))
    #expect(both.0 == (try TransliterationRules(identifier: "Hans-Hant")))
    #expect(both.inverse == (try TransliterationRules(identifier: "Hant-Hans")))
    #expect(both.0.characters["发"] == "發")
    #expect(both.inverse.characters["發"] == "发")
  }

  @Test("UTF-16 from ICU decodes to scalars: surrogate pairs joined, unpaired surrogates replaced")
  func utf16Decoding() {
    let text = "甲a𠀀;"
    #expect(TransliterationRules.scalars(utf16: ArraySlice(Array(text.utf16))) == Array(text.unicodeScalars))
    let broken: [UInt16] = [0x61, 0xD840, 0x62, 0xDC00, 0xD840]
    #expect(TransliterationRules.scalars(utf16: ArraySlice(broken)) == ["a", "\u{FFFD}", "b", "\u{FFFD}", "\u{FFFD}"])
  }
}
