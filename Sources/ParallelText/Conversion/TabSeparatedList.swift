/// The dictionary files the package ships (OpenCC's, the word list) share one layout:
/// `KEY<TAB>FIELD FIELD …` lines in UTF-8, `#` lines as comments, CR ignored. This walks
/// them as byte ranges, so each reader decodes only what it keeps.
enum TabSeparatedList {
  /// Calls `body(key, fields)` for each line with a non-empty key and a tab, in order;
  /// `fields` are the non-empty space-separated runs after the tab (a buffer reused
  /// between lines).
  static func forEachEntry(
    _ bytes: UnsafeRawBufferPointer, _ body: (_ key: Range<Int>, _ fields: [Range<Int>]) -> Void
  ) {
    let tab = UInt8(ascii: "\t")
    let newline = UInt8(ascii: "\n")
    var fields: [Range<Int>] = []
    var index = 0
    let count = bytes.count
    while index < count {
      let lineStart = index
      while index < count, bytes[index] != newline { index += 1 }
      let lineEnd = index
      index += 1
      guard lineEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#") else { continue }
      var keyEnd = lineStart
      while keyEnd < lineEnd, bytes[keyEnd] != tab { keyEnd += 1 }
      guard keyEnd < lineEnd, keyEnd > lineStart else { continue }
      fields.removeAll(keepingCapacity: true)
      var start = keyEnd + 1
      for position in (keyEnd + 1)...lineEnd {
        let byte = position < lineEnd ? bytes[position] : UInt8(ascii: " ")
        guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\r") else { continue }
        if position > start { fields.append(start..<position) }
        start = position + 1
      }
      body(lineStart..<keyEnd, fields)
    }
  }
}
