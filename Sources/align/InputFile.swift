import Dispatch
import ParallelText

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

  /// The bytes of `path` (`-`: standard input): those read ahead (``readAhead(_:)``) if
  /// this is the first read and the file is the one read ahead, else read now.
  static func read(_ path: String) throws -> [UInt8] {
    if let ahead = ReadAhead.take(path) { return try ahead.bytes() }
    return try readNow(path)
  }

  /// Starts reading the first of `arguments` that names a regular file of `minimumSize`
  /// bytes or more on a background thread (``BackgroundLoading``), so that the reading
  /// overlaps what comes before it (parsing the arguments); the first ``read(_:)`` takes the
  /// bytes if it asks for that file, and drops them otherwise. Arguments are not parsed
  /// here: an option's value that names such a file may be read for nothing.
  static func readAhead(_ arguments: some Sequence<String>, minimumSize: Int) {
    for argument in arguments where argument != "-" && !argument.hasPrefix("-") {
      var status = stat()
      guard stat(argument, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size >= minimumSize else {
        continue
      }
      let ahead = ReadAhead(argument)
      ReadAhead.waiting.withLock { ReadAhead.first = ahead }
      BackgroundLoading.enqueue { ahead.read() }
      return
    }
  }

  /// A file read ahead: by the background thread, or by the first reader if that thread
  /// has not started it (whoever comes first reads it; the other waits for the bytes).
  private final class ReadAhead: @unchecked Sendable {
    /// Guards ``first``.
    static let waiting = Lock()
    /// The file read ahead, until the first read.
    nonisolated(unsafe) static var first: ReadAhead?

    private let path: String
    private let lock = Lock()
    private var result: Result<[UInt8], any Error>?

    init(_ path: String) { self.path = path }

    /// The file read ahead if `path` names it; nil otherwise. Either way nothing is kept
    /// ahead any longer.
    static func take(_ path: String) -> ReadAhead? {
      waiting.withLock {
        defer { first = nil }
        return first?.path == path ? first : nil
      }
    }

    /// Reads the file unless it has been read.
    func read() {
      lock.withLock { if result == nil { result = Result { try InputFile.readNow(path) } } }
    }

    /// The bytes, read now if they have not been.
    func bytes() throws -> [UInt8] {
      read()
      return try lock.withLock { result! }.get()
    }
  }

  /// The bytes of `path` (`-`: standard input), read now.
  private static func readNow(_ path: String) throws -> [UInt8] {
    TimeMarks.mark("file read starts")
    defer { TimeMarks.mark("file read ends") }
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
