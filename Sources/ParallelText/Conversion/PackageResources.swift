import Foundation

/// Where the package's data lies: OpenCC's dictionaries, the word lists and the snapshots
/// (`Sources/ParallelText/Resources/`, which SwiftPM copies into
/// `ParallelText_ParallelText.resources` beside the executable it builds).
///
/// Found without `Bundle.module`, which stops the process when the folder is missing: a
/// copied `align` without its data still checks English-only text, and names what is missing
/// for the rest.
enum PackageResources {
  /// The folder SwiftPM makes of the package's resources (package name, then target name).
  static let bundleName = "ParallelText_ParallelText.resources"
  /// The environment variable that names the data folder instead (laid out as `Resources/`):
  /// for packagers who install the data elsewhere.
  static let environmentVariable = "PARALLELTEXT_RESOURCES"

  /// The data folder, looked up once (``locate(environment:executable:)``); nil when none
  /// of the places looked at holds OpenCC's dictionaries. (The variable is read alone:
  /// `ProcessInfo.environment` copies the whole environment, a third of the lookup.)
  static let directory: URL? = locate(
    environment: getenv(environmentVariable).map { [environmentVariable: String(cString: $0)] } ?? [:],
    executable: Bundle.main.executableURL)

  /// The first of ``candidates(environment:executable:)`` that holds OpenCC's dictionaries.
  static func locate(environment: [String: String], executable: URL?) -> URL? {
    candidates(environment: environment, executable: executable).first { folder in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("OpenCC/STCharacters.txt").path)
    }
  }

  /// The places the data may lie, in order: the folder `PARALLELTEXT_RESOURCES` names, alone,
  /// when it is set; else the bundle beside the executable, symlinks resolved (where `swift
  /// build`, `swift test` and an install put it, and where a Swift program that depends on
  /// the package finds it too); else the `Resources` folder of the sources this library was
  /// built from (a binary copied elsewhere on the machine that built it).
  static func candidates(environment: [String: String], executable: URL?) -> [URL] {
    if let named = environment[environmentVariable], !named.isEmpty { return [URL(fileURLWithPath: named)] }
    var folders: [URL] = []
    if let executable {
      folders.append(
        executable.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(bundleName))
    }
    folders.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources"))
    return folders
  }

  /// A file or folder of the data (`OpenCC`, `Lexicon/zh-en.txt`), when it is there.
  static func url(_ path: String) -> URL? {
    guard let directory else { return nil }
    let url = directory.appendingPathComponent(path)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// What to tell a user whose data is missing: where it was looked for and how to provide it.
  static var missingMessage: String {
    if let named = ProcessInfo.processInfo.environment[environmentVariable], !named.isEmpty {
      return "ParallelText's data is not in \(named) (\(environmentVariable)): it needs the OpenCC folder there"
    }
    let beside = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path ?? "."
    return
      "ParallelText's data (\(bundleName)) is not beside the executable in \(beside): copy that folder "
      + "from the build (.build/release/) there, or set \(environmentVariable) to it"
  }
}
