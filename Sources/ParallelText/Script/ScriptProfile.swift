import CICUShim

/// Letter counts of a text by script, from ICU's per-code-point script property, with Han
/// split by variety.
public struct ScriptProfile: Sendable, Hashable {
  /// Latin letters.
  public var latin = 0
  /// Han ideographs of any variety.
  public var han = 0
  /// Han characters used only in Simplified Chinese.
  public var simplifiedOnly = 0
  /// Han characters used only in Traditional Chinese.
  public var traditionalOnly = 0
  /// Hiragana and katakana.
  public var kana = 0
  /// Hangul.
  public var hangul = 0
  /// Letters of other scripts, by ISO 15924 code.
  public var others: [Script: Int] = [:]

  /// Counts the letters of `text`.
  public init(_ text: some StringProtocol, variants: HanVariants = .icu) {
    for scalar in text.unicodeScalars { add(scalar, variants: variants) }
  }

  /// All letters counted.
  public var letters: Int { latin + han + kana + hangul + others.values.reduce(0, +) }

  private mutating func add(_ scalar: Unicode.Scalar, variants: HanVariants) {
    let value = scalar.value
    if value < 0x80 {
      if (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A { latin += 1 }
      return
    }
    if HanVariants.isHanIdeograph(scalar) {
      han += 1
      if variants.isSimplifiedOnly(scalar) {
        simplifiedOnly += 1
      } else if variants.isTraditionalOnly(scalar) {
        traditionalOnly += 1
      }
      return
    }
    guard ptx_icu_is_alphabetic(value) != 0 else { return }
    let code = ptx_icu_script(value)
    switch code {
    case 25: latin += 1  // USCRIPT_LATIN
    case 17: han += 1  // USCRIPT_HAN (e.g. 〇, 々)
    case 20, 22: kana += 1  // USCRIPT_HIRAGANA, USCRIPT_KATAKANA
    case 18: hangul += 1  // USCRIPT_HANGUL
    case 0, 1, -1: break  // common, inherited, error
    default:
      others[Script(rawValue: String(cString: ptx_icu_script_short_name(code))), default: 0] += 1
    }
  }

  /// The ISO 15924 label of the text: `Hans`, `Hant` or `Hani` for Chinese (a few Latin
  /// words inside do not change it), `Jpan`, `Kore`, `Latn` or another script's code for
  /// the script with the most letters, `Zyyy` when there are no letters.
  public var label: Script {
    guard letters > 0 else { return .common }
    if kana > 0, kana + han >= latin { return .japanese }
    if hangul > 0, hangul + han >= latin { return .korean }
    let largestOther = others.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }
    if han > 0, han * 4 >= latin, han >= (largestOther?.value ?? 0) { return hanLabel }
    if let (script, count) = largestOther, count > latin { return script }
    return latin > 0 ? .latin : (han > 0 ? hanLabel : .common)
  }

  /// Hans or Hant when one variety's own characters dominate (at least four to one), else
  /// Hani: only characters common to both, or a real mix.
  private var hanLabel: Script {
    if simplifiedOnly > 0, simplifiedOnly >= traditionalOnly * 4 { return .simplified }
    if traditionalOnly > 0, traditionalOnly >= simplifiedOnly * 4 { return .traditional }
    return .han
  }
}
