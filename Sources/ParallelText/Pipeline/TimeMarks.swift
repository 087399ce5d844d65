#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a run's time goes: with `PTX_TIME_MARKS` set, each ``mark(_:)`` notes the time and
/// the thread, and ``report()`` writes them to standard error, one `MS\tTHREAD\tLABEL` line
/// each, in time order. Times are milliseconds since the moment `PTX_TIME_MARKS` gives (a
/// `CLOCK_MONOTONIC` time in nanoseconds, such as a launcher's just before it starts the
/// process; `Scripts/time-marks.py` sets it), else since the first mark. Threads are
/// numbered in the order they first mark (0 is the one that marks first, usually the
/// main thread). Unset, a mark costs a test of one value.
package enum TimeMarks {
  /// The time marks count from, or nil when marks are not kept.
  private static let origin: UInt64? = {
    guard let value = Environment.value("PTX_TIME_MARKS") else { return nil }
    return UInt64(value) ?? now()
  }()

  private static let lock = Lock()
  nonisolated(unsafe) private static var marks: [(time: UInt64, thread: pthread_t, label: StaticString)] = []

  /// Notes `label` now, on this thread, if marks are kept.
  package static func mark(_ label: StaticString) {
    guard origin != nil else { return }
    let time = now()
    lock.withLock { marks.append((time, pthread_self(), label)) }
  }

  /// Writes the marks so far to standard error, if marks are kept.
  package static func report() {
    guard let origin else { return }
    let sorted = lock.withLock { marks.sorted { $0.time < $1.time } }
    var threads: [pthread_t] = []
    var lines = ""
    for mark in sorted {
      if !threads.contains(where: { pthread_equal($0, mark.thread) != 0 }) { threads.append(mark.thread) }
      let thread = threads.firstIndex { pthread_equal($0, mark.thread) != 0 }!
      let micros = (Int64(bitPattern: mark.time) - Int64(bitPattern: origin)) / 1_000
      let sign = micros < 0 ? "-" : ""
      let fraction = String(abs(micros) % 1_000)
      lines +=
        "\(sign)\(abs(micros) / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)\t\(thread)\t\(mark.label)\n"
    }
    _ = FileDescriptors.writeAll(lines, to: STDERR_FILENO)
  }

  private static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
