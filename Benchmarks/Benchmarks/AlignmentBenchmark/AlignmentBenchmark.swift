import Benchmark
import ParallelText

/// A synthetic interleaved statement of `count` paragraphs: English paragraphs, four in
/// five followed by a Simplified and a Traditional translation, with numbers as anchors.
func syntheticDocument(paragraphs count: Int) -> [Segment] {
  let english = [
    "The committee met on day %d and agreed to publish the report in three languages.",
    "Paragraph %d explains why the Simplified and Traditional texts must say the same thing.",
    "Readers asked for clearer headings; version %d adds them.",
  ]
  let simplified = ["委员会在第%d天开会，同意以三种语言发表报告。", "第%d段解释为什么简体和繁体文本必须一致。", "读者要求更清楚的标题；第%d版加上了。"]
  let traditional = ["委員會在第%d天開會，同意以三種語言發表報告。", "第%d段解釋為什麼簡體和繁體文本必須一致。", "讀者要求更清楚的標題；第%d版加上了。"]
  var segments: [Segment] = []
  segments.reserveCapacity(count)
  var index = 0
  func add(_ template: String, _ script: Script, _ number: Int) {
    let text = template.replacingOccurrences(of: "%d", with: String(number))
    let line = segments.count * 2 + 1
    segments.append(
      Segment(
        id: segments.count + 1, kind: .paragraph, text: text,
        range: SourceRange(
          file: "synthetic.txt", start: SourcePosition(line: line, column: 1),
          end: SourcePosition(line: line, column: text.unicodeScalars.count + 1)),
        script: script, positions: []))
  }
  while segments.count < count {
    let variant = index % 3
    add(english[variant], .latin, index)
    if index % 5 != 4, segments.count + 2 <= count {
      add(simplified[variant], .simplified, index)
      add(traditional[variant], .traditional, index)
    }
    index += 1
  }
  return segments
}

let benchmarks: @Sendable () -> Void = {
  for count in [10_000, 100_000, 1_000_000] {
    Benchmark(
      "Align \(count) paragraphs",
      configuration: .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(count >= 1_000_000 ? 300 : 60),
        maxIterations: count >= 1_000_000 ? 1 : 3)
    ) { benchmark, segments in
      for _ in benchmark.scaledIterations {
        blackHole(Aligner().align(segments))
      }
    } setup: {
      syntheticDocument(paragraphs: count)
    }
  }
}
