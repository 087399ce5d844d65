import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
        // Standard input may be a file read from part way: read in order.
        if path != "-" { initialized = readLarge(descriptor, into: UnsafeMutableRawBufferPointer(buffer)) }
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

  /// Reads the start of a large regular file into `buffer` in pieces on all cores (most of
  /// the time goes into the kernel's filling of fresh pages, which then runs in parallel),
  /// returning how many bytes lie in place from the start (the rest is for `read` to
  /// finish). Nothing for a file under 16 MiB: a 2 MB file (the 1 MB pair set) read in two
  /// pieces took as long as in one (about 1 ms either way, by hand with a scratch build's
  /// time marks, four runs of 21 each).
  private static func readLarge(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let pieceSize = 8 << 20
    guard buffer.count >= 2 * pieceSize, let base = buffer.baseAddress else { return 0 }
    let pieces = buffer.count / pieceSize
    nonisolated(unsafe) let start = base
    let done = UnsafeMutableBufferPointer<Int>.allocate(capacity: pieces)
    defer { done.deallocate() }
    nonisolated(unsafe) let filled = done
    DispatchQueue.concurrentPerform(iterations: pieces) { piece in
      var offset = piece * pieceSize
      let end = offset + pieceSize
      while offset < end {
        let count = pread(descriptor, start + offset, end - offset, off_t(offset))
        if count < 0, errno == EINTR { continue }
        if count <= 0 { break }
        offset += count
      }
      filled[piece] = offset - piece * pieceSize
    }
    // The bytes in place: up to the first piece not read whole (an error or a file that
    // shrank); `read` goes on from there, and reports any error.
    var read = 0
    for piece in 0..<pieces {
      read += done[piece]
      guard done[piece] == pieceSize else { break }
    }
    guard lseek(descriptor, off_t(read), SEEK_SET) == off_t(read) else { return 0 }
    return read
  }

  /// One `read` of up to `count` bytes (0 at the end), retried when interrupted.
  private static func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) throws -> Int {
    while true {
      let read = readBytes(descriptor, buffer, count)
      if read >= 0 { return read }
      if errno != EINTR { throw ReadError(description: "cannot read (\(String(cString: strerror(errno))))") }
    }
  }
}

/// `read(2)`, named apart from the `read` functions of the type above.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}
