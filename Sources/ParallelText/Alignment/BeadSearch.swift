#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bead: rows `row..<row + rows` of one sequence aligned with columns
/// `column..<column + columns` of the other (a 1-1, 2-1, 1-0 … correspondence).
struct Bead: Hashable, Sendable {
  var row: Int
  var rows: Int
  var column: Int
  var columns: Int
}

/// The costs of one alignment problem between two sequences, at one resolution.
protocol BeadScorer {
  /// The length of the first sequence.
  var rowCount: Int { get }
  /// The length of the second sequence.
  var columnCount: Int { get }
  /// The cost (a negative log-likelihood) of a bead.
  func cost(_ bead: Bead) -> Double
  /// The same problem at half the resolution: each element merged with its successor.
  func halved() -> Self
}

/// Dynamic programming over bead sequences (as Gale-Church, hunalign and Vecalign do),
/// searched in a corridor around the path found at half resolution (Vecalign's recursive
/// downsampling), so that time and memory grow linearly with the sequences' length.
struct BeadSearch: Sendable {
  /// The bead shapes allowed, as (rows, columns).
  var shapes: [(rows: Int, columns: Int)] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]
  /// Lattices up to this many nodes are searched in full.
  var fullSearchLimit = 160_000
  /// Larger lattices (up to `fullSearchLimit`) are searched first in a corridor around the
  /// path found at half resolution, and again in full only when the best path runs along
  /// the corridor's side (where a better path may lie outside it).
  var corridorLimit = 1_000
  /// Nodes added on each side of the projected coarse path.
  var margin = 5
  /// The temperature turning costs into probabilities.
  var temperature = 1.0

  /// Aligns the two sequences of `scorer`: the best path with, for every node, the
  /// forward and backward sums needed for bead posteriors. Every path passes through the
  /// `gates` (hard anchors: a chain increasing in both coordinates).
  func align<Scorer: BeadScorer>(_ scorer: Scorer, gates: [Gate] = []) -> Lattice {
    let full = corridor(for: scorer, gates: gates)
    if full.nodeCount > corridorLimit, full.nodeCount <= fullSearchLimit, gates.isEmpty,
      scorer.rowCount >= 4, scorer.columnCount >= 4
    {
      var lattice = Lattice(
        corridor: projected(scorer, gates: [], limit: corridorLimit), temperature: temperature, shapes: shapes)
      lattice.search(scorer)
      if !lattice.pressesAgainstSide { return lattice }
    }
    var lattice = Lattice(corridor: full, temperature: temperature, shapes: shapes)
    lattice.search(scorer)
    return lattice
  }

  /// The corridor for a problem: everything the gates allow when that is small (the gates
  /// split the problem into blocks searched in full), else the path found at half
  /// resolution, widened and held to the gates.
  func corridor<Scorer: BeadScorer>(for scorer: Scorer, gates: [Gate] = []) -> Corridor {
    let full = Corridor(full: scorer, gates: gates)
    if full.nodeCount <= fullSearchLimit || scorer.rowCount < 4 || scorer.columnCount < 4 { return full }
    return projected(scorer, gates: gates, limit: fullSearchLimit)
  }

  /// The corridor around the best path of the problem at half resolution (itself searched
  /// in full up to `limit` nodes, else in its own projected corridor), widened by `margin`
  /// and held to the gates.
  private func projected<Scorer: BeadScorer>(_ scorer: Scorer, gates: [Gate], limit: Int) -> Corridor {
    let coarse = scorer.halved()
    let coarseGates = Gate.halved(gates)
    var coarseCorridor = Corridor(full: coarse, gates: coarseGates)
    if coarseCorridor.nodeCount > limit, coarse.rowCount >= 4, coarse.columnCount >= 4,
      coarse.rowCount < scorer.rowCount
    {
      coarseCorridor = projected(coarse, gates: coarseGates, limit: limit)
    }
    var coarseLattice = Lattice(corridor: coarseCorridor, temperature: temperature, shapes: shapes)
    let path = coarseLattice.bestPath(coarse)
    var fine = Corridor(projecting: path, rows: scorer.rowCount, columns: scorer.columnCount, margin: margin)
    fine.hold(to: gates)
    return fine
  }
}

/// A hard anchor as a constraint on paths: row `row` and column `column` lie in one bead,
/// so a node that has consumed rows up to `row` has consumed columns up to `column` at
/// most, and a node past `row` is past `column` too.
struct Gate: Hashable, Sendable {
  var row: Int
  var column: Int

