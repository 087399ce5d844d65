import Foundation

/// Reads a whole input: a file path, or `-` for standard input.
enum InputFile {
  /// An input that could not be read, with the system's reason.
  struct ReadError: Error, CustomStringConvertible {
    var description: String
  }

  /// The bytes of `path` (`-`: standard input).
  static func read(_ path: String) throws -> [UInt8] {
    let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw ReadError(description: "cannot open (\(String(cString: strerror(errno))))") }
    // Close by path, not by number: with standard input closed, a file opens as descriptor 0.
    defer { if path != "-" { close(descriptor) } }
    var status = stat()
    if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      throw ReadError(description: "is a directory")
    }
    var bytes: [UInt8] = []
    if (status.st_mode & S_IFMT) == S_IFREG { bytes.reserveCapacity(Int(status.st_size)) }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(description: "cannot read (\(String(cString: strerror(errno))))")
      }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }
}
