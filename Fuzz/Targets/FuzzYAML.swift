// libFuzzer target: arbitrary text through the configuration's YAML reader and through
// Configuration itself. Either may refuse the text, never crash; every position the reader
// gives (a node's, or an error's) lies inside the text: a line that exists, a column from 1
// to one past that line's last character. A mapping never holds a key twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  // The length of each line in scalars, line ends as the reader takes them (LF, CRLF, CR),
  // a byte order mark at the start not counted.
  var lengths = [0]
  var previous: Unicode.Scalar?
  for scalar in text.unicodeScalars {
    defer { previous = scalar }
    if scalar == "\n" && previous == "\r" { continue }
    if scalar == "\n" || scalar == "\r" {
      lengths.append(0)
    } else if !(scalar == "\u{FEFF}" && previous == nil) {
      lengths[lengths.count - 1] += 1
    }
  }
  func check(_ line: Int, _ column: Int, _ what: String) {
    precondition(line >= 1 && line <= lengths.count, "\(what) at line \(line) of \(lengths.count)")
    precondition(column >= 1 && column <= lengths[line - 1] + 1, "\(what) at \(line):\(column)")
  }
  func check(_ node: YAMLNode) {
    check(node.line, node.column, "a node")
    switch node.content {
    case .scalar: break
    case .sequence(let items): items.forEach(check)
    case .mapping(let pairs):
      precondition(Set(pairs.map { $0.key.scalar }).count == pairs.count, "a key twice in one mapping")
      for pair in pairs {
        precondition(pair.key.scalar != nil, "a key that is not a scalar")
        check(pair.key)
        check(pair.value)
      }
    }
  }
  do {
    if let root = try YAMLReader.read(text) { check(root) }
  } catch {
    check(error.line, error.column, "an error")
  }
  _ = try? Configuration(yaml: text, file: "fuzz.yml")
  return 0
}
