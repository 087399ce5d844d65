#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The read-only bytes of a table, valid while this object lives: a file mapped into
/// memory (its pages are shared with the page cache and read on first touch, nothing is
/// copied) or an 8-byte-aligned copy of bytes built in memory.
final class TableBytes: @unchecked Sendable {
  /// The bytes; the start is 8-byte aligned.
  let bytes: UnsafeRawBufferPointer
  /// The heap copy to free, or nil for a mapping.
  private let allocation: UnsafeMutableRawPointer?

  /// Maps the file at `path` read-only; nil when it cannot be opened or mapped, or is empty.
  /// (The mapping follows the file: it must not be truncated while in use, as the package's
  /// own resources are not.)
  init?(mapping path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0, let size = Int(exactly: status.st_size),
      let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED
    else { return nil }
    bytes = UnsafeRawBufferPointer(start: address, count: size)
    allocation = nil
  }

  /// The size in bytes of the file at `path` (a snapshot records the size of the text it
  /// was built from), without reading it; nil when it cannot be examined.
  static func size(ofFile path: String) -> Int? {
    var status = stat()
    return stat(path, &status) == 0 ? Int(exactly: status.st_size) : nil
  }

  /// An aligned copy of `source`.
  init(copying source: [UInt8]) {
    let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 8), alignment: 8)
    source.withUnsafeBytes { memory.copyMemory(from: $0) }
    bytes = UnsafeRawBufferPointer(start: memory.baseAddress, count: source.count)
    allocation = memory.baseAddress
  }

  deinit {
    if let allocation {
      allocation.deallocate()
    } else if let start = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: start), bytes.count)
    }
  }
}
