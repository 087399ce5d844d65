import ParallelText

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What `--fix` and `--format diff` do to one file: its bytes as read and as corrected.
struct FileFix {
  var file: String
  var original: [UInt8]
  var fixed: [UInt8]
  /// Corrections applied, over all rounds.
  var applied = 0
  /// Corrections of the last round left alone (their span is not the checked text).
  var skipped = 0
}

extension Session {
  /// How many times a file is checked and corrected while corrections change it (a regional
  /// form is reported once a paragraph; a correction may bring up another).
  static let fixRounds = 4

  /// The groups `window` at a time, so that memory stays bounded.
  static func windows(_ groups: [DocumentGroup]) -> [ArraySlice<DocumentGroup>] {
    stride(from: 0, to: groups.count, by: window).map { groups[$0..<min($0 + window, groups.count)] }
  }

  /// The corrections the findings propose for the files of `groups`, worked out in memory:
  /// the groups are read, checked, corrected, and checked again while that changes them, up
  /// to `fixRounds` times. Returns the files that have a finding with a correction, in input
  /// order, and whether a finding of the first check fails the run. Without
  /// `reportingErrors`, inputs that cannot be read are left to a later check to report.
  mutating func corrections(
    of groups: ArraySlice<DocumentGroup>, batch: Batch, reportingErrors: Bool
  ) -> (fixes: [FileFix], failing: Bool) {
    var pending = readInputs(groups, reportingErrors: reportingErrors)
    var fixes: [String: FileFix] = [:]
    var order: [String] = []
    var failing = false
    var notUTF8: Set<String> = []
    for round in 0..<Self.fixRounds where !pending.isEmpty {
      var next: [(input: Batch.Input, settings: Settings)] = []
      for (item, result) in zip(pending, findings(of: pending, batch: batch)) {
        guard case .success(let findings) = result else {
          if round == 0, reportingErrors, case .failure(let error) = result { reportNotProcessed(error.description) }
          continue
        }
        if round == 0 { failing = failing || findings.contains { $0.severity >= failLevel } }
        var changed = false
        let members = [item.input] + item.input.companions
        for (file, found) in Dictionary(grouping: findings.filter { $0.replacement != nil }, by: \.range.file)
          .sorted(by: { $0.key < $1.key })
        {
          guard let member = members.first(where: { $0.file == file }), case .success(let bytes) = member.bytes
          else { continue }
          if fixes[file] == nil {
            // Asked once a file: later rounds correct the corrected bytes, UTF-8 still. (The
            // decoder's range is nil for UTF-16, and it throws for what is neither.)
            let text: Range<Int>? = try? bytes.withUnsafeBufferPointer { try TextDecoder.utf8Text($0) }
            guard text != nil else {
              notUTF8.insert(file)
              continue
            }
            fixes[file] = FileFix(file: file, original: bytes, fixed: bytes)
            order.append(file)
          }
          let outcome = FindingFixes.apply(found, toUTF8: bytes)
          fixes[file]!.fixed = outcome.bytes
          fixes[file]!.applied += outcome.applied.count
          fixes[file]!.skipped = outcome.skipped.count
          changed = changed || !outcome.applied.isEmpty
        }
        guard changed else { continue }
        var input = item.input
        input.bytes = input.bytes.map { fixes[input.file]?.fixed ?? $0 }
        for index in input.companions.indices {
          let companion = input.companions[index].file
          input.companions[index].bytes = input.companions[index].bytes.map { fixes[companion]?.fixed ?? $0 }
        }
        next.append((input, item.settings))
      }
      pending = next
    }
    if !output.quiet {
      for file in notUTF8.sorted() { Terminal.error("align: \(file): not fixed (only UTF-8 files are)") }
    }
    return (order.map { fixes[$0]! }, failing)
  }

  /// The findings of each input (none for one that cannot be read); a large pair set is
  /// checked a part at a time, so that memory stays bounded.
  private func findings(
    of inputs: [(input: Batch.Input, settings: Settings)], batch: Batch
  ) -> [Result<[Finding], Batch.InputError>] {
    var results = inputs.map { _ in Result<[Finding], Batch.InputError>.success([]) }
    var others: [Int] = []
    for (index, item) in inputs.enumerated() {
      guard input.pairs && Self.isLargePairSet(item.input) else {
        others.append(index)
        continue
      }
      var found: [Finding] = []
      let error = batch.processPairSet(item.input, settings: item.settings, partSize: Self.pairSetPart) { part, _ in
        found += part.findings
      }
      results[index] = error.map { .failure($0) } ?? .success(found)
    }
    for (index, result) in zip(others, batch.process(others.map { inputs[$0] })) {
      results[index] = result.map(\.findings)
    }
    return results
  }

  /// `--fix`: writes the corrections into the files (each atomically, and only if it still
  /// holds the bytes that were checked) and says on standard error how many per file; the
  /// check that follows reads the fixed files.
  mutating func fixFiles(_ groups: [DocumentGroup], batch: Batch) {
    for window in Self.windows(groups) {
      for fix in corrections(of: window, batch: batch, reportingErrors: false).fixes { write(fix) }
    }
  }

  /// Writes one file's corrections (see `fixFiles`).
  private mutating func write(_ fix: FileFix) {
    if fix.applied > 0 {
      guard (try? InputFile.read(fix.file)) == fix.original else {
        report("\(fix.file): not fixed (it changed while it was checked)")
        return
      }
      do {
        try AtomicFile.write(Data(fix.fixed), to: fix.file) { message in InputFile.ReadError(description: message) }
      } catch {
        report("\(fix.file): \(error)")
        return
      }
    }
    guard !output.quiet else { return }
    var line = "align: \(fix.file): fixed \(fix.applied) finding\(fix.applied == 1 ? "" : "s")"
    if fix.skipped > 0 {
      line += "; \(fix.skipped) left (their text is not as checked, or spans markup or lines)"
    }
    Terminal.error(line)
  }

  /// `--format diff`: the corrections as a unified diff on standard output (or `-o`),
  /// nothing written to the inputs; the exit status is the check's.
  mutating func runDiff(_ groups: [DocumentGroup], batch: Batch) -> Int32 {
    var text = ""
    var failing = false
    for window in Self.windows(groups) {
      let (fixes, windowFailing) = corrections(of: window, batch: batch, reportingErrors: true)
      failing = failing || windowFailing
      for fix in fixes where fix.applied > 0 {
        text += UnifiedDiff(old: fix.original, new: fix.fixed, file: fix.file).text
      }
    }
    if let path = output.output {
      do {
        try AtomicFile.write(Data(text.utf8), to: path) { message in InputFile.ReadError(description: message) }
      } catch {
        report("\(path): \(error)")
      }
    } else {
      Terminal.write(text)
    }
    return hadError ? 2 : failing ? 1 : 0
  }
}
