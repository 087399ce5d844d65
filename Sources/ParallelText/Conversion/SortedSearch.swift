extension RandomAccessCollection where Element == UInt32, Index == Int {
  /// The index of `value` among these values, sorted ascending within `range`, found by
  /// binary search; nil when it is not there. (A trie's edge labels, a map's keys.)
  @inline(__always)
  func sortedIndex(of value: UInt32, in range: Range<Int>) -> Int? {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) >> 1
      let found = self[middle]
      if found == value { return middle }
      if found < value { low = middle + 1 } else { high = middle }
    }
    return nil
  }
}
