/// Renders translated units as a TMX 1.4b translation memory: one `tu` per unit with at least
/// two languages, one `tuv` per script, `segtype="paragraph"`, `datatype="plaintext"`.
public struct TMXRenderer: Sendable {
  /// The tool version written to the header.
  public var version: String
  /// The language tag of each script.
  public var languages: LanguageTags
  /// Units with lower alignment confidence are left out.
  public var minimumConfidence: Double

  /// Creates a renderer.
  public init(version: String, languages: LanguageTags = LanguageTags(), minimumConfidence: Double = 0) {
    self.version = version
    self.languages = languages
    self.minimumConfidence = minimumConfidence
  }

  /// The translation memory as XML text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    out += "<tmx version=\"1.4\">\n"
    out += "  <header creationtool=\"align\" creationtoolversion=\"\(Markup.attribute(version))\""
    out += " segtype=\"paragraph\" o-tmf=\"ParallelText\" adminlang=\"en\""
    out +=
      " srclang=\"\(Markup.attribute(languages.tag(for: .latin)))\" datatype=\"plaintext\" o-encoding=\"UTF-8\"/>\n"
    out += "  <body>\n"
    for document in documents {
      for unit in document.units where unit.isTranslated && unit.confidence >= minimumConfidence {
        out += "    <tu tuid=\"\(unit.id)\">\n"
        out += "      <prop type=\"x-file\">\(Markup.escape(document.file))</prop>\n"
        out +=
          "      <prop type=\"x-lines\">\(document.lines(of: unit).lowerBound)-\(document.lines(of: unit).upperBound)</prop>\n"
        out += "      <prop type=\"x-confidence\">\(unit.confidence)</prop>\n"
        for script in unit.scripts {
          let text = document.segments(of: unit, script: script).map(\.text).joined(separator: "\n")
          out += "      <tuv xml:lang=\"\(Markup.attribute(languages.tag(for: script)))\">"
          out += "<seg>\(Markup.escape(text))</seg></tuv>\n"
        }
        out += "    </tu>\n"
      }
    }
    out += "  </body>\n</tmx>\n"
    return out
  }
}

/// Renders units as tab-separated values: a header row, then one row per unit with its file,
/// lines, confidence and a column per script. Tabs, line ends and backslashes in text are
/// written as `\t`, `\n` and `\\`; a unit's several paragraphs of one script are joined by `\n`.
public struct TSVRenderer: Sendable {
  /// The language tag of each script, used for column names.
  public var languages: LanguageTags
  /// Units with lower alignment confidence are left out.
  public var minimumConfidence: Double

  /// Creates a renderer.
  public init(languages: LanguageTags = LanguageTags(), minimumConfidence: Double = 0) {
    self.languages = languages
    self.minimumConfidence = minimumConfidence
  }

  /// The table as text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    let scripts = Array(Set(documents.flatMap(\.scripts))).sorted()
    var out = (["unit", "file", "lines", "confidence"] + scripts.map(languages.tag)).joined(separator: "\t") + "\n"
    for document in documents {
      for unit in document.units where unit.confidence >= minimumConfidence {
        let lines = document.lines(of: unit)
        var row = [
          "\(unit.id)", Self.escape(document.file), "\(lines.lowerBound)-\(lines.upperBound)", "\(unit.confidence)",
        ]
        for script in scripts {
          row.append(Self.escape(document.segments(of: unit, script: script).map(\.text).joined(separator: "\n")))
        }
        out += row.joined(separator: "\t") + "\n"
      }
    }
    return out
  }

  /// A field's text on one line: a backslash doubled, a tab as backslash-t, each line end
  /// (CR LF, LF or CR) as backslash-n; in one pass, and the text itself when it has none of
  /// them (nearly always).
  static func escape(_ text: String) -> String {
    guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var afterCR = false
    for scalar in text.unicodeScalars {
      defer { afterCR = scalar == "\r" }
      switch scalar {
      case "\\": out += "\\\\"
      case "\t": out += "\\t"
      case "\n" where afterCR: break
      case "\n", "\r": out += "\\n"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
