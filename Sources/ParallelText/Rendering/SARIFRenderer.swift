/// Renders findings as a SARIF 2.1.0 log for code scanning: one run whose driver lists every
/// rule (id, short and full description, help), results with repository-relative URIs,
/// columns in Unicode code points, and partial fingerprints that survive unrelated edits.
public struct SARIFRenderer: Sendable {
  /// The tool version written to `tool.driver.version`.
  public var version: String
  /// The path to record for each document's file, relative to the repository root (files
  /// not listed are recorded as given); URIs are these paths percent-encoded.
  public var paths: [String: String]
  /// The rules described in the driver, in a stable order.
  public var rules: [Rule]

  /// The key under `partialFingerprints` that holds ``Fingerprint`` values.
  public static let fingerprintKey = "alignFindingHash/v1"

  /// Creates a renderer.
  public init(version: String, paths: [String: String] = [:], rules: [Rule] = Rule.all) {
    self.version = version
    self.paths = paths
    self.rules = rules
  }

  /// A URI reference for a path: `/` separators, percent-encoded where RFC 3986 requires.
  public static func uri(forPath path: String) -> String {
    var encoded: [UInt8] = []
    for byte in path.utf8 {
      if Self.isAllowedInPath(byte) {
        encoded.append(byte)
      } else {
        let hex = Array("0123456789ABCDEF".utf8)
        encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      }
    }
    let text = String(decoding: encoded, as: UTF8.self)
    return path.hasPrefix("/") ? "file://" + text : text
  }

  /// Whether a byte may stand as it is in a URI's path: ASCII letters and digits, and
  /// `!$&'()*+,-./:=@_~` (RFC 3986's unreserved characters, sub-delimiters but `;`, `:`, `@`
  /// and the separator `/`).
  private static func isAllowedInPath(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    default: "!$&'()*+,-./:=@_~".utf8.contains(byte)
    }
  }

  /// The SARIF log as JSON text, ending with a newline.
  public func render(_ documents: [Document]) -> String {
    var out = JSONWriter()
    out.raw("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{")
    out.raw("\"tool\":{\"driver\":{\"name\":\"align\",\"version\":")
    out.string(version)
    out.raw(",\"rules\":[")
    out.list(rules) { out, rule in
      out.raw("{\"id\":")
      out.string(rule.id)
      out.raw(",\"name\":")
      out.string(Self.pascalCase(rule.id))
      out.raw(",\"shortDescription\":{\"text\":")
      out.string(rule.summary)
      out.raw("},\"fullDescription\":{\"text\":")
      out.string(rule.summary + " " + rule.help)
      out.raw("},\"help\":{\"text\":")
      out.string(rule.help)
      out.raw(",\"markdown\":")
      out.string("**\(rule.id)**: \(rule.help)")
      out.raw("},\"defaultConfiguration\":{\"level\":")
      out.string(Self.level(rule.severity))
      out.raw("}}")
    }
    out.raw("]}},\"columnKind\":\"unicodeCodePoints\",\"results\":[")
    var first = true
    for document in documents {
      let path = paths[document.file] ?? document.file
      let uri = Self.uri(forPath: path)
      let fingerprints = Fingerprint.of(document, file: path)
      for (finding, fingerprint) in zip(document.findings, fingerprints) {
        if !first { out.raw(",") }
        first = false
        out.raw("{\"ruleId\":")
        out.string(finding.rule)
        if let index = rules.firstIndex(where: { $0.id == finding.rule }) { out.raw(",\"ruleIndex\":\(index)") }
        out.raw(",\"level\":")
        out.string(Self.level(finding.severity))
        out.raw(",\"message\":{\"text\":")
        out.string(finding.message)
        out.raw("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":")
        out.string(uri)
        let range = finding.range
        out.raw("},\"region\":{\"startLine\":\(range.start.line),\"startColumn\":\(range.start.column)")
        out.raw(",\"endLine\":\(range.end.line),\"endColumn\":\(range.end.column)")
        if let actual = finding.actual {
          out.raw(",\"snippet\":{\"text\":")
          out.string(actual)
          out.raw("}")
        }
        out.raw("}}}],\"partialFingerprints\":{")
        out.string(Self.fingerprintKey)
        out.raw(":")
        out.string(fingerprint.value)
        out.raw("}")
        if let expected = finding.replacement {
          out.raw(",\"fixes\":[{\"description\":{\"text\":")
          out.string("Replace with \(expected)")
          out.raw("},\"artifactChanges\":[{\"artifactLocation\":{\"uri\":")
          out.string(uri)
          out.raw("},\"replacements\":[{\"deletedRegion\":{\"startLine\":\(range.start.line)")
          out.raw(
            ",\"startColumn\":\(range.start.column),\"endLine\":\(range.end.line),\"endColumn\":\(range.end.column)}")
          out.raw(",\"insertedContent\":{\"text\":")
          out.string(expected)
          out.raw("}}]}]}]")
        }
        if let unit = finding.unit { out.raw(",\"properties\":{\"unit\":\(unit)}") }
        out.raw("}")
      }
    }
    out.raw("]}]}\n")
    return out.text
  }

  /// SARIF's `level` for a severity.
  public static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }

  /// `wrong-character-choice` → `WrongCharacterChoice`.
  static func pascalCase(_ id: String) -> String {
    id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
  }
}
