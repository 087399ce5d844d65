import Dispatch
import Foundation

/// Splitting one long job into chunks that run on all cores, results kept in order.
enum ConcurrentChunks {
  /// The cores this process may use.
  static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

  /// How many chunks `count` items make: one when they are fewer than twice
  /// `minimumSize` or the machine has one core, else a few per core.
  static func count(items count: Int, minimumSize: Int) -> Int {
    guard cores > 1, count >= 2 * minimumSize else { return 1 }
    return min(4 * cores, count / minimumSize)
  }

  /// `body(chunk)` for chunks `0..<count`, run concurrently, results in chunk order.
  static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(body) }
    let results = Slots<Result>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { chunk in results.set(chunk, body(chunk)) }
    return results.values
  }

  /// The `index`-th of `count` near-equal parts of `0..<total`.
  static func range(_ index: Int, of count: Int, total: Int) -> Range<Int> {
    (total * index / count)..<(total * (index + 1) / count)
  }
}

/// Results written from concurrent iterations, each slot exactly once.
private final class Slots<Value: Sendable>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return storage.map { $0! }
  }
}
