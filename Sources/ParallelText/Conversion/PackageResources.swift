#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// The folder `PARALLELTEXT_RESOURCES` names, if it is set (``Environment``: `ProcessInfo`'s
  /// `environment` copied the whole environment, a third of the lookup).
  private static let namedFolder: String? = Environment.value(environmentVariable).flatMap { $0.isEmpty ? nil : $0 }

  /// The places looked at for this process (``candidates(named:executable:)``).
  private static let places = candidates(named: namedFolder, executable: executable)

  /// The running executable's file, symlinks resolved (what `Bundle.main.executableURL` gives,
  /// without linking the whole of Foundation for it).
  private static var executable: URL? {
    #if os(Linux)
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard length > 0 else { return nil }
      return URL(fileURLWithPath: String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    #elseif canImport(Darwin)
      var size: UInt32 = 0
      _NSGetExecutablePath(nil, &size)
      var buffer = [CChar](repeating: 0, count: Int(size) + 1)
      guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
      return URL(fileURLWithPath: String(cString: buffer))
    #else
      return CommandLine.arguments.first.map { URL(fileURLWithPath: $0) }
    #endif
  }

  /// The data folder, looked up once; nil when none of ``places`` holds OpenCC's dictionaries.
  static let directory: URL? = locate(in: places)

  /// The first of `places` that holds OpenCC's dictionaries.
  static func locate(in places: [URL]) -> URL? {
    places.first { ConversionTables.holdsDictionaries($0.appendingPathComponent("OpenCC")) }
  }

  /// The places the data may lie, in order: the folder `PARALLELTEXT_RESOURCES` names, alone,
  /// when it is set; else the bundle beside the executable, symlinks resolved (where `swift
  /// build`, `swift test` and an install put it, and where a Swift program that depends on
  /// the package finds it too); else the `Resources` folder of the sources this library was
  /// built from (a binary copied elsewhere on the machine that built it).
  static func candidates(named: String?, executable: URL?) -> [URL] {
    if let named { return [URL(fileURLWithPath: named)] }
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

  /// What to tell a user whose data is missing: the places looked at, and how to provide it.
  static var missingMessage: String {
    let looked = places.map(\.path).joined(separator: " nor ")
    if namedFolder != nil {
      return "ParallelText's data is not in \(looked) (\(environmentVariable)): it needs the OpenCC folder there"
    }
    return
      "ParallelText's data is not in \(looked): copy \(bundleName) from the build (.build/release/) "
      + "beside the executable, or set \(environmentVariable) to a copy"
  }
}
