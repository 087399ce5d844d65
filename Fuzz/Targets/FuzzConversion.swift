// libFuzzer target: the Simplified/Traditional conversion check. The input is split at
// its first NUL byte (or in half) into a Simplified and a Traditional text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConversion(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let split = bytes.firstIndex(of: 0) ?? size / 2
  let simplified = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<split]), as: UTF8.self)
  let traditional = String(
    decoding: UnsafeBufferPointer(rebasing: bytes[min(split + 1, size)...]), as: UTF8.self)
  let check = ConversionCheck()
  let findings = check.check(simplified: simplified, traditional: traditional)
  // The plain path (a pair set's sorter) leaves out only what the full check passes: its
  // `true` promises no finding from the pair nor from the Simplified original alone.
  if check.isPlainlyFaithful(simplified: simplified, traditional: traditional) {
    let original = Segment(id: 1, line: simplified, file: "-", script: .simplified)
    precondition(findings.isEmpty && check.wrongVariety(in: original).isEmpty, "plainly faithful pair with findings")
  }
  // Findings point into either text (both sit on line 1 of the synthetic file).
  let count = max(simplified.unicodeScalars.count, traditional.unicodeScalars.count)
  for finding in findings {
    precondition(finding.range.start.line == 1 && finding.range.end.line == 1, "one-line range")
    precondition(finding.range.start.column >= 1 && finding.range.end.column <= max(count, 1) + 1, "column in text")
  }
  return 0
}
