import ArgumentParser

/// The output formats of `align`; each subcommand accepts a subset.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case github
  case sarif
  case junit
  case tmx
  case tsv
  case markdown
  case html

  /// The formats of `align check`: findings for people and CI systems.
  static let check: [OutputFormat] = [.text, .json, .github, .sarif, .junit, .markdown, .html]
  /// The formats of `align export`: the aligned units for other tools.
  static let export: [OutputFormat] = [.tmx, .tsv, .json, .markdown, .html]

  /// `text|json|...` for help and errors.
  static func list(_ formats: [OutputFormat]) -> String { formats.map(\.rawValue).joined(separator: "|") }
}
