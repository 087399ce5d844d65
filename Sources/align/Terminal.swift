import Foundation

/// Standard output and error for the CLI: buffered writes, quiet exit when the reader of
/// standard output goes away, terminal size and colour decisions.
enum Terminal {
  /// Writes to standard output; exits quietly with status 0 when the pipe is closed.
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          if errno == EPIPE { Foundation.exit(0) }
          error("align: cannot write output (\(String(cString: strerror(errno))))")
          Foundation.exit(2)
        }
        offset += written
      }
    }
  }

  /// Writes one line to standard error.
  static func error(_ message: String) {
    let line = message.hasSuffix("\n") ? message : message + "\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// Nothing is buffered beyond `write`; kept so callers state when output is complete.
  static func flush() {}

  /// Makes a closed pipe an EPIPE error instead of a fatal signal.
  static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

  /// The terminal's width when standard output is one, else COLUMNS, else nil.
  static var width: Int? {
    var size = winsize()
    if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
  }

  /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
  static var wantsColor: Bool {
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
    return !noColor && isatty(STDOUT_FILENO) != 0
  }
}