  /// The gates at half resolution (node (r, c) there is node (2r, 2c) here): at most one
  /// per coarse row and column, so that a coarse bead can always pass from one to the next.
  static func halved(_ gates: [Gate]) -> [Gate] {
    var result: [Gate] = []
    for gate in gates {
      let coarse = Gate(row: gate.row / 2, column: gate.column / 2)
      if let last = result.last, last.row >= coarse.row || last.column >= coarse.column { continue }
      result.append(coarse)
    }
    return result
  }
}

/// For every row `i` in `0...rows`, the allowed columns `low[i]...high[i]`, both
/// non-decreasing, containing (0, 0) and (rows, columns).
struct Corridor: Sendable {
  var low: [Int]
  var high: [Int]

  init(low: [Int], high: [Int]) {
    self.low = low
    self.high = high
  }

  /// Every node of a problem's lattice that the gates allow.
  init(full scorer: some BeadScorer, gates: [Gate]) {
    low = Array(repeating: 0, count: scorer.rowCount + 1)
    high = Array(repeating: scorer.columnCount, count: scorer.rowCount + 1)
    hold(to: gates)
  }

  /// The fine corridor around a path found at half resolution.
  init(projecting path: [Bead], rows: Int, columns: Int, margin: Int) {
    low = Array(repeating: Int.max, count: rows + 1)
    high = Array(repeating: Int.min, count: rows + 1)
    func mark(_ coarseRow: Int, _ coarseColumn: Int) {
      for row in max(0, 2 * coarseRow - 1)...min(rows, 2 * coarseRow + 2) {
        low[row] = min(low[row], max(0, 2 * coarseColumn - 1 - margin))
        high[row] = max(high[row], min(columns, 2 * coarseColumn + 2 + margin))
      }
    }
    mark(0, 0)
    for bead in path {
      for step in 0...max(bead.rows, bead.columns) {
        let fraction = Double(step) / Double(max(bead.rows, bead.columns, 1))
        mark(
          bead.row + Int((Double(bead.rows) * fraction).rounded()),
          bead.column + Int((Double(bead.columns) * fraction).rounded()))
      }
    }
    low[rows] = min(low[rows], columns)
    high[rows] = columns
    low[0] = 0
    for row in 0...rows where low[row] == Int.max {
      low[row] = row > 0 ? low[row - 1] : 0
      high[row] = row > 0 ? high[row - 1] : 0
    }
    for row in stride(from: rows - 1, through: 0, by: -1) { low[row] = min(low[row], low[row + 1]) }
    for row in 1...max(1, rows) where row <= rows { high[row] = max(high[row], high[row - 1]) }
    // Widen rows so that consecutive rows overlap by the margin (the path may move sideways).
    for row in 0...rows {
      low[row] = max(0, min(low[row], high[row] - margin))
      high[row] = min(columns, max(high[row], low[row] + margin))
    }
    for row in stride(from: rows - 1, through: 0, by: -1) { low[row] = min(low[row], low[row + 1]) }
    for row in 1...max(1, rows) where row <= rows { high[row] = max(high[row], high[row - 1]) }
  }

  /// The number of lattice nodes.
  var nodeCount: Int { zip(low, high).reduce(0) { $0 + $1.1 - $1.0 + 1 } }

  /// Removes the nodes the gates forbid (they must form a chain increasing in both
  /// coordinates), keeps each gate's crossing ((row, column) to (row + 1, column + 1)), and
  /// restores what the lattice needs: bounds non-decreasing, every row reachable from the
  /// one before.
  mutating func hold(to gates: [Gate]) {
    guard !gates.isEmpty else { return }
    let rows = low.count - 1
    let columns = high[rows]
    // cap[r]: the most columns a node in row r may have consumed; floor[r]: the fewest.
    var cap = Array(repeating: columns, count: rows + 1)
    var floor = Array(repeating: 0, count: rows + 1)
    for gate in gates where gate.row < rows && gate.column < columns {
      cap[gate.row] = min(cap[gate.row], gate.column)
      floor[gate.row + 1] = max(floor[gate.row + 1], gate.column + 1)
    }
    for row in stride(from: rows - 1, through: 0, by: -1) { cap[row] = min(cap[row], cap[row + 1]) }
    for row in 1...max(1, rows) where row <= rows { floor[row] = max(floor[row], floor[row - 1]) }
    for row in 0...rows {
      low[row] = max(low[row], floor[row])
      high[row] = min(high[row], cap[row])
      // The projected corridor missed this row's window entirely: take the window's near edge.
      if low[row] > high[row] {
        if high[row] == cap[row] { low[row] = high[row] } else { high[row] = low[row] }
      }
    }
    for gate in gates where gate.row < rows && gate.column < columns {
      high[gate.row] = gate.column
      low[gate.row] = min(low[gate.row], gate.column)
      low[gate.row + 1] = gate.column + 1
      high[gate.row + 1] = max(high[gate.row + 1], gate.column + 1)
    }
    for row in stride(from: rows - 1, through: 0, by: -1) { low[row] = min(low[row], low[row + 1]) }
    for row in 1...max(1, rows) where row <= rows {
      high[row] = max(high[row], high[row - 1])
      // Reachable: a 1-1 bead from the row before must land inside this row.
      if low[row] > high[row - 1] + 1 { high[row - 1] = min(cap[row - 1], low[row] - 1) }
    }
    for row in stride(from: rows, through: 1, by: -1) where low[row] > high[row - 1] + 1 {
      high[row - 1] = low[row] - 1
    }
    low[0] = 0
  }
}

