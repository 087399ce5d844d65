/// One row of meaning: the segments, per script, that translate each other.
public struct Unit: Sendable, Hashable, Identifiable {
  /// Unique within one run; assigned in document order starting at 1.
  public var id: Int
  /// Segment ids per script, each list in document order.
  public var segments: [Script: [Int]]
  /// How sure the aligner is that these segments belong together, in [0, 1].
  public var confidence: Double
  /// The unit whose text this one repeats (a pull quote), if any.
  public var repeatOf: Int?

  /// Creates a unit.
  public init(id: Int, segments: [Script: [Int]], confidence: Double, repeatOf: Int? = nil) {
    self.id = id
    self.segments = segments
    self.confidence = confidence
    self.repeatOf = repeatOf
  }

  /// The scripts present in this unit, Latin first.
  public var scripts: [Script] {
    var scripts: [Script] = []
    scripts.reserveCapacity(segments.count)
    for (script, ids) in segments where !ids.isEmpty { scripts.append(script) }
    scripts.sort()
    return scripts
  }

  /// True when segments of more than one script are present: the unit is a translation
  /// (`scripts.count > 1`, without building the list).
  public var isTranslated: Bool {
    var present = 0
    for ids in segments.values where !ids.isEmpty {
      present += 1
      if present > 1 { return true }
    }
    return false
  }

  /// All segment ids of the unit in ascending order.
  public var segmentIDs: [Int] {
    var ids: [Int] = []
    for list in segments.values { ids += list }
    ids.sort()
    return ids
  }
}
