/// Files that form one document: the same statement with one file per language, named
/// `NAME.TAG.EXT` where `TAG` is a BCP 47 language tag (`en`, `zh-Hans`, `zh-Hant`,
/// `zh-CN`, `zh-TW`, `zh-HK`, …) and the extension is anything.
public struct DocumentGroup: Sendable, Hashable {
  /// The files, in the order given (English first when grouped by tag).
  public var files: [String]

  /// Creates a group of the given files.
  public init(files: [String]) { self.files = files }

  /// The language a file name's tag names, if it has one: `NAME.zh-TW.txt` → (`NAME.txt`, Hant).
  public static func language(of path: String) -> (stem: String, script: Script)? {
    let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let directory = path[..<slash]
    let parts = path[slash...].split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2 else { return nil }
    for (offset, part) in parts.enumerated().dropFirst().reversed() {
      guard let script = script(forTag: String(part)) else { continue }
      var rest = parts
      rest.remove(at: offset)
      return (directory + rest.joined(separator: "."), script)
    }
    return nil
  }

  /// The script a BCP 47 language tag implies for this package's languages.
  public static func script(forTag tag: String) -> Script? {
    let subtags = tag.lowercased().split { $0 == "-" || $0 == "_" }.map(String.init)
    guard let language = subtags.first else { return nil }
    let rest = Set(subtags.dropFirst())
    switch language {
    case "en":
      return rest.allSatisfy { $0.count == 2 || $0 == "latn" } ? .latin : nil
    case "zh", "cmn", "yue":
      if rest.contains("hans") || rest.contains("cn") || rest.contains("sg") || rest.contains("my") {
        return .simplified
      }
      if rest.contains("hant") || rest.contains("tw") || rest.contains("hk") || rest.contains("mo") {
        return .traditional
      }
      return rest.isEmpty ? .han : nil
    default:
      return nil
    }
  }

  /// Groups paths into documents: files whose names differ only in their language tag form
  /// one document (English, then Simplified, then Traditional); every other path is alone.
  /// Groups keep the order in which their first file was given.
  public static func grouping(_ paths: [String]) -> [DocumentGroup] {
    var byStem: [String: [(path: String, script: Script)]] = [:]
    for path in paths {
      if let (stem, script) = language(of: path) { byStem[stem, default: []].append((path, script)) }
    }
    var groups: [DocumentGroup] = []
    var placed: Set<String> = []  // files already in a group of several
    for path in paths where !placed.contains(path) {
      guard let (stem, _) = language(of: path), let members = byStem[stem],
        Set(members.map(\.script)).count > 1
      else {
        // A file on its own, as often as it is given.
        groups.append(DocumentGroup(files: [path]))
        continue
      }
      let ordered = members.enumerated().sorted { ($0.element.script, $0.offset) < ($1.element.script, $1.offset) }
      groups.append(DocumentGroup(files: ordered.map(\.element.path)))
      placed.formUnion(members.map(\.path))
    }
    return groups
  }
}
