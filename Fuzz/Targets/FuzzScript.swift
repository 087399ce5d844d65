// libFuzzer target: arbitrary text through the reader and the script detector (profile,
// label, and the ` / ` split of bilingual lines). Checks the coverage property of
// PropertyTests: every segment character sits at its own source position, holding that
// very character, and every non-blank source character outside Markdown markup is in
// exactly one segment (link targets, from `](` to `)`, count as markup).
let markupCharacters = Set("*_[]()<>\\#-+!./0123456789•‣◦▪●".unicodeScalars)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let detector = ScriptDetector()
  _ = detector.label(text)
  let segments = detector.label(Reader().read(text: text, file: "fuzz"), firstID: 1)
  var source: [SourcePosition: Unicode.Scalar] = [:]
  var linkTargets = Set<SourcePosition>()
  for (index, line) in Reader.lines(of: text).enumerated() {
    var inTarget = false
    for (column, scalar) in line.enumerated() {
      let position = SourcePosition(line: index + 1, column: column + 1)
      source[position] = scalar
      if inTarget { linkTargets.insert(position) }
      if scalar == "(", column > 0, line[column - 1] == "]" { inTarget = true }
      if scalar == ")" { inTarget = false }
    }
  }
  var seen = Set<SourcePosition>()
  for (offset, segment) in segments.enumerated() {
    precondition(segment.id == offset + 1, "ids in document order")
    let scalars = Array(segment.text.unicodeScalars)
    precondition(scalars.count == segment.positions.count, "positions per scalar")
    for (scalar, position) in zip(scalars, segment.positions) where !Characters.isWhitespace(scalar) {
      precondition(source[position] == scalar, "segment scalar \(scalar) not at its source position \(position)")
      precondition(seen.insert(position).inserted, "source position \(position) in two segments")
    }
  }
  for (position, scalar) in source
  where !Characters.isWhitespace(scalar) && !markupCharacters.contains(scalar) && !linkTargets.contains(position) {
    precondition(seen.contains(position), "source character \(scalar) at \(position) lost")
  }
  return 0
}
