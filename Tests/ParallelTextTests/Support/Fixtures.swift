import Foundation

/// Paths of the package's `Fixtures/` and of the built `align` binary.
enum Fixtures {
  /// The package root, found from this file's path.
  static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  /// `Fixtures/` in the package root.
  static let directory = packageRoot.appendingPathComponent("Fixtures")

  /// The seed statements, sorted by name.
  static let seeds: [URL] = {
    let folder = directory.appendingPathComponent("seeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
  }()

  /// The seed whose name starts with `prefix` (e.g. "002").
  static func seed(_ prefix: String) -> URL {
    seeds.first { $0.lastPathComponent.hasPrefix(prefix) }!
  }

  /// The text of a seed.
  static func text(_ prefix: String) throws -> String {
    try String(contentsOf: seed(prefix), encoding: .utf8)
  }

  /// The built `align` executable, beside the test bundle.
  static let alignBinary: URL = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL {
      candidates.append(executable.deletingLastPathComponent().appendingPathComponent("align"))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/align"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()
}

/// The result of running `align`.
struct AlignRun {
  var status: Int32
  var stdout: String
  var stderr: String

  /// Runs the built `align` with `arguments` (from the package root), feeding `input`.
  init(
    _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], pinnedToOneCore: Bool = false
  ) throws {
    let process = Process()
    if pinnedToOneCore {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
      process.arguments = ["-c", "0", Fixtures.alignBinary.path] + arguments
    } else {
      process.executableURL = Fixtures.alignBinary
      process.arguments = arguments
    }
    process.currentDirectoryURL = Fixtures.packageRoot
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    stdout = String(decoding: outData, as: UTF8.self)
    stderr = String(decoding: errData, as: UTF8.self)
  }

  /// stdout parsed as a JSON object.
  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
  }
}

/// A temporary directory removed at deinit.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("ptx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `name` inside the directory and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name)
    try Data(bytes).write(to: path)
    return path.path
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}
