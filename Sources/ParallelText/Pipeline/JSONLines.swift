import Foundation

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
      guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw LineError("not a JSON object")
      }
      if let value = object["id"] {
        id = String(
          decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]), as: UTF8.self)
      }
      var texts: [(file: String, text: String)] = []
      if let files = object["files"] as? [String: Any] {
        for (tag, value) in files.sorted(by: { Self.order($0.key) < Self.order($1.key) }) {
          guard let text = value as? String else { throw LineError("files.\(tag) is not a string") }
          guard DocumentGroup.script(forTag: tag) != nil else {
            throw LineError("files: unknown language tag '\(tag)'")
          }
          texts.append((tag, text))
        }
      } else if let text = object["text"] as? String {
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
      let message = (error as? LineError)?.message ?? "not valid JSON"
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

  private struct LineError: Error {
    var message: String
    init(_ message: String) { self.message = message }
  }
}
