import Foundation
import Testing

@testable import ParallelText

@Suite("Script labels")
struct ScriptLabelTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var label: String
    var source: String
    var text: String
    var testDescription: String { "\(label) \(source)" }
  }

  /// The labelled real lines in `Fixtures/scripts/labels.tsv`.
  static let rows: [Row] = {
    let url = Fixtures.directory.appendingPathComponent("scripts/labels.tsv")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3 else { return nil }
      return Row(label: String(fields[0]), source: String(fields[1]), text: String(fields[2]))
    }
  }()

  @Test("The table holds at least 60 labelled lines covering every label")
  func tableSize() {
    #expect(Self.rows.count >= 60)
    #expect(
      Set(Self.rows.map(\.label)).isSuperset(of: ["Latn", "Hans", "Hant", "Hani", "Zyyy", "Cyrl", "Jpan", "Kore"]))
  }

  @Test("Each real line gets its expected label", arguments: rows)
  func label(row: Row) {
    #expect(ScriptDetector().label(row.text).rawValue == row.label, "\(row.text)")
  }

  @Test("Simplified-only and Traditional-only sets come from ICU's transliterator rules")
  func variantSets() {
    let variants = HanVariants.icu
    for character in "联发虚为国压声".unicodeScalars { #expect(variants.simplifiedOnly.contains(character)) }
    for character in "聯發髮後繫係國壓聲".unicodeScalars { #expect(variants.traditionalOnly.contains(character)) }
    // Characters both varieties use are in neither set.
    for character in "后系里干台面只着香港".unicodeScalars {
      #expect(!variants.simplifiedOnly.contains(character) && !variants.traditionalOnly.contains(character))
    }
    #expect(variants.phrases.count > 900)
  }

  @Test("A line with two scripts separated by ` / ` becomes two segments (seed 002 line 11)")
  func bilingualLine() throws {
    let segments = ScriptDetector().label(Reader().read(text: try Fixtures.text("002"), file: "002"))
    let line11 = segments.filter { $0.range.start.line == 11 }
    #expect(line11.map(\.script) == [.simplified, .traditional])
    #expect(line11.map(\.text) == ["反抗香港和中国政治压迫的声明", "反抗香港和中國政治壓迫的聲明"])
    #expect(line11.map(\.range.start.column) == [1, 18])
    #expect(line11.map(\.range.end.column) == [15, 32])
    #expect(segments.map(\.id) == Array(1...segments.count))
  }

  @Test("English with a slash between two English parts stays one segment")
  func englishSlash() {
    let segments = ScriptDetector().label(Reader().read(text: "Either this / or that one\n", file: "f"))
    #expect(segments.count == 1)
  }
}
