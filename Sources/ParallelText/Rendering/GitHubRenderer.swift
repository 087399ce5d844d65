/// Renders findings as GitHub Actions workflow commands, so they appear on a pull request's
/// lines: `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=RULE::message`.
public struct GitHubRenderer: Sendable {
  /// Creates the renderer.
  public init() {}

  /// One workflow command per finding.
  public func render(_ documents: [Document]) -> String {
    var out = ""
    for finding in documents.flatMap(\.findings) {
      let command =
        switch finding.severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
      let range = finding.range
      let properties = [
        ("file", range.file), ("line", "\(range.start.line)"), ("endLine", "\(range.end.line)"),
        ("col", "\(range.start.column)"), ("endColumn", "\(range.end.column)"), ("title", finding.rule),
      ]
      out += "::\(command) "
      out += properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
      out += "::\(Self.escapeData(finding.message))\n"
    }
    return out
  }

  /// The toolkit's `escapeData`: `%` → `%25`, CR → `%0D`, LF → `%0A`.
  public static func escapeData(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  /// The toolkit's `escapeProperty`: as `escapeData`, and `:` → `%3A`, `,` → `%2C`.
  public static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
