import Foundation
import ParallelText
import Testing

/// The batch API a Swift program uses to check many inputs on all cores.
@Suite("Batch")
struct BatchTests {
  @Test(
    "Inputs started one at a time give what Batch.process gives: each document with its findings, a bad input's error")
  func startedLikeProcessed() throws {
    var inputs = try Fixtures.seeds.map { url in
      (
        input: Batch.Input(file: url.lastPathComponent, bytes: .success(Array(try Data(contentsOf: url)))),
        settings: Settings()
      )
    }
    inputs.insert((Batch.Input(file: "binary.txt", bytes: .success(Array("A\u{0}B".utf8))), Settings()), at: 2)
    let batch = Batch()
    let processed = batch.process(inputs)
    // Not a vacuous comparison: seed 002 has findings.
    #expect(processed.contains { (try? $0.get())?.findings.contains { $0.rule == "wrong-character-choice" } == true })
    // Several in flight at once, results taken in order.
    let inFlight = inputs.map { batch.start($0.input, settings: $0.settings) }
    // Batch.process numbers ids across its documents; a started document's ids start at 1.
    var nextSegment = 1
    var nextUnit = 1
    for (index, started) in inFlight.map({ $0.result() }).enumerated() {
      switch (processed[index], started) {
      case (.success(let whole), .success(let alone)):
        let renumbered = alone.renumbered(firstSegmentID: nextSegment, firstUnitID: nextUnit)
        nextSegment += alone.segments.count
        nextUnit += alone.units.count
        #expect(renumbered.findings == whole.findings, "\(inputs[index].input.file)")
        #expect(renumbered.segments.map(\.text) == whole.segments.map(\.text))
        #expect(renumbered.units.map(\.id) == whole.units.map(\.id))
      case (.failure(let whole), .failure(let alone)):
        #expect(alone == whole)
        #expect(alone.description == "binary.txt: not a text file (NUL byte at byte 1)")
      default:
        Issue.record("\(inputs[index].input.file): \(processed[index]) but \(started)")
      }
    }
  }
}
