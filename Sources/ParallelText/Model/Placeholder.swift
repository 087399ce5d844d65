import CICUShim
public let icuVersion = String(cString: ptx_icu_version())
