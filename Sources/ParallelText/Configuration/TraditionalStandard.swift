/// The standard a Traditional Chinese text follows: Taiwan's, Hong Kong's, or neither in particular.
///
/// Chosen with `--standard` or `standard:` in `.align.yml`. The CLI resolves it per file and
/// hands it to the checks; `generic` accepts the forms every Traditional standard accepts.
public enum TraditionalStandard: String, Sendable, Hashable, CaseIterable, Codable {
  /// Taiwan (zh-TW), e.g. 台 and 裡.
  case taiwan = "tw"
  /// Hong Kong (zh-HK), e.g. 台 and 裏.
  case hongKong = "hk"
  /// No regional preference.
  case generic
}
