/// A file-name pattern as used in `.align.yml` `include` and `exclude` lists.
///
/// `*` matches any run of characters except `/`, `**` any run including `/` (so `**/*.md` also
/// matches `a.md` at the top), `?` one character except `/`, `[abc]` one of the listed
/// characters. Paths use `/` and are relative to the configuration file's directory.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
  /// The pattern as written.
  public let pattern: String
  private let scalars: [Unicode.Scalar]

  /// Creates a glob from its pattern.
  public init(_ pattern: String) {
    self.pattern = pattern
    var text = pattern
    while text.hasPrefix("./") { text.removeFirst(2) }
    scalars = Array(text.unicodeScalars)
  }

  public var description: String { pattern }

  /// Whether the relative path matches the whole pattern.
  public func matches(_ path: String) -> Bool {
    var text = path
    while text.hasPrefix("./") { text.removeFirst(2) }
    return Self.match(scalars[...], Array(text.unicodeScalars)[...])
  }

  private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = pattern.first else { return text.isEmpty }
    let rest = pattern.dropFirst()
    switch first {
    case "*":
      if rest.first == "*" {
        var after = rest.dropFirst()
        // `**/` also matches no directory at all.
        if after.first == "/" {
          after = after.dropFirst()
          if match(after, text) { return true }
        }
        for index in text.indices where match(after, text[index...]) { return true }
        return match(after, text[text.endIndex...])
      }
      var index = text.startIndex
      while true {
        if match(rest, text[index...]) { return true }
        guard index < text.endIndex, text[index] != "/" else { return false }
        index += 1
      }
    case "?":
      guard let character = text.first, character != "/" else { return false }
      return match(rest, text.dropFirst())
    case "[":
      guard let close = rest.firstIndex(of: "]"), let character = text.first else {
        return text.first == "[" && match(rest, text.dropFirst())
      }
      var set = rest[rest.startIndex..<close]
      let negated = set.first == "!" || set.first == "^"
      if negated { set = set.dropFirst() }
      var found = false
      var index = set.startIndex
      while index < set.endIndex {
        if index + 2 < set.endIndex, set[index + 1] == "-" {
          if set[index] <= character && character <= set[index + 2] { found = true }
          index += 3
        } else {
          if set[index] == character { found = true }
          index += 1
        }
      }
      return found != negated && match(pattern[(close + 1)...], text.dropFirst())
    default:
      guard text.first == first else { return false }
      return match(rest, text.dropFirst())
    }
  }
}
