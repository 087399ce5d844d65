import Testing

@testable import ParallelText

@Suite("Converter")
struct ConverterTests {
  @Test(
    "Hans→Hant uses phrases before characters",
    arguments: [
      ("联系我们", "聯繫我們"),
      ("他的头发很长", "他的頭髮很長"),
      ("我们发现了问题", "我們發現了問題"),
      ("以后再说", "以後再說"),
      ("我想吃面条", "我想喫麪條"),
    ])
  func toTraditional(simplified: String, traditional: String) {
    #expect(Converter(.toTraditional).convert(simplified) == traditional)
  }

  @Test("The Taiwan standard applies Taiwan's variants and vocabulary")
  func taiwan() {
    #expect(Converter(.toTraditional, standard: .taiwan).convert("软件里面为什么") == "軟體裡面為什麼")
    #expect(Converter(.toTraditional, standard: .taiwan).convert("我想吃面条") == "我想吃麵條")
    #expect(Converter(.toTraditional, standard: .hongKong).convert("为什么") == "為什麼")
  }

  @Test("Hant→Hans")
  func toSimplified() {
    #expect(Converter(.toSimplified).convert("聯繫頭髮後面乾淨") == "联系头发后面干净")
  }

  @Test("Phrases are found, and places starting none are passed over, when some key starts beyond U+30000")
  func supplementaryKeys() {
    // OpenCC's character tables reach U+3129C; the phrase filter must still work.
    let trie = PhraseTrie([
      (key: [0x5934, 0x53D1], candidates: [[0x982D, 0x9AEE]]),  // 头发 → 頭髮
      (key: [0x3129C], candidates: [[0x3129C]]),
      (key: [0x3129C, 0x4E00], candidates: [[0x3129C, 0x4E00]]),
    ])
    let text: [UInt32] = [0x5934, 0x53D1, 0x7684, 0x3129C, 0x4E00]
    text.withUnsafeBufferPointer { text in
      #expect(trie.longestMatch(in: text, from: 0)?.length == 2)
      #expect(trie.longestMatch(in: text, from: 3)?.length == 2)
      #expect(trie.mayStartPhrase(in: text, at: 0) && trie.mayStartPhrase(in: text, at: 3))
      #expect(!trie.mayStartPhrase(in: text, at: 1) && !trie.mayStartPhrase(in: text, at: 2))
    }
  }
}
