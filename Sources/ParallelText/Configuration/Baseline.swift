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

/// Findings a repository has accepted for now, recorded by fingerprint, so that a check fails
/// only on new ones (`--baseline FILE`, refreshed with `--update-baseline`).
public struct Baseline: Sendable, Hashable, Codable {
  /// One accepted finding; only `fingerprint` is compared, the rest helps a reader.
  public struct Entry: Sendable, Hashable, Codable, Comparable {
    /// The finding's stable identity.
    public var fingerprint: String
    /// The rule id.
    public var rule: String
    /// The file as recorded.
    public var file: String
    /// The line when recorded (informational).
    public var line: Int
    /// The message when recorded (informational).
    public var message: String

    /// Creates an entry.
    public init(fingerprint: String, rule: String, file: String, line: Int, message: String) {
      self.fingerprint = fingerprint
      self.rule = rule
      self.file = file
      self.line = line
      self.message = message
    }

    public static func < (lhs: Entry, rhs: Entry) -> Bool {
      (lhs.file, lhs.line, lhs.fingerprint) < (rhs.file, rhs.line, rhs.fingerprint)
    }
  }

  /// The format version, 1.
  public var version = 1
  /// The accepted findings, sorted by file and line.
  public var findings: [Entry]

  /// Creates a baseline from entries.
  public init(findings: [Entry]) { self.findings = findings.sorted() }

  /// The fingerprints, for lookup.
  public var fingerprints: Set<String> { Set(findings.map(\.fingerprint)) }

  /// Reads a baseline file.
  public init(contentsOf path: String) throws(BaselineError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BaselineError(file: path, message: "cannot read the baseline")
    }
    do {
      self = try JSONDecoder().decode(Baseline.self, from: data)
    } catch {
      throw BaselineError(file: path, message: "not a baseline file (\(Self.describe(error)))")
    }
    guard version == 1 else { throw BaselineError(file: path, message: "unsupported baseline version \(version)") }
  }

  /// Pretty, sorted JSON ending with a newline: stable for review and version control.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = (try? encoder.encode(self)) ?? Data()
    data.append(0x0A)
    return data
  }

  /// Writes the baseline atomically: a temporary file in the same directory, then a rename.
  public func write(to path: String) throws(BaselineError) {
    try AtomicFile.write(encoded(), to: path) { BaselineError(file: path, message: $0) }
  }

  private static func describe(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "missing key '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
    case DecodingError.dataCorrupted: "not JSON"
    default: "\(error)"
    }
  }
}

/// A baseline file that cannot be read or written.
public struct BaselineError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The baseline file.
  public var file: String
  /// What went wrong.
  public var message: String

  public var description: String { "\(file): \(message)" }
}

/// Writes whole files so that readers see the old or the new content, never a part.
public enum AtomicFile {
  /// Writes `data` to a temporary file beside `path`, flushes it, then renames it over `path`.
  /// An existing file keeps its permissions, and a symbolic link stays a link: the file it
  /// names is the one replaced.
  public static func write<E: Error>(
    _ data: Data, to path: String, error makeError: (String) -> E
  ) throws(E) {
    var path = path
    if let resolved = realpath(path, nil) {
      path = String(cString: resolved)
      free(resolved)
    }
    let directory = FilePaths.parent(of: path)
    let name = FilePaths.lastComponent(of: path)
    let temporary = (directory.isEmpty ? "." : directory) + "/.\(name).\(getpid()).tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw makeError("cannot write (\(String(cString: strerror(errno))))") }
    var existing = stat()
    if stat(path, &existing) == 0 { fchmod(descriptor, existing.st_mode & 0o7777) }
    var failure = data.withUnsafeBytes { FileDescriptors.writeAll($0, to: descriptor) }.map {
      String(cString: strerror($0))
    }
    if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
    close(descriptor)
    if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
    if let failure {
      unlink(temporary)
      throw makeError("cannot write (\(failure))")
    }
  }
}
