/// Paths taken apart and put together as text, the way `NSString`'s path methods do, without
/// linking the whole of Foundation for them: `/a/b/` has the parent `/a` and the last
/// component `b`; a path without a slash has the parent "" (the current folder). Where
/// swift-corelibs-foundation's `NSString` is odd (it traps on `a/` and gives `//` the parent
/// ""), slashes alone are the root and `a/` is the component `a`.
package enum FilePaths {
  /// The path without its last component: `/a/b` → `/a`, `/a` → `/`, `b` → "".
  package static func parent(of path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    let parent = withoutTrailingSlashes(String(trimmed[..<slash]))
    return parent.isEmpty ? "/" : parent
  }

  /// The last component: `/a/b/` → `b`, `/` → `/`, "" → "".
  package static func lastComponent(of path: String) -> String {
    let trimmed = withoutTrailingSlashes(path)
    guard trimmed != "/" else { return trimmed }
    guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
    return String(trimmed[trimmed.index(after: slash)...])
  }

  /// `component` inside `folder`: `a` and `b` → `a/b`, `a/` and `b` → `a/b`, "" and `b` → `b`.
  package static func joining(_ folder: String, _ component: String) -> String {
    guard !folder.isEmpty else { return component }
    return folder.hasSuffix("/") ? folder + component : folder + "/" + component
  }

  /// `path` without slashes at its end, except a path of slashes alone, which is `/`.
  private static func withoutTrailingSlashes(_ path: String) -> String {
    guard path.hasSuffix("/") else { return path }
    let trimmed = String(path.reversed().drop { $0 == "/" }.reversed())
    return trimmed.isEmpty ? "/" : trimmed
  }
}
