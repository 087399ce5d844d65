import Foundation
import Testing

@testable import ParallelText

/// What the package does itself so as not to link the whole of Foundation (only
/// FoundationEssentials), held to what Foundation does: path components as `NSString` takes
/// them apart, percent-encoding as `addingPercentEncoding`, two decimals as `%.2f`.
@Suite("Foundation parity")
struct FoundationParityTests {
  /// Paths both answer for. swift-corelibs-foundation's `NSString` traps on a relative path
  /// of one component ("a", "a/") and gives "//" the parent ""; those are checked apart.
  static let paths = [
    "", "/", "/a", "/a/", "/a/b", "/a/b/", "a/b", "a/b/c.txt", "./a", "../a/b", ".hidden", "a//b", "//a", "/a//",
    "/tmp/scratch.tiff", "文件夾/聲明.txt", "a b/c d",
  ]

  @Test("Parent folders and last components are NSString's", arguments: paths)
  func pathComponents(path: String) {
    #expect(FilePaths.parent(of: path) == (path as NSString).deletingLastPathComponent)
    #expect(FilePaths.lastComponent(of: path) == (path as NSString).lastPathComponent)
  }

  @Test("A relative path of one component has the parent \"\"; slashes alone are the root")
  func pathEdges() {
    for path in ["a", "a/", "a//", "聲明.txt"] {
      #expect(FilePaths.parent(of: path) == "")
      #expect(FilePaths.lastComponent(of: path) == path.prefix { $0 != "/" })
    }
    #expect(FilePaths.parent(of: "//") == "/" && FilePaths.lastComponent(of: "//") == "/")
  }

  @Test("A component joined to a folder is NSString's appendingPathComponent", arguments: paths)
  func joining(folder: String) {
    for component in ["b", "b.txt", "聲明.txt"] {
      #expect(FilePaths.joining(folder, component) == (folder as NSString).appendingPathComponent(component))
    }
  }

  @Test("SARIF URIs percent-encode what Foundation's URL path set does not allow, and ;")
  func uris() {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ";")
    let paths = [
      "docs/statement.txt", "/abs/path with spaces/a;b.txt", "中文/聲明 #1?.md", "a%20b", "~user/(x)[y]{z}.txt",
      "tab\there", "e\u{301}.txt", "/!$&'()*+,-.:=@_~",
    ]
    for path in paths {
      let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed)!
      #expect(SARIFRenderer.uri(forPath: path) == (path.hasPrefix("/") ? "file://" + encoded : encoded))
    }
    for byte in UInt8(0)...UInt8(127) {
      let path = "x" + String(UnicodeScalar(byte))
      #expect(SARIFRenderer.uri(forPath: path) == path.addingPercentEncoding(withAllowedCharacters: allowed))
    }
  }

  @Test("Probabilities are written with two decimals as %.2f writes them, ties and all")
  func twoDecimals() {
    var values: [Double] = [
      0, 1, 0.5, 0.005, 0.015, 0.125, 0.375, 0.995, 0.9951, 1e-300, .leastNonzeroMagnitude, -0.25, 1.5,
    ]
    values += (0...20_000).map { Double($0) / 20_000 }
    values += (0...2_000).map { Double($0) / 200 / 10 }
    for value in values {
      #expect(Alignment.twoDecimals(value) == String(format: "%.2f", min(max(value, 0), 1)), "\(value)")
    }
  }
}
