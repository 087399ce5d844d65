// libFuzzer target: arbitrary text through the script detector (profile, label, and the
// ` / ` split of bilingual lines).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let detector = ScriptDetector()
  _ = detector.label(text)
  let segments = Reader().read(text: text, file: "fuzz")
  let labelled = detector.label(segments, firstID: 1)
  for (offset, segment) in labelled.enumerated() {
    precondition(segment.id == offset + 1, "ids in document order")
    precondition(segment.positions.count == segment.text.unicodeScalars.count, "positions per scalar")
  }
  return 0
}
