import ParallelText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Standard output and error for the CLI: buffered writes, quiet exit when the reader of
/// standard output goes away, terminal size and colour decisions.
enum Terminal {
  /// Writes to standard output; exits quietly with status 0 when the pipe is closed.
  static func write(_ text: String) {
    guard let failure = FileDescriptors.writeAll(text, to: STDOUT_FILENO) else { return }
    if failure == EPIPE { exit(0) }
    error("align: cannot write output (\(String(cString: strerror(failure))))")
    exit(2)
  }

  /// Writes one line to standard error (if standard error is gone, there is no one to tell).
  static func error(_ message: String) {
    _ = FileDescriptors.writeAll(message.hasSuffix("\n") ? message : message + "\n", to: STDERR_FILENO)
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
    return Environment.value("COLUMNS").flatMap(Int.init)
  }

  /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
  static var wantsColor: Bool {
    let noColor = Environment.value("NO_COLOR").map { !$0.isEmpty } ?? false
    return !noColor && isatty(STDOUT_FILENO) != 0
  }
}
