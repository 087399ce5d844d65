import CThreads

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A mutual-exclusion lock (a `pthread_mutex_t` of its own), for state that threads share,
/// with a condition to wait for under it (a `pthread_cond_t`). Foundation's `NSLock` and
/// `NSCondition` would link the whole of Foundation into the binary for it.
package final class Lock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  /// An unlocked lock.
  package init() {
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    condition.initialize(to: pthread_cond_t())
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    condition.deallocate()
    pthread_mutex_destroy(mutex)
    mutex.deallocate()
  }

  /// Waits for the lock and takes it.
  package func lock() { pthread_mutex_lock(mutex) }

  /// Gives the lock back.
  package func unlock() { pthread_mutex_unlock(mutex) }

  /// `body`'s result, computed holding the lock.
  package func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
    lock()
    defer { unlock() }
    return try body()
  }

  /// Holding the lock: gives it up until another thread calls `broadcast()` (or a spurious
  /// wake-up: test again what is waited for), then takes it again.
  package func wait() { pthread_cond_wait(condition, mutex) }

  /// Wakes every thread in `wait()`; call it holding the lock.
  package func broadcast() { pthread_cond_broadcast(condition) }
}

/// Threads of the project's own: detached, with a stack of a chosen size.
enum Threads {
  /// Starts a detached thread running `body` with a stack of `stackSize` bytes; false when
  /// none could start (and `body` will not run). With `spread` it starts on a core other than
  /// the caller's, the `spread`-th of them (see ``ptx_start_thread``); without, wherever the
  /// scheduler puts it.
  static func start(stackSize: Int = 8 << 20, spread: Int? = nil, _ body: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    let started = ptx_start_thread(
      { raw in
        Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
        return nil
      }, box, stackSize, Int32(spread ?? -1))
    guard started == 0 else {
      Unmanaged<Body>.fromOpaque(box).release()
      return false
    }
    return true
  }

  private final class Body: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}
