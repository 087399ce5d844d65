/// Renders findings as GitHub Actions workflow commands, so they appear on a pull request's
/// lines: `::error file=F,line=L,endLine=L,col=C,endColumn=C,title=RULE::message`.
public struct GitHubRenderer: Sendable {
  /// Creates the renderer.
  public init() {}

  /// One workflow command per finding.
  public func render(_ documents: [Document]) -> String {
    // Appended piece by piece into one reserved string, escaping in one pass and only what
    // needs it: a pair set can have a finding on every other line.
    var out = ""
    out.reserveCapacity(documents.reduce(0) { $0 + 160 * $1.findings.count })
    for document in documents {
      for finding in document.findings {
        out.append("::")
        switch finding.severity {
        case .error: out.append("error")
        case .warning: out.append("warning")
        case .note: out.append("notice")
        }
        let range = finding.range
        out.append(" file=")
        out.append(Self.escapeProperty(range.file))
        out.append(",line=")
        out.append(String(range.start.line))
        out.append(",endLine=")
        out.append(String(range.end.line))
        out.append(",col=")
        out.append(String(range.start.column))
        out.append(",endColumn=")
        out.append(String(range.end.column))
        out.append(",title=")
        out.append(Self.escapeProperty(finding.rule))
        out.append("::")
        out.append(Self.escapeData(finding.message))
        out.append("\n")
      }
    }
    return out
  }

  /// The toolkit's `escapeData`: `%` → `%25`, CR → `%0D`, LF → `%0A`.
  public static func escapeData(_ text: String) -> String { escape(text, property: false) }

  /// The toolkit's `escapeProperty`: as `escapeData`, and `:` → `%3A`, `,` → `%2C`.
  public static func escapeProperty(_ text: String) -> String { escape(text, property: true) }

  /// `escapeData`, or `escapeProperty` when `property`, in one pass; the text itself when it
  /// has nothing to escape (nearly always).
  private static func escape(_ text: String, property: Bool) -> String {
    func escaped(_ scalar: Unicode.Scalar) -> String? {
      switch scalar {
      case "%": "%25"
      case "\r": "%0D"
      case "\n": "%0A"
      case ":" where property: "%3A"
      case "," where property: "%2C"
      default: nil
      }
    }
    guard text.unicodeScalars.contains(where: { escaped($0) != nil }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if let replacement = escaped(scalar) {
        out.append(replacement)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
