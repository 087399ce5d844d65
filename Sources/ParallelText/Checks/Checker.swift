import Dispatch
import Foundation

/// Runs every check over an aligned document and returns its findings in source order.
public struct Checker: Sendable {
  private let conversion: ConversionCheck
  private let regionalVariant: RegionalVariantCheck
  private let quoteStyle = QuoteStyleCheck()
  private let missingTranslation = MissingTranslationCheck()

  /// Creates a checker for a Traditional standard and conversion direction over the given
  /// Han variant tables.
  public init(
    standard: TraditionalStandard = .generic, direction: ConversionDirection = .simplifiedToTraditional,
    variants: HanVariants = .icu
  ) {
    conversion = ConversionCheck(standard: standard, direction: direction, variants: variants)
    regionalVariant = RegionalVariantCheck(standard: standard)
  }

  /// The findings for a document whose segments are labelled and units aligned.
  public func check(_ document: Document) -> [Finding] {
    var findings: [Finding] = []
    findings += missingTranslation.check(units: document.units, segment: document.segment)
    // Units are checked one by one, independently: a long document's units are checked in
    // chunks on all cores, and the chunks' findings joined in unit order.
    let units = document.units
    let chunks = Self.chunkCount(units: units.count)
    if chunks <= 1 {
      findings += check(units[...], of: document)
    } else {
      let results = ChunkResults(count: chunks)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let range = (units.count * chunk / chunks)..<(units.count * (chunk + 1) / chunks)
        results.set(chunk, check(units[range], of: document))
      }
      for chunk in results.values { findings += chunk }
    }
    return findings.sorted {
      ($0.range.file, $0.range.start, $0.rule) < ($1.range.file, $1.range.start, $1.rule)
    }
  }

  /// How many chunks to check `units` units in: one for short documents, else a few per core.
  static func chunkCount(units: Int) -> Int {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    guard cores > 1, units >= 2 * minimumChunk else { return 1 }
    return min(4 * cores, units / minimumChunk)
  }

  /// The fewest units worth a chunk of their own.
  static let minimumChunk = 1_000

  /// The per-unit findings of some units, in unit order.
  private func check(_ units: ArraySlice<Unit>, of document: Document) -> [Finding] {
    var findings: [Finding] = []
    for unit in units {
      let simplified = unit.segments[.simplified] ?? []
      let traditional = unit.segments[.traditional] ?? []
      for (hans, hant) in zip(simplified, traditional) {
        guard let hans = document.segment(hans), let hant = document.segment(hant) else { continue }
        findings += conversion.check(simplified: hans, traditional: hant, unit: unit.id)
      }
      // The original text must not hold the other variety's characters; a checked text
      // without its twin is checked alone (with a twin, the pair check does it).
      let paired = min(simplified.count, traditional.count)
      let (originals, checked) =
        conversion.direction == .simplifiedToTraditional ? (simplified, traditional) : (traditional, simplified)
      for id in originals {
        guard let segment = document.segment(id) else { continue }
        findings += conversion.wrongVariety(in: segment, unit: unit.id)
      }
      for id in checked.dropFirst(paired) {
        guard let segment = document.segment(id) else { continue }
        findings += conversion.wrongVariety(in: segment, unit: unit.id)
      }
      for id in unit.segmentIDs {
        guard let segment = document.segment(id), segment.script.isChinese else { continue }
        if let finding = quoteStyle.check(segment, unit: unit.id) { findings.append(finding) }
        findings += regionalVariant.check(segment, unit: unit.id)
      }
    }
    return findings
  }
}

/// Findings of chunks checked concurrently, each chunk's set exactly once.
private final class ChunkResults: @unchecked Sendable {
  private var storage: [[Finding]]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: [], count: count) }

  func set(_ index: Int, _ findings: [Finding]) {
    lock.lock()
    storage[index] = findings
    lock.unlock()
  }

  var values: [[Finding]] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
