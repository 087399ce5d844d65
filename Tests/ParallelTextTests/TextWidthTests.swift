import CICUShim
import Testing

@testable import ParallelText

/// The side-by-side text output pads columns by display width.
@Suite("Text output: display widths")
struct TextWidthTests {
  @Test("printable ASCII and the main CJK block, answered without ICU, take ICU's widths")
  func fastWidthsAreICUs() {
    let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x4E00...0x9FFF]
    let disagreeing = ranges.flatMap { $0 }.filter {
      TextRenderer.cellWidth(Unicode.Scalar($0)!) != Int(ptx_icu_display_width($0))
    }
    #expect(disagreeing.isEmpty)
    // Around them, ICU still answers: a combining mark, a soft hyphen, a full-width letter.
    #expect(TextRenderer.cellWidth("\u{0301}") == 0)
    #expect(TextRenderer.cellWidth("\u{00AD}") == 0)
    #expect(TextRenderer.cellWidth("Ａ") == 2)
  }
}
