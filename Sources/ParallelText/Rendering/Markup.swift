/// Escaping for XML and HTML text and attributes, shared by the TMX, JUnit and HTML renderers.
enum Markup {
  /// Text safe inside an element or a double-quoted attribute; characters XML 1.0 forbids
  /// (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
  static func escape(_ text: String) -> String { escape(text, lineEnds: false) }

  /// Like ``escape(_:)``, and line ends as character references so attributes keep them.
  static func attribute(_ text: String) -> String { escape(text, lineEnds: true) }

  /// `escape`, with tabs and line ends as character references when `lineEnds`, in one pass.
  private static func escape(_ text: String, lineEnds: Bool) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n" where lineEnds: out += "&#10;"
      case "\r" where lineEnds: out += "&#13;"
      case "\t" where lineEnds: out += "&#9;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}

/// BCP 47 language tags for scripts, for formats that name languages (TMX, HTML).
public struct LanguageTags: Sendable, Hashable {
  /// The tag for each script.
  public private(set) var tags: [Script: String] = [
    .latin: "en", .simplified: "zh-Hans", .traditional: "zh-Hant", .han: "zh", .japanese: "ja", .korean: "ko",
  ]

  /// The default tags: `en`, `zh-Hans`, `zh-Hant`, `zh` (undetermined Han), `ja`, `ko`.
  public init() {}

  /// The default tags with replacements, keyed by the default tag or the script code:
  /// `["zh-Hant": "zh-TW"]` or `["Hant": "zh-TW"]`.
  public init(replacing replacements: [String: String]) throws(LanguageTagError) {
    for (key, tag) in replacements {
      guard Self.isWellFormed(tag) else { throw LanguageTagError(message: "'\(tag)' is not a language tag") }
      let scripts = tags.filter { $0.value.lowercased() == key.lowercased() || $0.key.rawValue == key }.map(\.key)
      guard !scripts.isEmpty else {
        throw LanguageTagError(
          message: "'\(key)' is none of \(tags.values.sorted().joined(separator: ", ")) or a script code")
      }
      for script in scripts { tags[script] = tag }
    }
  }

  /// The tag for a script; other scripts get `und-` and their code, e.g. `und-Cyrl`.
  public func tag(for script: Script) -> String { tags[script] ?? "und-\(script.rawValue)" }

  private static func isWellFormed(_ tag: String) -> Bool {
    let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
    return !parts.isEmpty
      && parts.allSatisfy { part in
        (1...8).contains(part.count)
          && part.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
          }
      }
  }
}

/// A language tag replacement that cannot be used.
public struct LanguageTagError: Error, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  public var description: String { message }
}

extension Document {
  /// The segments of a unit for one script, in order.
  func segments(of unit: Unit, script: Script) -> [Segment] {
    (unit.segments[script] ?? []).compactMap(segment)
  }

  /// The scripts used by the document's units, Latin first.
  var scripts: [Script] { Array(Set(units.flatMap(\.scripts))).sorted() }

  /// The findings of each of the document's units, in order, and those of no unit of it:
  /// sorted in one pass, for renderers that go unit by unit (a pair set has a unit a line).
  func findingsByUnit() -> (units: [Int: [Finding]], loose: [Finding]) {
    let ids = Set(units.map(\.id))
    var byUnit: [Int: [Finding]] = [:]
    var loose: [Finding] = []
    for finding in findings {
      if let unit = finding.unit, ids.contains(unit) {
        byUnit[unit, default: []].append(finding)
      } else {
        loose.append(finding)
      }
    }
    return (byUnit, loose)
  }

  /// The first and last source lines of a unit.
  func lines(of unit: Unit) -> ClosedRange<Int> {
    let segments = unit.segmentIDs.compactMap(segment)
    let first = segments.map(\.range.start.line).min() ?? 0
    return first...max(first, segments.map(\.range.end.line).max() ?? 0)
  }
}

extension ClosedRange<Int> {
  /// `line 4` or `lines 4–9`.
  var lineDescription: String { lowerBound == upperBound ? "line \(lowerBound)" : "lines \(lowerBound)–\(upperBound)" }
}
