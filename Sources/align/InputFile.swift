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
    if (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 {
      // A regular file is read straight into the array, not copied through a buffer (a
      // 200 MB pair set is 200 MB of copying); if it grows meanwhile, the rest is read below.
      let size = Int(status.st_size)
      bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        while initialized < size {
          let count = try readSome(descriptor, buffer.baseAddress! + initialized, size - initialized)
          if count == 0 { break }
          initialized += count
        }
      }
    }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = try chunk.withUnsafeMutableBytes { try readSome(descriptor, $0.baseAddress!, $0.count) }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
  }

  /// One `read` of up to `count` bytes (0 at the end), retried when interrupted.
  private static func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
    while true {
      let read = Foundation.read(descriptor, buffer, count)
      if read >= 0 { return read }
      if errno != EINTR { throw ReadError(description: "cannot read (\(String(cString: strerror(errno))))") }
    }
  }
}