/// The searched lattice of one problem: the best path and the forward/backward sums.
struct Lattice: Sendable {
  let corridor: Corridor
  let temperature: Double
  let shapes: [(rows: Int, columns: Int)]
  /// Each row's first and last column and where its nodes start in the flat arrays, in
  /// one array (the search's loops read them through one buffer).
  private var rowBounds: [RowBounds]
  /// The number of nodes (the flat arrays' length).
  private let nodeCount: Int
  /// Soft-min cost of reaching each node (forward) and of finishing from it (backward).
  /// Double, not Float: on a document of 100,000 paragraphs the sums reach hundreds of
  /// thousands, where a Float's step (about 0.03) already distorts every posterior.
  private(set) var forward: [Double] = []
  private(set) var backward: [Double] = []
  /// The best path, in order.
  private(set) var path: [Bead] = []
  /// The cost of the bead of each shape ending at each node (`node * shapes + shape`),
  /// kept from the forward sweep so that the backward and posterior passes do not score
  /// again; empty for lattices too large to keep it (see `costCacheLimit`).
  private var costs: [Float] = []
  /// True when the best path touches a side of the corridor that is not the lattice's own
  /// edge: a better path may leave the corridor there.
  var pressesAgainstSide: Bool {
    let columns = corridor.high.last ?? 0
    return path.contains { bead in
      let row = bead.row + bead.rows
      let column = bead.column + bead.columns
      return (column <= corridor.low[row] && corridor.low[row] > 0)
        || (column >= corridor.high[row] && corridor.high[row] < columns)
    }
  }

  /// The most nodes whose bead costs are kept (4 M nodes × 6 shapes × 4 bytes: 96 MB).
  static let costCacheLimit = 4_000_000

  /// One row of the corridor: its columns `low...high`, its first node `offset`.
  private struct RowBounds {
    var low: Int
    var high: Int
    var offset: Int
  }

  init(corridor: Corridor, temperature: Double, shapes: [(rows: Int, columns: Int)]) {
    self.corridor = corridor
    self.temperature = temperature
    self.shapes = shapes
    var rowBounds: [RowBounds] = []
    rowBounds.reserveCapacity(corridor.low.count)
    var total = 0
    for row in corridor.low.indices {
      rowBounds.append(RowBounds(low: corridor.low[row], high: corridor.high[row], offset: total))
      total += corridor.high[row] - corridor.low[row] + 1
    }
    self.rowBounds = rowBounds
    nodeCount = total
  }

  var rows: Int { corridor.low.count - 1 }
  var columns: Int { corridor.high.last ?? 0 }

  /// The flat index of node (row, column), or nil outside the corridor.
  @inline(__always) func index(_ row: Int, _ column: Int) -> Int? {
    let node = rowBounds.withUnsafeBufferPointer { Self.node($0, row, column) }
    return node >= 0 ? node : nil
  }

  /// The flat index of node (row, column), or -1 outside the corridor.
  @inline(__always)
  private static func node(_ bounds: UnsafeBufferPointer<RowBounds>, _ row: Int, _ column: Int) -> Int {
    guard row >= 0, row < bounds.count else { return -1 }
    let here = bounds[row]
    guard column >= here.low, column <= here.high else { return -1 }
    return here.offset &+ column &- here.low
  }

  /// Runs `body` with the row bounds and the shapes as buffers (the search's hot loops).
  @inline(__always)
  private func withGeometry<Result>(
    _ body: (UnsafeBufferPointer<RowBounds>, UnsafeBufferPointer<(rows: Int, columns: Int)>) -> Result
  ) -> Result {
    rowBounds.withUnsafeBufferPointer { bounds in shapes.withUnsafeBufferPointer { body(bounds, $0) } }
  }

