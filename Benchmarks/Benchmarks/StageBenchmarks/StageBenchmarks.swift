import Benchmark
import Foundation
import ParallelText

/// One megabyte of real statements, one document each: the five seed statements
/// (Fixtures/seeds) and the 14 interleaved Debian Reference pages (English, Simplified and
/// Traditional; Fixtures/alignment/interleaved), copied round robin. Every stage benchmark
/// handles this megabyte once per iteration, so its time per iteration is seconds per MB
/// and its malloc count is allocations per MB.
let corpus: [[UInt8]] = {
  let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")
  func files(_ folder: URL, _ depth: Int) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
    return names.flatMap { name -> [URL] in
      let url = folder.appendingPathComponent(name)
      if depth > 0 { return files(url, depth - 1) }
      return name.hasSuffix(".txt") ? [url] : []
    }
  }
  let sources =
    files(fixtures.appendingPathComponent("seeds"), 0)
    + files(fixtures.appendingPathComponent("alignment/interleaved"), 1)
  let statements = sources.compactMap { try? Array(Data(contentsOf: $0)) }
  precondition(statements.count == 19, "expected 19 statements under \(fixtures.path)")
  var documents: [[UInt8]] = []
  var size = 0
  while size < 1_000_000 {
    let next = statements[documents.count % statements.count]
    documents.append(next)
    size += next.count
  }
  return documents
}()

/// A pair set of about 1 MB: OpenCC's own Simplified→Traditional test cases
/// (Fixtures/opencc/testcases.json, s2t), one pair a line, repeated. Read and checked as a
/// translation memory is, most pairs take the checks' plain path.
let pairSet: [UInt8] = {
  let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/opencc/testcases.json")
  var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  // The file has trailing commas, which JSON does not allow.
  text = text.replacingOccurrences(of: #",(\s*[}\]])"#, with: "$1", options: .regularExpression)
  let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
  let lines = ((json?["cases"] as? [[String: Any]]) ?? []).compactMap { item -> String? in
    guard let input = item["input"] as? String, let output = (item["expected"] as? [String: String])?["s2t"],
      !input.contains("\n"), !output.contains("\n"), !input.contains("\t"), !output.contains("\t")
    else { return nil }
    return "\(input)\t\(output)\n"
  }
  precondition(!lines.isEmpty, "expected OpenCC's test cases at \(url.path)")
  var bytes: [UInt8] = []
  var index = 0
  while bytes.count < 1_000_000 {
    bytes += Array(lines[index % lines.count].utf8)
    index += 1
  }
  return bytes
}()

/// The corpus at each stage's input: bytes, segments, labelled segments, aligned documents.
struct Stages {
  let segments: [[Segment]]
  let labelled: [[Segment]]
  let documents: [Document]
  let simplified: [String]

  init() {
    segments = corpus.map { (try? Reader().read(bytes: $0, file: "statement.txt")) ?? [] }
    let detector = ScriptDetector()
    labelled = segments.map { detector.label($0) }
    documents = labelled.map { labelled in
      var document = Document(file: "statement.txt", segments: labelled)
      document.units = Aligner().align(labelled)
      document.findings = Checker().check(document)
      return document
    }
    simplified = labelled.map { $0.filter { $0.script == .simplified }.map(\.text).joined(separator: "\n") }
  }
}

let benchmarks: @Sendable () -> Void = {
  let configuration = Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], scalingFactor: .one,
    maxDuration: .seconds(20), maxIterations: 20)
  let stages = Stages()
  precondition(stages.documents.allSatisfy { !$0.units.isEmpty })

  Benchmark("Read and split 1 MB", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations {
      for bytes in corpus { blackHole(try? Reader().read(bytes: bytes, file: "statement.txt")) }
    }
  }
  Benchmark("Detect scripts, 1 MB of segments", configuration: configuration) { benchmark in
    let detector = ScriptDetector()
    for _ in benchmark.scaledIterations {
      for segments in stages.segments { blackHole(detector.label(segments)) }
    }
  }
  Benchmark("Align 1 MB of labelled segments", configuration: configuration) { benchmark in
    let aligner = Aligner()
    for _ in benchmark.scaledIterations {
      for labelled in stages.labelled { blackHole(aligner.align(labelled)) }
    }
  }
  Benchmark("Check 1 MB of aligned documents", configuration: configuration) { benchmark in
    let checker = Checker()
    for _ in benchmark.scaledIterations {
      for document in stages.documents { blackHole(checker.check(document)) }
    }
  }
  Benchmark("Read and check a 1 MB pair set", configuration: configuration) { benchmark in
    let pipeline = Pipeline()
    for _ in benchmark.scaledIterations { blackHole(try? pipeline.process(pairs: pairSet, file: "pairs.tsv")) }
  }
  Benchmark("Check a 1 MB pair set for findings alone", configuration: configuration) { benchmark in
    // As `align check --pairs` streams a large set: pairs with nothing to report are only
    // counted.
    let pipeline = Pipeline()
    for _ in benchmark.scaledIterations {
      try? pipeline.processForFindings(pairs: pairSet, file: "pairs.tsv", partSize: 1 << 20) { part, pairs in
        blackHole((part, pairs))
      }
    }
  }
  Benchmark("Convert the Simplified text of 1 MB (s2t)", configuration: configuration) { benchmark in
    let converter = Converter(.toTraditional)
    for _ in benchmark.scaledIterations {
      for text in stages.simplified { blackHole(converter.convert(text)) }
    }
  }
  Benchmark("Render 1 MB as JSON", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(JSONRenderer().render(stages.documents)) }
  }
  Benchmark("Render 1 MB as text", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(TextRenderer().render(stages.documents)) }
  }
  Benchmark("Whole pipeline, 1 MB", configuration: configuration) { benchmark in
    let pipeline = Pipeline()
    for _ in benchmark.scaledIterations {
      for bytes in corpus { blackHole(try? pipeline.process(bytes: bytes, file: "statement.txt")) }
    }
  }
}
