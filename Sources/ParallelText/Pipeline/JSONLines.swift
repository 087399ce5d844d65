#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The JSON Lines contract for distributed engines (Hadoop Streaming, Spark's `RDD.pipe`,
/// Beam): one document a line in, one result a line out, in input order.
///
/// Input lines: `{"id": ANY, "files": {"en": "...", "zh-Hans": "...", "zh-Hant": "..."}}`
/// (language tags as BCP 47; any subset) or `{"id": ANY, "text": "..."}` (one text with
/// every language in it). Output lines: `{"id": ANY, "result": {JSON contract version 1}}`,
/// or `{"id": ANY, "line": N, "error": "..."}` for a line that is not such a document.
public struct JSONLines: Sendable {
  private let pipeline: Pipeline

  /// Creates a processor over a pipeline.
  public init(pipeline: Pipeline = Pipeline()) { self.pipeline = pipeline }

  /// The result of one input line: its output line (without a newline), and whether it was
  /// refused, and whether its document has error findings.
  public struct Output: Sendable {
    /// The JSON output line.
    public var line: String
    /// Why the input line was refused, if it was.
    public var error: String?
    /// True when the document has findings of severity error.
    public var hasErrors: Bool
  }

  /// Processes one input line (1-based `number`, for messages).
  public func process(line: String, number: Int) -> Output {
    var id = "null"
    do {
      guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
        throw LineError("not valid JSON")
      }
      guard case .object(let object) = value else { throw LineError("not a JSON object") }
      if let value = object["id"] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        id = String(decoding: try encoder.encode(value), as: UTF8.self)
      }
      var texts: [(file: String, text: String)] = []
      if case .object(let files)? = object["files"] {
        for (tag, value) in files.sorted(by: { Self.order($0.key) < Self.order($1.key) }) {
          guard case .string(let text) = value else { throw LineError("files.\(tag) is not a string") }
          guard DocumentGroup.script(forTag: tag) != nil else {
            throw LineError("files: unknown language tag '\(tag)'")
          }
          texts.append((tag, text))
        }
      } else if case .string(let text)? = object["text"] {
        texts.append(("text", text))
      }
      guard !texts.isEmpty else { throw LineError("neither \"files\" nor \"text\"") }
      if let reason = ConversionTables.missingDataReason,
        texts.contains(where: { $0.text.unicodeScalars.contains(where: HanVariants.isHanIdeograph) })
      {
        throw LineError("cannot check Chinese text: \(reason)")
      }
      let document = pipeline.process(texts: texts)
      var result = JSONRenderer().render([document])
      if result.hasSuffix("\n") { result.removeLast() }
      return Output(
        line: "{\"id\":\(id),\"result\":\(result)}", error: nil,
        hasErrors: document.findings.contains { $0.severity == .error })
    } catch {
      let message = (error as? LineError)?.message ?? "\(error)"
      var writer = JSONWriter()
      writer.string(message)
      return Output(
        line: "{\"id\":\(id),\"line\":\(number),\"error\":\(writer.text)}", error: "line \(number): \(message)",
        hasErrors: false)
    }
  }

  /// Processes many lines on all cores; outputs in input order. `firstNumber` is the line
  /// number of the first.
  public func process(lines: [String], firstNumber: Int) -> [Output] {
    let chunks = ConcurrentChunks.count(items: lines.count, minimumSize: 8)
    return ConcurrentChunks.map(chunks) { chunk in
      ConcurrentChunks.range(chunk, of: chunks, total: lines.count).map {
        process(line: lines[$0], number: firstNumber + $0)
      }
    }.flatMap { $0 }
  }

  /// English first, then Simplified, then Traditional, then the rest by tag.
  private static func order(_ tag: String) -> (Int, String) {
    switch DocumentGroup.script(forTag: tag) {
    case .latin?: (0, tag)
    case .simplified?: (1, tag)
    case .traditional?: (2, tag)
    default: (3, tag)
    }
  }

  /// Any JSON value: an input line as read, and its `id` as it is written back (objects with
  /// their keys sorted; numbers as decimals, so that an id of 20 or 30 digits, a 64-bit hash,
  /// comes back digit for digit).
  private enum JSONValue: Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case decimal(Decimal)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      // Strings first: nearly every value is one (each attempt that fails throws).
      if container.decodeNil() {
        self = .null
      } else if let value = try? container.decode(String.self) {
        self = .string(value)
      } else if let value = try? container.decode(Bool.self) {
        self = .bool(value)
      } else if let value = try? container.decode(Int64.self) {
        self = .integer(value)
      } else if let value = try? container.decode(Decimal.self) {
        self = .decimal(value)
      } else if let value = try? container.decode(Double.self) {
        self = .number(value)
      } else if let value = try? container.decode([JSONValue].self) {
        self = .array(value)
      } else {
        self = .object(try container.decode([String: JSONValue].self))
      }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .null: try container.encodeNil()
      case .bool(let value): try container.encode(value)
      case .integer(let value): try container.encode(value)
      case .decimal(let value): try container.encode(value)
      case .number(let value): try container.encode(value)
      case .string(let value): try container.encode(value)
      case .array(let value): try container.encode(value)
      case .object(let value): try container.encode(value)
      }
    }
  }

  private struct LineError: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }
}