  /// The cost of `bead` from the cache when the lattice holds it.
  private func cost<Scorer: BeadScorer>(of bead: Bead, _ scorer: Scorer) -> Double {
    guard !costs.isEmpty, let end = index(bead.row + bead.rows, bead.column + bead.columns),
      let shape = shapes.firstIndex(where: { $0.rows == bead.rows && $0.columns == bead.columns })
    else { return scorer.cost(bead) }
    return Double(costs[end * shapes.count + shape])
  }

  /// The Viterbi path only (coarse levels need nothing else).
  mutating func bestPath<Scorer: BeadScorer>(_ scorer: Scorer) -> [Bead] {
    sweepForward(scorer, summing: false)
    return path
  }

  /// One pass over the nodes in order: the best path, and with `summing` the bead costs
  /// (kept for the passes that follow when the lattice is small enough) and the forward
  /// soft-min sums, which take the kept costs as the backward pass will (rounded to Float).
  private mutating func sweepForward<Scorer: BeadScorer>(_ scorer: Scorer, summing: Bool) {
    let count = nodeCount
    let keep = summing && count <= Self.costCacheLimit
    var kept = keep ? [Float](repeating: .infinity, count: count * shapes.count) : []
    var forward = summing ? [Double](repeating: .infinity, count: count) : []
    if summing { forward[0] = 0 }
    let back = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: count)
    let best = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    defer {
      back.deallocate()
      best.deallocate()
    }
    back.initialize(repeating: 0)
    best.initialize(repeating: .infinity)
    best[0] = 0
    let rows = rows
    let t = temperature
    withGeometry { bounds, shapes in
      kept.withUnsafeMutableBufferPointer { kept in
        forward.withUnsafeMutableBufferPointer { forward in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: shapes.count) { terms in
            for row in 0...rows {
              let bound = bounds[row]
              for column in bound.low...bound.high {
                let here = bound.offset &+ column &- bound.low
                var termCount = 0
                for shapeIndex in 0..<shapes.count {
                  let shape = shapes[shapeIndex]
                  let from = Self.node(bounds, row &- shape.rows, column &- shape.columns)
                  guard from >= 0, best[from] < .infinity else { continue }
                  let bead = Bead(
                    row: row &- shape.rows, rows: shape.rows, column: column &- shape.columns, columns: shape.columns)
                  var beadCost = scorer.cost(bead)
                  let total = best[from] + beadCost
                  if total < best[here] {
                    best[here] = total
                    back[here] = UInt8(shapeIndex)
                  }
                  guard summing else { continue }
                  if keep {
                    kept[here &* shapes.count &+ shapeIndex] = Float(beadCost)
                    beadCost = Double(Float(beadCost))
                  }
                  terms[termCount] = forward[from] + beadCost
                  termCount &+= 1
                }
                if summing, row > 0 || column > 0 {
                  forward[here] = Self.softMin(UnsafeBufferPointer(rebasing: terms[..<termCount]), t)
                }
              }
            }
          }
        }
      }
    }
    costs = kept
    self.forward = forward
    var result: [Bead] = []
    var row = rows
    var column = columns
    while row > 0 || column > 0 {
      let shape = shapes[Int(back[index(row, column)!])]
      row -= shape.rows
      column -= shape.columns
      result.append(Bead(row: row, rows: shape.rows, column: column, columns: shape.columns))
    }
    path = result.reversed()
  }

  /// The best path plus forward and backward soft-min sums for posteriors.
  mutating func search<Scorer: BeadScorer>(_ scorer: Scorer) {
    sweepForward(scorer, summing: true)
    let count = nodeCount
    let t = temperature
    let rows = rows
    let columns = columns
    var backward = [Double](repeating: .infinity, count: count)
    backward[count - 1] = 0
    withGeometry { bounds, shapes in
      costs.withUnsafeBufferPointer { costs in
        // The cost of the bead of shape `shape` ending at node `end` (cached when it can be).
        @inline(__always) func cost(_ bead: Bead, end: Int, shape: Int) -> Double {
          costs.isEmpty ? scorer.cost(bead) : Double(costs[end &* shapes.count &+ shape])
        }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: shapes.count) { terms in
          backward.withUnsafeMutableBufferPointer { backward in
            for row in stride(from: rows, through: 0, by: -1) {
              let bound = bounds[row]
              for column in stride(from: bound.high, through: bound.low, by: -1) where row < rows || column < columns {
                var termCount = 0
                for shapeIndex in 0..<shapes.count {
                  let shape = shapes[shapeIndex]
                  let to = Self.node(bounds, row &+ shape.rows, column &+ shape.columns)
                  guard to >= 0, backward[to] < .infinity else { continue }
                  let bead = Bead(row: row, rows: shape.rows, column: column, columns: shape.columns)
                  terms[termCount] = backward[to] + cost(bead, end: to, shape: shapeIndex)
                  termCount &+= 1
                }
                backward[bound.offset &+ column &- bound.low] = Self.softMin(
                  UnsafeBufferPointer(rebasing: terms[..<termCount]), t)
              }
            }
          }
        }
      }
    }
    self.backward = backward
  }

  /// `-t log Σ exp(-value / t)`, computed from the least value (whose term is exactly 1).
  static func softMin(_ values: UnsafeBufferPointer<Double>, _ t: Double) -> Double {
    guard let least = values.min(), least < .infinity else { return .infinity }
    var sum = 0.0
    // An impossible bead (infinite cost) adds exactly 0: no call to exp.
    for value in values where value < .infinity { sum += value == least ? 1 : exp(-(value - least) / t) }
    return least - t * log(sum)
  }

  /// The probability that the alignment contains this bead.
  func posterior<Scorer: BeadScorer>(_ bead: Bead, _ scorer: Scorer) -> Double {
    guard let from = index(bead.row, bead.column), let to = index(bead.row + bead.rows, bead.column + bead.columns),
      forward[from] < .infinity, backward[to] < .infinity
    else { return 0 }
    let total = backward[0]
    let value = forward[from] + cost(of: bead, scorer) + backward[to] - total
    return min(1, max(0, exp(-value / temperature)))
  }

  /// The probability of the reading a bead stands for: a paragraph left alone is one
  /// reading wherever the other sequence stands, so skip beads sum over that position.
  func readingPosterior<Scorer: BeadScorer>(_ bead: Bead, _ scorer: Scorer) -> Double {
    if bead.columns == 0 {
      guard bead.row + bead.rows <= rows else { return 0 }
      var sum = 0.0
      for column in corridor.low[bead.row]...corridor.high[bead.row] {
        sum += posterior(Bead(row: bead.row, rows: bead.rows, column: column, columns: 0), scorer)
      }
      return min(1, sum)
    }
    if bead.rows == 0 {
      var sum = 0.0
      for row in max(0, bead.row - 64)...min(rows, bead.row + 64)
      where corridor.low[row] <= bead.column && bead.column <= corridor.high[row] {
        sum += posterior(Bead(row: row, rows: 0, column: bead.column, columns: bead.columns), scorer)
      }
      return min(1, sum)
    }
    return posterior(bead, scorer)
  }

  /// The most probable bead other than `bead` that takes one of its rows or columns.
  func rival<Scorer: BeadScorer>(of bead: Bead, _ scorer: Scorer) -> (bead: Bead, probability: Double)? {
    var best: (bead: Bead, probability: Double)?
    var candidates: Set<Bead> = []
    let window = 64
    for row in max(0, bead.row - window)...min(rows, bead.row + bead.rows + window) {
      for column in corridor.low[row]...corridor.high[row] {
        for shape in shapes {
          let other = Bead(row: row, rows: shape.rows, column: column, columns: shape.columns)
          let takesRow = other.rows > 0 && other.row < bead.row + bead.rows && bead.row < other.row + other.rows
          let takesColumn =
            other.columns > 0 && other.column < bead.column + bead.columns && bead.column < other.column + other.columns
          guard takesRow || takesColumn else { continue }
          // Skip beads stand for one reading wherever they sit.
          var canonical = other
          if canonical.columns == 0 { canonical.column = 0 }
          if canonical.rows == 0 { canonical.row = 0 }
          var own = bead
          if own.columns == 0 { own.column = 0 }
          if own.rows == 0 { own.row = 0 }
          if canonical != own { candidates.insert(other.rows == 0 || other.columns == 0 ? other : canonical) }
        }
      }
    }
    var seen: Set<Bead> = []
    for other in candidates where other.row + other.rows <= rows && other.column + other.columns <= columns {
      var key = other
      if key.columns == 0 { key.column = 0 }
      if key.rows == 0 { key.row = 0 }
      guard seen.insert(key).inserted else { continue }
      let probability = readingPosterior(other, scorer)
      if probability > (best?.probability ?? 0) { best = (other, probability) }
    }
    return best
  }
}
