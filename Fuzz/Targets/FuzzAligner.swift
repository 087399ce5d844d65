// libFuzzer target: the whole pipeline (reader, detector, aligner, checks, renderers) over
// arbitrary bytes. Checks that units use each segment at most once, in document order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAligner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let document = try? Pipeline().process(bytes: bytes, file: "fuzz") else { return 0 }
  var used = Set<Int>()
  var previousFirst = 0
  for unit in document.units {
    let ids = unit.segmentIDs
    for id in ids { precondition(used.insert(id).inserted, "segment \(id) in two units") }
    let first = ids.min() ?? previousFirst
    precondition(first > previousFirst, "units in document order")
    previousFirst = first
  }
  precondition(used == Set(document.segments.map(\.id)), "every segment in a unit")
  _ = TextRenderer(width: 40, color: true).render([document])
  _ = JSONRenderer().render([document])
  return 0
}
