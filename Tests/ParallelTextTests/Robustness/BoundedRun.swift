import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One run of the built `align` (or of a shell line that runs it) under a time limit, with
/// its output in files, its exit status or terminating signal, and its peak memory.
///
/// Unlike `AlignRun`, it never blocks on a full pipe, kills a run that outlives `timeout`
/// (so a hang fails the test instead of the suite), and can start `align` with standard
/// input closed.
struct BoundedRun {
  /// What to connect to standard input.
  enum Input {
    /// `/dev/null`.
    case empty
    /// A file's contents.
    case file(String)
    /// No file descriptor 0 at all.
    case closed
  }

  /// The exit status, or nil when a signal ended the process.
  var status: Int32?
  /// The signal that ended the process, if any.
  var signal: Int32?
  /// True when the run was killed for outliving its time limit.
  var timedOut = false
  /// Peak resident memory of the process and its waited-for children, in MiB.
  var peakMemoryMiB: Int
  /// Wall-clock seconds.
  var seconds: Double
  /// Where standard output went.
  let stdoutPath: String
  /// Standard error, decoded.
  var stderr: String

  /// Standard output, decoded (reads the whole file).
  var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
  /// Standard output's bytes.
  var stdoutData: Data { (try? Data(contentsOf: URL(fileURLWithPath: stdoutPath))) ?? Data() }
  /// The size of standard output in bytes.
  var stdoutSize: Int {
    ((try? FileManager.default.attributesOfItem(atPath: stdoutPath))?[.size] as? NSNumber)?.intValue ?? 0
  }

  /// True when the run ended by itself with an exit status (no signal, no timeout).
  var endedNormally: Bool { status != nil && signal == nil && !timedOut }

  /// Runs `align arguments` in `directory`.
  /// Runs `align arguments` in `directory` (or in `workingDirectory`, keeping the output
  /// files in `directory`).
  init(
    align arguments: [String], in directory: TemporaryDirectory, input: Input = .empty,
    timeout: Double = 600, environment: [String: String] = [:], workingDirectory: String? = nil
  ) throws {
    try self.init(
      executable: Fixtures.alignBinary.path, arguments: arguments, in: directory, input: input,
      timeout: timeout, environment: environment, workingDirectory: workingDirectory)
  }

  /// Runs `/bin/bash -c script` in `directory` with `$ALIGN` set to the built `align`.
  init(shell script: String, in directory: TemporaryDirectory, timeout: Double = 600) throws {
    try self.init(
      executable: "/bin/bash", arguments: ["-c", script], in: directory, input: .empty, timeout: timeout,
      environment: ["ALIGN": Fixtures.alignBinary.path], workingDirectory: nil)
  }

  private init(
    executable: String, arguments: [String], in directory: TemporaryDirectory, input: Input, timeout: Double,
    environment: [String: String], workingDirectory: String?
  ) throws {
    let name = UUID().uuidString
    stdoutPath = directory.url.appendingPathComponent("\(name).stdout").path
    let stderrPath = directory.url.appendingPathComponent("\(name).stderr").path

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    switch input {
    case .empty: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
    case .closed: posix_spawn_file_actions_addclose(&actions, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { $1 }
    // Crash reports must not be slowed down or hidden by the backtracer's prompts.
    env["SWIFT_BACKTRACE"] = env["SWIFT_BACKTRACE"] ?? "interactive=no"
    // `env -C` runs the command in the directory (posix_spawn's chdir action is not imported).
    let argv =
      (["/usr/bin/env", "-C", workingDirectory ?? directory.url.path, executable] + arguments).map { strdup($0) } + [
        nil
      ]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }

    let start = Date()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, envp)
    guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }

    var waitStatus: Int32 = 0
    var usage = rusage()
    var killed = false
    while true {
      let result = wait4(pid, &waitStatus, WNOHANG, &usage)
      if result == pid { break }
      if result < 0, errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
      if !killed, Date().timeIntervalSince(start) > timeout {
        kill(pid, SIGKILL)
        killed = true
      }
      usleep(20_000)
    }
    seconds = Date().timeIntervalSince(start)
    timedOut = killed
    peakMemoryMiB = Int(usage.ru_maxrss) / 1024
    // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
    if waitStatus & 0x7F == 0 {
      status = (waitStatus >> 8) & 0xFF
    } else {
      signal = waitStatus & 0x7F
    }
    stderr = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
  }
}

extension Data {
  /// How often `pattern` occurs (non-overlapping), found with `memchr` and `memcmp` so
  /// that big outputs stay cheap to check.
  func occurrences(of pattern: String) -> Int {
    let needle = Array(pattern.utf8)
    return withUnsafeBytes { (haystack: UnsafeRawBufferPointer) -> Int in
      guard let base = haystack.baseAddress, let first = needle.first else { return 0 }
      var offset = 0
      var count = 0
      while haystack.count - offset >= needle.count {
        guard let found = memchr(base + offset, Int32(first), haystack.count - offset - needle.count + 1) else { break }
        let at = base.distance(to: UnsafeRawPointer(found))
        if memcmp(base + at, needle, needle.count) == 0 {
          count += 1
          offset = at + needle.count
        } else {
          offset = at + 1
        }
      }
      return count
    }
  }
}
