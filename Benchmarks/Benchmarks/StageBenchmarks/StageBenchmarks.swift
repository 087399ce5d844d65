import Benchmark
import Foundation
import ParallelText

/// One megabyte of real statements: the five seed statements (Fixtures/seeds) repeated
/// end to end. Every stage benchmark handles this megabyte once per iteration, so its time
/// per iteration is seconds per MB and its malloc count is allocations per MB.
let corpus: String = {
  let seeds = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/seeds")
  let files = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()) ?? []
  let statements = files.compactMap { try? String(contentsOf: seeds.appendingPathComponent($0), encoding: .utf8) }
  precondition(!statements.isEmpty, "no seed statements under \(seeds.path)")
  var text = ""
  while text.utf8.count < 1_000_000 {
    for statement in statements { text += statement + "\n\n" }
  }
  return text
}()

/// The corpus at each stage's input: bytes, segments, labelled segments, aligned document.
struct Stages {
  let bytes = Array(corpus.utf8)
  let segments: [Segment]
  let labelled: [Segment]
  let document: Document
  let simplified: String

  init() {
    segments = (try? Reader().read(bytes: bytes, file: "corpus.txt")) ?? []
    labelled = ScriptDetector().label(segments)
    var document = Document(file: "corpus.txt", segments: labelled)
    document.units = Aligner().align(labelled)
    document.findings = Checker().check(document)
    self.document = document
    simplified = labelled.filter { $0.script == .simplified }.map(\.text).joined(separator: "\n")
  }
}

let benchmarks: @Sendable () -> Void = {
  let configuration = Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], scalingFactor: .one,
    maxDuration: .seconds(20), maxIterations: 20)
  let stages = Stages()
  precondition(!stages.document.units.isEmpty)

  Benchmark("Read and split 1 MB", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try? Reader().read(bytes: stages.bytes, file: "corpus.txt")) }
  }
  Benchmark("Detect scripts, 1 MB of segments", configuration: configuration) { benchmark in
    let detector = ScriptDetector()
    for _ in benchmark.scaledIterations { blackHole(detector.label(stages.segments)) }
  }
  Benchmark("Align 1 MB of labelled segments", configuration: configuration) { benchmark in
    let aligner = Aligner()
    for _ in benchmark.scaledIterations { blackHole(aligner.align(stages.labelled)) }
  }
  Benchmark("Check 1 MB aligned document", configuration: configuration) { benchmark in
    let checker = Checker()
    for _ in benchmark.scaledIterations { blackHole(checker.check(stages.document)) }
  }
  Benchmark("Convert the Simplified text of 1 MB (s2t)", configuration: configuration) { benchmark in
    let converter = Converter(.toTraditional)
    for _ in benchmark.scaledIterations { blackHole(converter.convert(stages.simplified)) }
  }
  Benchmark("Render 1 MB as JSON", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(JSONRenderer().render([stages.document])) }
  }
  Benchmark("Render 1 MB as text", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(TextRenderer().render([stages.document])) }
  }
  Benchmark("Whole pipeline, 1 MB", configuration: configuration) { benchmark in
    let pipeline = Pipeline()
    for _ in benchmark.scaledIterations {
      blackHole(try? pipeline.process(bytes: stages.bytes, file: "corpus.txt"))
    }
  }
}
