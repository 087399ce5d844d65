/// Renders one self-contained HTML page: a summary and the findings at the top, then each
/// document's units side by side in columns (English, Simplified, Traditional), every
/// finding highlighted in place with its message on hover or tap. Columns stack on a phone.
public struct HTMLRenderer: Sendable {
  /// The language tag of each script, for `lang` attributes.
  public var languages: LanguageTags
  /// The page title.
  public var title: String

  /// Creates a renderer.
  public init(languages: LanguageTags = LanguageTags(), title: String = "align report") {
    self.languages = languages
    self.title = title
  }

  private static let columnNames: [Script: String] = [
    .latin: "English", .simplified: "简体中文", .traditional: "繁體中文", .han: "中文",
  ]

  /// The page as HTML text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    let findings = documents.flatMap(\.findings)
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(Markup.escape(title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
    out += "<header>\n<h1>\(Markup.escape(title))</h1>\n<p class=\"summary\">"
    let units = documents.flatMap(\.units)
    var parts = [
      Self.count(documents.count, "file"),
      "\(Self.count(units.count, "unit")) (\(units.count(where: \.isTranslated)) translated)",
    ]
    for severity in Severity.allCases.reversed() {
      let count = findings.filter { $0.severity == severity }.count
      if count > 0 || severity != .note {
        parts.append("<span class=\"badge \(severity.rawValue)\">\(Self.count(count, severity.rawValue))</span>")
      }
    }
    out += parts.joined(separator: " · ") + "</p>\n"
    if !findings.isEmpty {
      out += "<ol class=\"findings\">\n"
      for finding in findings {
        let target =
          finding.unit.map { "#u\($0)" } ?? "#f\(documents.firstIndex { $0.file == finding.range.file } ?? 0)"
        out += "<li class=\"\(finding.severity.rawValue)\"><a href=\"\(target)\">"
        out += "\(Markup.escape(finding.range.file)):\(finding.range.start.line):\(finding.range.start.column)</a> "
        out += "<b>\(finding.severity.rawValue)</b> \(Markup.escape(finding.message)) "
        out += "<code>\(Markup.escape(finding.rule))</code></li>\n"
      }
      out += "</ol>\n"
    }
    out += "</header>\n<main>\n"
    for (index, document) in documents.enumerated() { out += renderDocument(document, index: index) }
    out += "</main>\n</body>\n</html>\n"
    return out
  }

  private func renderDocument(_ document: Document, index: Int) -> String {
    var scripts: [Script] = [.latin, .simplified, .traditional]
    scripts += document.scripts.filter { !scripts.contains($0) }
    var out = "<section id=\"f\(index)\">\n<h2>\(Markup.escape(document.file))</h2>\n"
    out += "<div class=\"row head\" style=\"--columns: \(scripts.count)\">"
    for script in scripts {
      out += "<div>\(Markup.escape(Self.columnNames[script] ?? script.rawValue))</div>"
    }
    out += "</div>\n"
    let marks = highlights(document)
    let byUnit = document.findingsByUnit().units
    for unit in document.units {
      let unitFindings = byUnit[unit.id] ?? []
      let worst = unitFindings.map(\.severity).max()
      out += "<article class=\"row unit\(worst.map { " has-\($0.rawValue)" } ?? "")\" id=\"u\(unit.id)\""
      out += " style=\"--columns: \(scripts.count)\">\n"
      out +=
        "<p class=\"meta\">\(unit.id) · \(document.lines(of: unit).lineDescription) · confidence \(unit.confidence)"
      if let repeatOf = unit.repeatOf { out += " · repeats <a href=\"#u\(repeatOf)\">\(repeatOf)</a>" }
      for finding in unitFindings where finding.rule == Rule.missingTranslation.id {
        out += " · <span class=\"note-\(finding.severity.rawValue)\">\(Markup.escape(finding.message))</span>"
      }
      out += "</p>\n"
      for script in scripts {
        let segments = document.segments(of: unit, script: script)
        let label = Markup.attribute(Self.columnNames[script] ?? script.rawValue)
        if segments.isEmpty {
          out += "<div class=\"cell empty\" data-label=\"\(label)\">—</div>\n"
          continue
        }
        out += "<div class=\"cell\" lang=\"\(Markup.attribute(languages.tag(for: script)))\" data-label=\"\(label)\">"
        for segment in segments {
          out += "<p>" + render(segment, marks: marks[segment.id] ?? [:]) + "</p>"
        }
        out += "</div>\n"
      }
      out += "</article>\n"
    }
    if document.units.isEmpty { out += "<p class=\"meta\">No text.</p>\n" }
    out += "</section>\n"
    return out
  }

  /// A segment's text with runs covered by the same findings wrapped in `<mark>`.
  private func render(_ segment: Segment, marks: [Int: [Finding]]) -> String {
    let scalars = Array(segment.text.unicodeScalars)
    var out = ""
    var offset = 0
    while offset < scalars.count {
      let findings = marks[offset] ?? []
      var end = offset + 1
      while end < scalars.count, (marks[end] ?? []) == findings { end += 1 }
      var text = ""
      text.unicodeScalars.append(contentsOf: scalars[offset..<end])
      if findings.isEmpty {
        out += Markup.escape(text)
      } else {
        let severity = findings.map(\.severity).max() ?? .note
        let message = findings.map { "\($0.severity.rawValue): \($0.message) [\($0.rule)]" }.joined(separator: "\n")
        out += "<mark class=\"\(severity.rawValue)\" tabindex=\"0\" title=\"\(Markup.attribute(message))\""
        out += " data-message=\"\(Markup.attribute(message))\">\(Markup.escape(text))</mark>"
      }
      offset = end
    }
    return out
  }

  /// For each segment, the findings covering each scalar offset (whole-paragraph findings
  /// such as `missing-translation` are shown on the unit instead).
  private func highlights(_ document: Document) -> [Int: [Int: [Finding]]] {
    let locator = SegmentLocator(document)
    var result: [Int: [Int: [Finding]]] = [:]
    for finding in document.findings where finding.rule != Rule.missingTranslation.id {
      for segment in locator.segments(overlapping: finding.range) {
        for (offset, position) in segment.positions.enumerated()
        where position >= finding.range.start && position < finding.range.end {
          result[segment.id, default: [:]][offset, default: []].append(finding)
        }
      }
    }
    return result
  }

  private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  private static let style = """
    :root { color-scheme: light; --error: #c62828; --warning: #b26a00; --note: #1565c0; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
      "PingFang SC", sans-serif; color: #1d1d1f; background: #f6f6f4; }
    header { padding: 1rem 1.25rem; background: #fff; border-bottom: 1px solid #ddd; }
    h1 { margin: 0 0 .25rem; font-size: 1.3rem; overflow-wrap: anywhere; }
    h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; overflow-wrap: anywhere; }
    .summary { margin: .25rem 0; }
    .badge { padding: .05rem .5rem; border-radius: 1rem; color: #fff; white-space: nowrap; }
    .badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
    .badge.note { background: var(--note); }
    .findings { margin: .5rem 0 0; padding-left: 1.5rem; font-size: .9rem; }
    .findings li { margin: .2rem 0; overflow-wrap: anywhere; }
    .findings li.error b { color: var(--error); } .findings li.warning b { color: var(--warning); }
    .findings li.note b { color: var(--note); }
    main { padding: 0 1.25rem 2rem; }
    .row { display: grid; grid-template-columns: repeat(var(--columns), minmax(0, 1fr)); gap: 0 1rem; }
    .head { position: sticky; top: 0; background: #f6f6f4; font-weight: 600; padding: .4rem 0;
      border-bottom: 2px solid #ccc; z-index: 1; }
    .unit { padding: .5rem 0; border-bottom: 1px solid #e2e2e2; }
    .unit.has-error { border-left: 4px solid var(--error); padding-left: .5rem; }
    .unit.has-warning { border-left: 4px solid var(--warning); padding-left: .5rem; }
    .meta { grid-column: 1 / -1; margin: 0 0 .25rem; color: #666; font-size: .8rem; }
    .note-warning { color: var(--warning); } .note-error { color: var(--error); } .note-note { color: var(--note); }
    .cell { position: relative; }
    .cell p { margin: 0 0 .5rem; overflow-wrap: anywhere; }
    .cell.empty { color: #aaa; }
    mark { border-radius: 3px; padding: 0 1px; cursor: help; color: inherit; }
    mark.error { background: #ffcdd2; box-shadow: inset 0 -2px var(--error); }
    mark.warning { background: #ffe0a3; box-shadow: inset 0 -2px var(--warning); }
    mark.note { background: #cfe3ff; box-shadow: inset 0 -2px var(--note); }
    /* The message appears under the marked line, as wide as the column, on hover or tap. */
    mark:hover::after, mark:focus::after { content: attr(data-message); position: absolute; left: 0; right: 0;
      margin-top: 1.7em; z-index: 2; white-space: pre-line; padding: .4rem .6rem; background: #222; color: #fff;
      font-size: .8rem; line-height: 1.4; border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, .3); }
    @media (max-width: 720px) {
      body { font-size: 15px; }
      .row { grid-template-columns: minmax(0, 1fr); }
      .head { display: none; }
      .cell { padding: .2rem 0; }
      .cell.empty { display: none; }
      .cell::before { content: attr(data-label); display: block; font-size: .75rem; color: #888; }
    }

    """
}
