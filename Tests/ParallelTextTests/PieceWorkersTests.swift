import Foundation
import Testing

@testable import ParallelText

/// The pool that checks a pair set's pieces: every piece once, outputs in order, never more
/// than the window ahead of the output handed over, and nothing running after `stop()`.
@Suite("Piece workers")
struct PieceWorkersTests {
  /// What the pieces did, noted from every thread.
  final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var started: [Int] = []
    private var finished = 0
    private var handedOver = 0
    private var furthestAhead = 0

    func start(_ index: Int) {
      lock.withLock {
        started.append(index)
        furthestAhead = max(furthestAhead, index - handedOver)
      }
    }
    func finish() { lock.withLock { finished += 1 } }
    func handOver(_ index: Int) { lock.withLock { handedOver = index + 1 } }
    var startedPieces: [Int] { lock.withLock { started } }
    var finishedCount: Int { lock.withLock { finished } }
    var ahead: Int { lock.withLock { furthestAhead } }
  }

  /// A few microseconds of work, different for each piece, so that pieces finish out of order.
  static func busy(_ index: Int) -> Int {
    var value = index
    for step in 0..<(2_000 * (1 + index % 5)) { value = (value &* 31 &+ step) % 1_000_003 }
    return value
  }

  /// Workers whose pieces note themselves in `log` and give twice their index.
  static func workers(count: Int, window: Int, _ log: Log) -> PieceWorkers<Int> {
    PieceWorkers(count: count, window: window) { index in
      log.start(index)
      _ = busy(index)
      log.finish()
      return 2 * index
    }
  }

  /// Every output asked for in order, as the pipeline asks, each hand-over noted in `log`;
  /// `before(index)` runs before each is asked for.
  static func handOverAll(
    _ workers: PieceWorkers<Int>, count: Int, _ log: Log, before: (Int) -> Void = { _ in }
  ) -> [Int] {
    (0..<count).map { index in
      before(index)
      defer { log.handOver(index) }
      return workers.result(index)
    }
  }

  @Test("Every piece is checked once and handed over in order")
  func inOrder() {
    let log = Log()
    let workers = Self.workers(count: 200, window: 3, log)
    defer { workers.stop() }
    #expect(Self.handOverAll(workers, count: 200, log) == (0..<200).map { 2 * $0 })
    #expect(log.startedPieces.sorted() == Array(0..<200))
  }

  @Test("A set without pieces starts no worker and stops at once")
  func noPieces() {
    let log = Log()
    let workers = Self.workers(count: 0, window: 4, log)
    workers.stop()
    #expect(log.startedPieces.isEmpty)
  }

  @Test("No piece starts more than the window ahead of the one handed over")
  func window() {
    let log = Log()
    let workers = Self.workers(count: 100, window: 4, log)
    defer { workers.stop() }
    // The consumer is slow: without the window the others would run far ahead.
    _ = Self.handOverAll(workers, count: 100, log) { _ = Self.busy($0 * 7) }
    // Pieces index + 1 ..< index + 5 may start once piece index is handed over, which the
    // log hears of just after the workers.
    #expect(log.ahead <= 4)
  }

  @Test("After stop() no piece runs, and the ones running have finished")
  func stop() {
    let log = Log()
    // A window as large as the set: only stop() keeps the other pieces from starting.
    let workers = Self.workers(count: 1_000, window: 1_000, log)
    _ = workers.result(0)
    _ = workers.result(1)
    workers.stop()
    let started = log.startedPieces.count
    #expect(log.finishedCount == started)
    Thread.sleep(forTimeInterval: 0.05)
    #expect(log.startedPieces.count == started)
    #expect(started < 1_000)
  }
}
