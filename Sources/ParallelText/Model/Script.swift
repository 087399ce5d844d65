/// An ISO 15924 script code such as `Latn`, `Hans`, `Hant`, `Hani` or `Zyyy`.
public struct Script: RawRepresentable, Hashable, Sendable, Codable, Comparable,
  CustomStringConvertible
{
  /// The four-letter ISO 15924 code.
  public let rawValue: String

  /// Creates a script from its ISO 15924 code.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Latin.
  public static let latin = Script(rawValue: "Latn")
  /// Han, Simplified variety.
  public static let simplified = Script(rawValue: "Hans")
  /// Han, Traditional variety.
  public static let traditional = Script(rawValue: "Hant")
  /// Han whose variety cannot be told.
  public static let han = Script(rawValue: "Hani")
  /// No letters: digits, punctuation and symbols only.
  public static let common = Script(rawValue: "Zyyy")
  /// Japanese (Han with kana).
  public static let japanese = Script(rawValue: "Jpan")
  /// Korean (Hangul, possibly with Han).
  public static let korean = Script(rawValue: "Kore")

  /// True for the Han-based labels `Hans`, `Hant` and `Hani`.
  public var isChinese: Bool { self == .simplified || self == .traditional || self == .han }

  public var description: String { rawValue }

  public static func < (lhs: Script, rhs: Script) -> Bool {
    lhs.displayOrder == rhs.displayOrder ? lhs.rawValue < rhs.rawValue : lhs.displayOrder < rhs.displayOrder
  }

  /// Latin first, then Simplified, Traditional, undetermined Han, then the rest by code.
  private var displayOrder: Int {
    switch self {
    case .latin: 0
    case .simplified: 1
    case .traditional: 2
    case .han: 3
    case .common: 5
    default: 4
    }
  }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
