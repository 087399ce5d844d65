// libFuzzer target: arbitrary bytes through the decoder and the reader. Checks that the
// reader never traps and that every segment has one source position per scalar.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let segments = try? Reader().read(bytes: bytes, file: "fuzz") else { return 0 }
  for segment in segments {
    precondition(segment.positions.count == segment.text.unicodeScalars.count, "positions per scalar")
    precondition(!segment.text.isEmpty, "empty segment")
  }
  return 0
}
