#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The settings of a `.align.yml` file: which rules run and how severe they are, the
/// Traditional standard, which files a directory walk takes, and the minimum alignment
/// confidence.
///
/// ```yaml
/// standard: tw
/// include: ["**/*.txt", "**/*.md"]
/// exclude: ["drafts/**"]
/// minimum-confidence: 0.5
/// rules:
///   quote-style: off
///   missing-translation: error
///   hans-hant-mismatch: {enabled: true, severity: warning}
/// ```
public struct Configuration: Sendable, Hashable {
  /// The file the settings were read from, if any.
  public var file: String?
  /// Rules switched on (`true`) or off (`false`); rules not listed keep their default.
  public var enabledRules: [String: Bool] = [:]
  /// Severities that replace the rules' defaults.
  public var severities: [String: Severity] = [:]
  /// The Traditional standard, when set.
  public var standard: TraditionalStandard?
  /// Patterns a directory walk takes; relative to the configuration file's directory.
  public var include: [Glob] = Self.defaultInclude
  /// Patterns a directory walk leaves out, even when included.
  public var exclude: [Glob] = []
  /// Units aligned with less confidence are not trusted (see ``Settings/minimumConfidence``).
  public var minimumConfidence: Double?

  /// The file name looked for: `.align.yml`.
  public static let fileName = ".align.yml"
  /// `**/*.txt` and `**/*.md`.
  public static let defaultInclude = [Glob("**/*.txt"), Glob("**/*.md")]

  /// The defaults: every rule on at its own severity, all `*.txt` and `*.md` files.
  public init() {}

  /// The directory `include` and `exclude` patterns are relative to.
  public var directory: String? { file.map(FilePaths.parent(of:)) }

  /// Parses YAML text (the subset the package's `YAMLReader` takes: block and flow mappings
  /// and sequences, plain and quoted values, comments); `file` names it in errors.
  public init(yaml: String, file: String) throws(ConfigurationError) {
    self.file = file
    let root: YAMLNode?
    do {
      root = try YAMLReader.read(yaml)
    } catch {
      throw ConfigurationError(file: file, yaml: error)
    }
    guard let root else { return }  // An empty file: the defaults.
    guard let mapping = root.mapping else {
      throw ConfigurationError(file: file, node: root, message: "expected a mapping of settings at the top level")
    }
    for pair in mapping {
      let (key, value) = (pair.key, pair.value)
      let name = key.scalar ?? ""
      switch name {
      case "standard":
        let text = try Self.string(value, file: file, setting: name)
        guard let standard = TraditionalStandard(rawValue: text.lowercased()) else {
          throw ConfigurationError(
            file: file, node: value, message: "standard must be tw, hk or generic, not '\(text)'")
        }
        self.standard = standard
      case "include":
        include = try Self.globs(value, file: file, setting: name)
      case "exclude":
        exclude = try Self.globs(value, file: file, setting: name)
      case "minimum-confidence":
        let text = try Self.string(value, file: file, setting: name)
        guard let number = Double(text), number >= 0, number <= 1 else {
          throw ConfigurationError(
            file: file, node: value, message: "minimum-confidence must be a number from 0 to 1, not '\(text)'")
        }
        minimumConfidence = number
      case "rules":
        try readRules(value, file: file)
      default:
        throw ConfigurationError(
          file: file, node: key,
          message: "unknown setting '\(name)' (known: standard, include, exclude, minimum-confidence, rules)")
      }
    }
  }

  /// Reads and parses a configuration file.
  public init(contentsOf path: String) throws(ConfigurationError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(file: path, line: nil, column: nil, message: "cannot read the configuration file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigurationError(file: path, line: nil, column: nil, message: "the configuration file is not UTF-8")
    }
    try self.init(yaml: text, file: path)
  }

  /// The nearest `.align.yml` in `directory` or one of its parents.
  public static func find(from directory: String) -> String? {
    var current = URL(fileURLWithPath: directory).standardizedFileURL.path
    while true {
      let candidate = FilePaths.joining(current, fileName)
      if FileManager.default.fileExists(atPath: candidate) { return candidate }
      let parent = FilePaths.parent(of: current)
      if parent == current || parent.isEmpty { return nil }
      current = parent
    }
  }

  /// Whether a directory walk from `root` takes `path`: patterns are matched against the path
  /// relative to the configuration file's directory, or to `root` without a configuration file.
  public func takes(_ path: String, walkingFrom root: String) -> Bool {
    let relative = Self.relativePath(path, to: directory ?? root)
    return include.contains { $0.matches(relative) } && !exclude.contains { $0.matches(relative) }
  }

