import Dispatch

/// At most one piece per core is checked at a time, whatever number of pair sets are
/// checked at once (a batch's); the other workers wait their turn.
private let runningPieces = DispatchSemaphore(value: ConcurrentChunks.cores)

/// Checks the pieces of a pair set on all cores: the caller's thread and the threads of
/// ``BackgroundLoading`` take the next piece as each is free, at most `window` pieces ahead
/// of the one the caller has been handed (``result(_:)``, in order), so memory stays
/// bounded however large the set.
///
/// No thread starts for the pieces while the tables load: the loading threads take pieces
/// as soon as their loads are done, on the core they already run on, and the caller checks
/// pieces while it waits for the one it is to hand over. Threads started for the pieces
/// had cores idle for milliseconds: a woken or new thread queued on a busy core stayed
/// there after another core fell idle (the scheduler moves it at its next balancing, every
/// few milliseconds), and with a thread per piece started as pieces were handed over, a core
/// idled whenever the piece to hand over next was the one still being checked.
final class PieceWorkers<Output: Sendable>: @unchecked Sendable {
  private let condition = Lock()
  private let window: Int
  private let work: @Sendable (Int) -> Output
  // Guarded by `condition`.
  private let count: Int
  private var next = 0
  private var handedOver = 0
  private var checking = 0
  private var stopping = false
  private var results: [Output?]

  /// Pieces `0..<count`, each checked by `work`, at most `window` ahead of the one handed
  /// over; the background threads (one per core besides the caller's) join at once.
  init(count: Int, window: Int, _ work: @escaping @Sendable (Int) -> Output) {
    self.count = count
    self.window = max(window, 1)
    self.work = work
    results = Array(repeating: nil, count: count)
    for _ in 0..<max(0, min(ConcurrentChunks.cores - 1, count - 1)) {
      BackgroundLoading.enqueue { [self] in
        while let index = take(waiting: true) { check(index) }
      }
    }
  }

  /// The output of piece `index`, checking other pieces on this thread until it is done;
  /// pieces are asked for in order, each once.
  func result(_ index: Int) -> Output {
    while true {
      let ready: Output? = condition.withLock {
        guard let output = results[index] else { return nil }
        results[index] = nil
        handedOver = index + 1
        condition.broadcast()
        return output
      }
      if let ready { return ready }
      if let other = take(waiting: false) {
        check(other)
      } else {
        condition.withLock { while results[index] == nil { condition.wait() } }
      }
    }
  }

  /// Stops the workers (no piece is taken after this) and waits for the pieces being
  /// checked: they hold pointers into the caller's bytes. Call it however the caller leaves.
  func stop() {
    condition.withLock {
      stopping = true
      condition.broadcast()
      while checking > 0 { condition.wait() }
    }
  }

  /// The next piece to check, or nil when there is none to take: all are taken or the
  /// workers stop, or (unless `waiting`, which waits for a place) the window is full.
  private func take(waiting: Bool) -> Int? {
    condition.withLock {
      while true {
        guard !stopping, next < count else { return nil }
        if next < handedOver + window {
          defer { next += 1 }
          checking += 1
          return next
        }
        guard waiting else { return nil }
        condition.wait()
      }
    }
  }

  private func check(_ index: Int) {
    runningPieces.wait()
    TimeMarks.mark("piece starts")
    let output = work(index)
    TimeMarks.mark("piece ends")
    runningPieces.signal()
    condition.withLock {
      results[index] = output
      checking -= 1
      condition.broadcast()
    }
  }
}
