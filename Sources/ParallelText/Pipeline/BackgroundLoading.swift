/// Start-up work (loading tables) done on threads of their own while the caller goes on
/// (parsing arguments, reading inputs): loads run in the order they are asked for, on up to
/// one thread per core besides the caller's, each started on another core than the
/// caller's (``ptx_start_thread``: a thread started on its creator's busy core waited about
/// 3 ms for the scheduler to move it). A load is a lazily computed value: whoever needs it
/// first, a loading thread or the caller, computes it, and the other waits for it. A pair
/// set's pieces are queued here too (`PieceWorkers`), so that the loading threads check
/// them once their loads are done.
package enum BackgroundLoading {
  /// Queues `load`; starts a thread for it unless every thread there may be is running.
  /// Nothing runs in the background when the process may use one core.
  package static func enqueue(_ load: @escaping @Sendable () -> Void) {
    guard let spread = queue.add(load) else { return }
    let queue = queue
    if !Threads.start(spread: spread, { queue.drain() }) {
      // No thread: whoever needs the values computes them, as on one core.
      queue.threadEnded()
    }
  }

  private static let queue = LoadQueue(threads: ConcurrentChunks.cores - 1)

  /// The loads waiting for a thread, and how many threads take them.
  private final class LoadQueue: @unchecked Sendable {
    private let lock = Lock()
    private var loads: [@Sendable () -> Void] = []
    private var running = 0
    private let threads: Int

    init(threads: Int) { self.threads = threads }

    /// Queues `load`; the index of a thread to start for it, or nil (one is free, or none
    /// may start).
    func add(_ load: @escaping @Sendable () -> Void) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard threads > 0 else { return nil }
      loads.append(load)
      guard running < threads else { return nil }
      running += 1
      return running - 1
    }

    /// Runs loads until none is left, then ends the thread.
    func drain() {
      while let load = next() {
        TimeMarks.mark("background load starts")
        load()
        TimeMarks.mark("background load ends")
      }
    }

    private func next() -> (@Sendable () -> Void)? {
      lock.lock()
      defer { lock.unlock() }
      guard !loads.isEmpty else {
        running -= 1
        return nil
      }
      return loads.removeFirst()
    }

    /// A thread that could not start.
    func threadEnded() {
      lock.lock()
      running -= 1
      lock.unlock()
    }
  }
}
