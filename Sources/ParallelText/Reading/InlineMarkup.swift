/// Removes Markdown inline markup (`**bold**`, `*emphasis*`, `[text](url)`, `<url>`,
/// backslash escapes) from positioned characters, keeping each kept character's position.
enum InlineMarkup {
  /// Removes the markup from `scalars` and the matching entries from `positions` (two
  /// parallel arrays), in place; nothing is copied when there is no markup.
  static func strip(_ scalars: inout [Unicode.Scalar], _ positions: inout [SourcePosition]) {
    guard
      scalars.contains(where: {
        switch $0 {
        case "*", "_", "[", "<", "\\": true
        default: false
        }
      })
    else { return }
    var drop = [Bool](repeating: false, count: scalars.count)
    markLinks(scalars, &drop)
    markAutolinks(scalars, &drop)
    markEmphasis(scalars, &drop)
    markEscapes(scalars, &drop)
    var kept = 0
    for index in scalars.indices where !drop[index] {
      scalars[kept] = scalars[index]
      positions[kept] = positions[index]
      kept += 1
    }
    scalars.removeSubrange(kept...)
    positions.removeSubrange(kept...)
  }

  /// For each offset, the first offset at or after it whose scalar passes `test`
  /// (`s.count` when none does): one backward pass, so that searches stay linear.
  private static func nextIndex(_ s: [Unicode.Scalar], where test: (Unicode.Scalar) -> Bool) -> [Int] {
    var next = [Int](repeating: s.count, count: s.count + 1)
    for index in s.indices.reversed() { next[index] = test(s[index]) ? index : next[index + 1] }
    return next
  }

  /// `[text](target)` and `![text](target)`: keep `text`.
  private static func markLinks(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    let nextClose = nextIndex(s) { $0 == "]" }
    let nextParen = nextIndex(s) { $0 == ")" }
    let nextSpace = nextIndex(s, where: Characters.isWhitespace)
    var index = 0
    var droppedThrough = -1  // links nest: mark each target character once
    while index < s.count {
      guard s[index] == "[", index == 0 || s[index - 1] != "\\" else {
        index += 1
        continue
      }
      let close = nextClose[index + 1]
      guard close + 1 < s.count, s[close + 1] == "(", case let end = nextParen[close + 2], end < s.count,
        nextSpace[close + 2] >= end
      else {
        index += 1
        continue
      }
      if index > 0, s[index - 1] == "!" { drop[index - 1] = true }
      drop[index] = true
      for position in stride(from: max(close, droppedThrough + 1), through: end, by: 1) { drop[position] = true }
      droppedThrough = max(droppedThrough, end)
      index = close + 1
    }
  }

  /// `<https://...>` and `<mailto:...>`: keep the address.
  private static func markAutolinks(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    let nextAngle = nextIndex(s) { $0 == ">" }
    let schemes = ["http://", "https://", "mailto:"].map { Array($0.unicodeScalars) }
    var index = 0
    while index < s.count {
      if s[index] == "<", case let end = nextAngle[index + 1], end < s.count,
        schemes.contains(where: { end - index - 1 >= $0.count && s[(index + 1)...].starts(with: $0) })
      {
        drop[index] = true
        drop[end] = true
        index = end + 1
        continue
      }
      index += 1
    }
  }

  /// `**`, `__` runs, and single `*` or `_` that open (before a non-space) and later close
  /// (after a non-space) an emphasis inside the segment.
  private static func markEmphasis(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    var index = 0
    var open: (index: Int, scalar: Unicode.Scalar)?
    while index < s.count {
      let scalar = s[index]
      guard scalar == "*" || scalar == "_", !drop[index], index == 0 || s[index - 1] != "\\" else {
        index += 1
        continue
      }
      if index + 1 < s.count, s[index + 1] == scalar {
        if scalar == "*" || isWordBoundary(s, before: index, after: index + 2) {
          drop[index] = true
          drop[index + 1] = true
        }
        index += 2
        continue
      }
      let before = index > 0 ? s[index - 1] : " "
      let after = index + 1 < s.count ? s[index + 1] : " "
      if let opener = open, opener.scalar == scalar, !Characters.isWhitespace(before) {
        drop[opener.index] = true
        drop[index] = true
        open = nil
      } else if !Characters.isWhitespace(after), Characters.isWhitespace(before) || before == "(" {
        open = (index, scalar)
      }
      index += 1
    }
  }

  private static func isWordBoundary(_ s: [Unicode.Scalar], before: Int, after: Int) -> Bool {
    let left = before > 0 ? s[before - 1] : " "
    let right = after < s.count ? s[after] : " "
    return !Characters.isAlphabetic(left) || !Characters.isAlphabetic(right)
  }

  /// `\_`, `\*` and other backslash-escaped ASCII punctuation: keep the punctuation.
  private static func markEscapes(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    for index in s.indices.dropLast() where s[index] == "\\" && !drop[index] {
      let next = s[index + 1]
      if next.isASCII, next.properties.generalCategory.isPunctuationOrSymbol {
        drop[index] = true
      }
    }
  }
}

extension Unicode.GeneralCategory {
  fileprivate var isPunctuationOrSymbol: Bool {
    switch self {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
      .modifierSymbol, .otherSymbol:
      true
    default: false
    }
  }
}
