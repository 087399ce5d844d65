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
  case diff

  /// The formats of `align check`: findings for people and CI systems.
  static let check: [OutputFormat] = [.text, .json, .github, .sarif, .junit, .markdown, .html, .diff]
  /// The formats of `align export`: the aligned units for other tools.
  static let export: [OutputFormat] = [.tmx, .tsv, .json, .markdown, .html]
}

/// The `--format` value of a subcommand that writes some of the formats: only those parse,
/// and only those are listed in `--help`, in errors and in shell completions.
protocol FormatChoice: ExpressibleByArgument {
  /// The formats the subcommand writes.
  static var formats: [OutputFormat] { get }
  /// The chosen format.
  var format: OutputFormat { get }
  init(format: OutputFormat)
}

extension FormatChoice {
  init?(argument: String) {
    guard let format = OutputFormat(rawValue: argument), Self.formats.contains(format) else { return nil }
    self.init(format: format)
  }

  static var allValueStrings: [String] { formats.map(\.rawValue) }

  var defaultValueDescription: String { format.rawValue }
}

/// A format `align check` writes (findings for people and CI systems).
struct CheckFormat: FormatChoice {
  static let formats = OutputFormat.check
  let format: OutputFormat
}

/// A format `align export` writes (the aligned units for other tools).
struct ExportFormat: FormatChoice {
  static let formats = OutputFormat.export
  let format: OutputFormat
}
