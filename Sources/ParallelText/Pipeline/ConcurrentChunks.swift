import Dispatch

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Splitting one long job into chunks that run on all cores, results kept in order.
enum ConcurrentChunks {
  /// The cores this process may use: those its CPU affinity allows (`taskset -c 0` leaves
  /// one), else every active one.
  static let cores: Int = {
    let active = ProcessInfo.processInfo.activeProcessorCount
    guard let allowed = allowedCores(status: try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))
    else { return active }
    return min(allowed, active)
  }()

  /// The number of cores in the `Cpus_allowed` mask of a Linux `/proc/PID/status` text
  /// (hexadecimal words separated by commas), nil without one (as on other systems).
  static func allowedCores(status: String?) -> Int? {
    guard let line = status?.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else {
      return nil
    }
    var count = 0
    for character in line.dropFirst("Cpus_allowed:".count) where character != "," && !character.isWhitespace {
      guard let digit = character.hexDigitValue else { return nil }
      count += digit.nonzeroBitCount
    }
    return count > 0 ? count : nil
  }

  /// How many chunks `count` items make: one when they are fewer than twice
  /// `minimumSize` or the machine has one core, else a few per core.
  static func count(items count: Int, minimumSize: Int) -> Int {
    guard cores > 1, count >= 2 * minimumSize else { return 1 }
    return min(4 * cores, count / minimumSize)
  }

  /// The least bytes of text worth validating or counting on another core. While a large
  /// input is validated and its pairs counted, the other cores load the tables (about 3 ms);
  /// a chunk handed over then waits for a core or takes it from the loading, so chunks pay
  /// only where the text outlasts the loading: a 2 MB pair set (the 1 MB row of
  /// `Scripts/benchmark-conversion.py`) reached its first piece 0.2 ms sooner in one pass
  /// than in 256 KiB chunks on 2 cores (the `text validated` and `pairs counted` time marks,
  /// medians of 81 runs in turn, by hand).
  static let bytesWorthAnotherCore = 2 << 20

  /// How many chunks `bytes` bytes of text make for validating or counting: one below
  /// twice ``bytesWorthAnotherCore``.
  static func count(bytes: Int) -> Int { count(items: bytes, minimumSize: bytesWorthAnotherCore) }

  /// `body(chunk)` for chunks `0..<count`, run concurrently, results in chunk order.
  static func map<Result: Sendable>(_ count: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    guard count > 1 else { return (0..<count).map(body) }
    let results = Slots<Result>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { chunk in results.set(chunk, body(chunk)) }
    return results.values
  }

  /// `body(chunk)` for chunks `0..<count` that together hold `bytes` bytes of text (chunks
  /// made elsewhere, such as a pair set's pieces): concurrently when the text is worth
  /// another core (``count(bytes:)``), else in order on this thread.
  static func map<Result: Sendable>(_ count: Int, holding bytes: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    Self.count(bytes: bytes) > 1 ? map(count, body) : (0..<count).map(body)
  }

  /// The `index`-th of `count` near-equal parts of `0..<total`.
  static func range(_ index: Int, of count: Int, total: Int) -> Range<Int> {
    (total * index / count)..<(total * (index + 1) / count)
  }
}

/// Results written from concurrent iterations, each slot exactly once.
private final class Slots<Value: Sendable>: @unchecked Sendable {
  private var storage: [Value?]
  private let lock = Lock()

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
