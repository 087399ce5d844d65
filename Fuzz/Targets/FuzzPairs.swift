// libFuzzer target: a pair set (SIMPLIFIED<TAB>TRADITIONAL lines) read and checked two ways.
// `Pipeline.process(pairs:)` checks every pair of a small set in full; `processForFindings`
// lets the pair sorter (the plain path, on every pair) leave out the pairs it finds clean.
// Both must fail alike or report the same findings: what the sorter leaves out, the full
// check passes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPairs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let pipeline = Pipeline()
  let whole = Result { try pipeline.process(pairs: bytes, file: "fuzz.tsv") }
  var found: [Finding] = []
  var pairs = 0
  let streamed = Result {
    try pipeline.processForFindings(pairs: bytes, file: "fuzz.tsv", partSize: 1 << 20) { part, partPairs in
      found += part.findings
      pairs += partPairs
    }
  }
  switch (whole, streamed) {
  case (.success(let document), .success):
    func lines(_ findings: [Finding]) -> [String] {
      findings.map { "\($0.range) \($0.rule) \($0.unit ?? 0) \($0.message)" }.sorted()
    }
    precondition(lines(document.findings) == lines(found), "the pair sorter changed the findings")
    precondition(pairs == document.units.count, "pairs counted differently")
  case (.failure(let error), .failure(let other)):
    precondition("\(error)" == "\(other)", "different errors")
  default:
    preconditionFailure("one way failed and the other did not")
  }
  return 0
}
