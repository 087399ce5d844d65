/// Renders a Markdown report for a pull request comment: a summary, the findings, and a table
/// of the units with a column per script.
public struct MarkdownRenderer: Sendable {
  /// The language tag of each script, used for column names.
  public var languages: LanguageTags
  /// Whether to include the table of units (off for `align check`).
  public var includeUnits: Bool

  /// Creates a renderer.
  public init(languages: LanguageTags = LanguageTags(), includeUnits: Bool = true) {
    self.languages = languages
    self.includeUnits = includeUnits
  }

  /// The report as Markdown text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    var out = ""
    for document in documents {
      let findings = document.findings
      let counts = Severity.allCases.reversed().map { severity in
        (severity, findings.filter { $0.severity == severity }.count)
      }
      out += "### `\(Self.code(document.file))`\n\n"
      out += "\(document.units.count) units (\(document.units.count(where: \.isTranslated)) translated)"
      for (severity, count) in counts where count > 0 || severity != .note {
        out += ", \(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
      }
      out += "\n\n"
      if !findings.isEmpty {
        out += "| | line | rule | finding |\n|---|---|---|---|\n"
        for finding in findings {
          let icon =
            switch finding.severity {
            case .error: "❌"
            case .warning: "⚠️"
            case .note: "ℹ️"
            }
          out += "| \(icon) \(finding.severity.rawValue) | \(finding.range.start.line):\(finding.range.start.column)"
          out += " | `\(finding.rule)` | \(Self.cell(finding.message)) |\n"
        }
        out += "\n"
      }
      let scripts = document.scripts
      guard includeUnits, !scripts.isEmpty else { continue }
      out += "| unit | lines | " + scripts.map(languages.tag).joined(separator: " | ") + " |\n"
      out += "|---|---|" + String(repeating: "---|", count: scripts.count) + "\n"
      for unit in document.units {
        let lines = document.lines(of: unit)
        out +=
          "| \(unit.id) | \(lines.lowerBound == lines.upperBound ? "\(lines.lowerBound)" : "\(lines.lowerBound)–\(lines.upperBound)") |"
        for script in scripts {
          out += " " + Self.cell(document.segments(of: unit, script: script).map(\.text).joined(separator: "\n")) + " |"
        }
        out += "\n"
      }
      out += "\n"
    }
    return out
  }

  /// Text safe in a table cell: `|` escaped, line ends as `<br>`, HTML and Markdown markers escaped.
  static func cell(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|": out += "\\|"
      case "\n", "\r\n", "\r": out += "<br>"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "*", "_", "`", "[", "]", "#": out += "\\\(character)"
      default: out.append(character)
      }
    }
    return out
  }

  private static func code(_ text: String) -> String { String(text.map { $0 == "`" ? "'" : $0 }) }
}
