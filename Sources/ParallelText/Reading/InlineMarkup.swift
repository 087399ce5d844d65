/// Removes Markdown inline markup (`**bold**`, `*emphasis*`, `[text](url)`, `<url>`,
/// backslash escapes) from positioned characters, keeping each kept character's position.
enum InlineMarkup {
  typealias Positioned = (scalar: Unicode.Scalar, position: SourcePosition)

  static func strip(_ characters: [Positioned]) -> [Positioned] {
    guard characters.contains(where: { "*_[<\\".unicodeScalars.contains($0.scalar) }) else {
      return characters
    }
    let scalars = characters.map(\.scalar)
    var drop = [Bool](repeating: false, count: scalars.count)
    markLinks(scalars, &drop)
    markAutolinks(scalars, &drop)
    markEmphasis(scalars, &drop)
    markEscapes(scalars, &drop)
    return characters.indices.filter { !drop[$0] }.map { characters[$0] }
  }

  /// `[text](target)` and `![text](target)`: keep `text`.
  private static func markLinks(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    var index = 0
    while index < s.count {
      guard s[index] == "[", index == 0 || s[index - 1] != "\\" else {
        index += 1
        continue
      }
      guard let close = s[(index + 1)...].firstIndex(of: "]"), close + 1 < s.count, s[close + 1] == "(",
        let end = s[(close + 2)...].firstIndex(of: ")"),
        !s[(close + 2)..<end].contains(where: Characters.isWhitespace)
      else {
        index += 1
        continue
      }
      if index > 0, s[index - 1] == "!" { drop[index - 1] = true }
      drop[index] = true
      for position in close...end { drop[position] = true }
      index = close + 1
    }
  }

  /// `<https://...>` and `<mailto:...>`: keep the address.
  private static func markAutolinks(_ s: [Unicode.Scalar], _ drop: inout [Bool]) {
    var index = 0
    while index < s.count {
      if s[index] == "<", let end = s[(index + 1)...].firstIndex(of: ">") {
        let inside = String(String.UnicodeScalarView(s[(index + 1)..<end]))
        if inside.hasPrefix("http://") || inside.hasPrefix("https://") || inside.hasPrefix("mailto:") {
          drop[index] = true
          drop[end] = true
          index = end + 1
          continue
        }
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
    return !left.properties.isAlphabetic || !right.properties.isAlphabetic
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
