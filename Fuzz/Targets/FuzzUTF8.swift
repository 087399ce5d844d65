// libFuzzer target: arbitrary bytes through the vectorised UTF-8 test and the exact check
// it stands in for. The test may only call text what the exact check accepts, and where it
// runs (x86-64 with AVX2: it calls a letter text) must call text everything the exact check
// accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUTF8(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let fast = TextDecoder.isCertainlyText(bytes)
  let exact = (try? TextDecoder.exactlyValidateUTF8(bytes, 0..<size)) != nil
  precondition(!fast || exact, "the vectorised test calls text what the exact check refuses")
  precondition(fast || !exact || !TextDecoder.vectorisedTestRuns, "the vectorised test refuses text")
  return 0
}