  /// `path` relative to `base` when inside it, else `path` unchanged.
  public static func relativePath(_ path: String, to base: String) -> String {
    let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
    let basePath = URL(fileURLWithPath: base.isEmpty ? "." : base).standardizedFileURL.path
    let prefix = basePath.hasSuffix("/") ? basePath : basePath + "/"
    return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
  }

  private mutating func readRules(_ node: YAMLNode, file: String) throws(ConfigurationError) {
    guard let mapping = node.mapping else {
      throw ConfigurationError(file: file, node: node, message: "rules must be a mapping of rule ids to settings")
    }
    for pair in mapping {
      let (key, value) = (pair.key, pair.value)
      let id = key.scalar ?? ""
      guard Rule.named(id) != nil else {
        let known = Rule.all.map(\.id).joined(separator: ", ")
        throw ConfigurationError(file: file, node: key, message: "unknown rule '\(id)' (known: \(known))")
      }
      if let settings = value.mapping {
        for setting in settings {
          let (settingKey, settingValue) = (setting.key, setting.value)
          switch settingKey.scalar {
          case "enabled":
            enabledRules[id] = try Self.switchValue(settingValue, file: file, rule: id, allowSeverity: false).enabled
          case "severity":
            let text = try Self.string(settingValue, file: file, setting: "severity")
            guard let severity = Severity(rawValue: text.lowercased()) else {
              throw ConfigurationError(
                file: file, node: settingValue, message: "severity must be error, warning or note, not '\(text)'")
            }
            severities[id] = severity
          default:
            throw ConfigurationError(
              file: file, node: settingKey,
              message: "unknown rule setting '\(settingKey.scalar ?? "")' (known: enabled, severity)")
          }
        }
      } else {
        let (enabled, severity) = try Self.switchValue(value, file: file, rule: id, allowSeverity: true)
        enabledRules[id] = enabled
        if let severity { severities[id] = severity }
      }
    }
  }

  /// `on`/`off`/`true`/`false`, or (when allowed) a severity, which also switches the rule on.
  private static func switchValue(
    _ node: YAMLNode, file: String, rule: String, allowSeverity: Bool
  ) throws(ConfigurationError) -> (enabled: Bool, severity: Severity?) {
    let text = try string(node, file: file, setting: rule).lowercased()
    switch text {
    case "on", "true", "yes": return (true, nil)
    case "off", "false", "no": return (false, nil)
    default:
      if allowSeverity, let severity = Severity(rawValue: text) { return (true, severity) }
      let expected = allowSeverity ? "on, off, error, warning or note" : "true or false"
      throw ConfigurationError(file: file, node: node, message: "\(rule) must be \(expected), not '\(text)'")
    }
  }

  private static func string(_ node: YAMLNode, file: String, setting: String) throws(ConfigurationError) -> String {
    guard let scalar = node.scalar else {
      throw ConfigurationError(file: file, node: node, message: "\(setting) must be a single value")
    }
    return scalar
  }

  private static func globs(_ node: YAMLNode, file: String, setting: String) throws(ConfigurationError) -> [Glob] {
    if let scalar = node.scalar { return [Glob(scalar)] }
    guard let sequence = node.sequence else {
      throw ConfigurationError(file: file, node: node, message: "\(setting) must be a list of patterns")
    }
    var globs: [Glob] = []
    for item in sequence {
      globs.append(Glob(try string(item, file: file, setting: "each \(setting) pattern")))
    }
    return globs
  }
}

/// A configuration file that cannot be used: unreadable, not YAML, an unknown key or a bad value.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The configuration file.
  public var file: String
  /// The 1-based line of the problem, when known.
  public var line: Int?
  /// The 1-based column of the problem, when known.
  public var column: Int?
  /// What is wrong.
  public var message: String

  /// Creates an error at a position of `file`.
  public init(file: String, line: Int?, column: Int?, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  /// An error at a node's position.
  init(file: String, node: YAMLNode, message: String) {
    self.init(file: file, line: node.line, column: node.column, message: message)
  }

  /// The error for text ``YAMLReader`` cannot read.
  init(file: String, yaml error: YAMLError) {
    let message =
      switch error.problem {
      case .syntax(let problem): "not valid YAML: \(problem)"
      case .unsupported(let construct): "unsupported YAML: \(construct)"
      case .duplicateKey(let key, let firstLine): "duplicate setting \(key) (first set on line \(firstLine))"
      }
    self.init(file: file, line: error.line, column: error.column, message: message)
  }

  /// `FILE:LINE:COL: message`.
  public var description: String {
    var location = file
    if let line { location += ":\(line)" }
    if let line, let column, line > 0 { location += ":\(column)" }
    return "\(location): \(message)"
  }
}
