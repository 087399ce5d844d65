#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's environment variables.
package enum Environment {
  /// The value of the variable `name`, or nil when it is not set. Read alone: `ProcessInfo`'s
  /// `environment` copies the whole environment into a dictionary at each use.
  package static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}
