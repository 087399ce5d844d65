import Testing

@testable import ParallelText

/// Two sequences whose true alignment is the diagonal (row i with column i), every bead
/// costing `scale` per paragraph, the diagonal's a little less, as the costs of a very long document add up.
struct DiagonalScorer: BeadScorer {
  var rowCount: Int
  var columnCount: Int
  var scale: Double

  func cost(_ bead: Bead) -> Double {
    let onDiagonal = bead.rows == 1 && bead.columns == 1 && bead.row == bead.column
    let size = Double(bead.rows + bead.columns) / 2
    // A little uneven, as real costs are (round numbers would be exact even in a Float).
    let jitter = 1 + Double((bead.row * 7 + bead.column * 3) % 11) / 1000
    return scale * size * (onDiagonal ? 1 : 1.02) * jitter + (onDiagonal ? 0 : 8)
  }

  func halved() -> DiagonalScorer {
    DiagonalScorer(rowCount: (rowCount + 1) / 2, columnCount: (columnCount + 1) / 2, scale: scale * 2)
  }
}

/// A problem whose half-resolution view misleads: at full resolution the best path skips
/// eight columns after row 20 (row r with column r + 8 from then on), while the halved
/// problem only knows the diagonal, so a corridor around its path misses the best one.
struct DetourScorer: BeadScorer {
  var rowCount = 60
  var columnCount = 68
  /// The halved problem: the diagonal alone is cheap.
  var coarse = false

  func cost(_ bead: Bead) -> Double {
    if bead.rows == 1, bead.columns == 1 {
      return bead.column == (bead.row < 20 || coarse ? bead.row : bead.row + 8) ? 0 : 5
    }
    if bead.rows == 0, bead.columns == 1, !coarse, (20..<28).contains(bead.column) { return 0 }
    return 5 * Double(bead.rows + bead.columns)
  }

  func halved() -> DetourScorer {
    DetourScorer(rowCount: (rowCount + 1) / 2, columnCount: (columnCount + 1) / 2, coarse: true)
  }
}

@Suite("Bead search")
struct BeadSearchTests {
  @Test("A mid-sized problem is searched in a corridor when the best path stays inside it")
  func corridorSearch() {
    let scorer = DiagonalScorer(rowCount: 60, columnCount: 60, scale: 1)
    let lattice = BeadSearch().align(scorer)
    #expect(lattice.corridor.nodeCount < 61 * 61 / 2)
    #expect(lattice.path.allSatisfy { $0.rows == 1 && $0.columns == 1 && $0.row == $0.column })
  }

  @Test("A best path pressed against the corridor's side is searched again in full, and found")
  func corridorRetry() {
    let scorer = DetourScorer()
    var full = BeadSearch()
    full.corridorLimit = .max
    let expected = full.align(scorer).path
    #expect(expected.map(scorer.cost).reduce(0, +) == 0)
    let lattice = BeadSearch().align(scorer)
    #expect(lattice.path == expected)
    #expect(lattice.corridor.nodeCount == 61 * 69)
  }

  @Test("Posteriors stay sharp when a path costs ten million (a document of a million paragraphs)")
  func posteriorsOnLongPaths() {
    let scorer = DiagonalScorer(rowCount: 400, columnCount: 400, scale: 25_000.3)
    let lattice = BeadSearch().align(scorer)
    #expect(lattice.path.count == 400)
    let posteriors = lattice.path.map { lattice.posterior($0, scorer) }
    #expect(posteriors.allSatisfy { $0 > 0.99 }, "lowest \(posteriors.min() ?? 0)")
  }

  @Test("A gate forces its row and column into one bead, and the rest stays optimal")
  func gateIsHonoured() {
    let scorer = DiagonalScorer(rowCount: 30, columnCount: 30, scale: 1)
    let lattice = BeadSearch().align(scorer, gates: [Gate(row: 10, column: 12)])
    let holding = lattice.path.filter { ($0.row..<($0.row + $0.rows)).contains(10) }
    #expect(holding.count == 1)
    let bead = holding[0]
    #expect((bead.column..<(bead.column + bead.columns)).contains(12))
    // Far from the gate the diagonal is untouched.
    #expect(lattice.path.prefix(5).allSatisfy { $0.rows == 1 && $0.columns == 1 && $0.row == $0.column })
    #expect(lattice.path.suffix(5).allSatisfy { $0.rows == 1 && $0.columns == 1 && $0.row == $0.column })
  }

  @Test("Gates hold through the half-resolution search of a long problem")
  func gatesInBandedSearch() {
    var search = BeadSearch()
    search.fullSearchLimit = 100  // force the coarse-to-fine search
    let scorer = DiagonalScorer(rowCount: 300, columnCount: 300, scale: 1)
    let gates = [Gate(row: 50, column: 53), Gate(row: 200, column: 197)]
    let lattice = search.align(scorer, gates: gates)
    for gate in gates {
      let bead = lattice.path.first { $0.rows > 0 && ($0.row..<($0.row + $0.rows)).contains(gate.row) }
      #expect(bead.map { ($0.column..<($0.column + $0.columns)).contains(gate.column) } == true, "\(gate)")
    }
    #expect(lattice.corridor.nodeCount < 301 * 301 / 4)
  }

  private static func segment(_ id: Int, _ text: String, _ script: Script) -> Segment {
    Segment(
      id: id, kind: .paragraph, text: text,
      range: SourceRange(
        file: "f", start: SourcePosition(line: id, column: 1), end: SourcePosition(line: id, column: 2)),
      script: script, positions: [])
  }

  /// Four English paragraphs and their Chinese translations in another order (1 ↔ 2).
  private static func evidence() -> (english: [EnglishEvidence], chinese: [ChineseEvidence]) {
    let english = [
      "Install the package with apt-get.", "Run systemctl to start it.", "Edit /etc/fstab next.",
      "Version 2024 removed apt-get.",
    ].enumerated().map { EnglishEvidence(segment($0.offset, $0.element, .latin), place: $0.offset) }
    let chinese = [
      "用 apt-get 安装软件包。", "编辑 /etc/fstab。", "运行 systemctl 来启动它。", "2024 版删除了 apt-get。",
    ].enumerated().map {
      ChineseEvidence(segment(10 + $0.offset, $0.element, .simplified), first: $0.offset, last: $0.offset)
    }
    return (english, chinese)
  }

  @Test("A bead costs the same whether pair evidence is kept in the flat table or the dictionary")
  func pairTableAndDictionaryAgree() {
    let (english, chinese) = Self.evidence()
    let flat = TranslationScorer(english: english, chinese: chinese, charactersPerHan: 3.5, adjacencyBonus: 0)
    var hashed = flat
    hashed.pairMatches = PairMatches(rows: english.count, columns: chinese.count, denseLimit: 0)
    for row in 0..<english.count {
      for column in 0..<chinese.count {
        for (rows, columns) in [(1, 1), (2, 1), (1, 2), (2, 2)]
        where row + rows <= english.count && column + columns <= chinese.count {
          let bead = Bead(row: row, rows: rows, column: column, columns: columns)
          #expect(flat.cost(bead) == hashed.cost(bead), "\(bead)")
        }
      }
    }
    // The shared anchors decide: systemctl's paragraph costs less with its translation.
    #expect(
      flat.cost(Bead(row: 1, rows: 1, column: 2, columns: 1)) < flat.cost(Bead(row: 1, rows: 1, column: 1, columns: 1)))
    #expect(
      flat.cost(Bead(row: 3, rows: 1, column: 3, columns: 1)) < flat.cost(Bead(row: 3, rows: 1, column: 0, columns: 1)))
  }

  @Test("Hard anchors: a word or number that exactly one paragraph on each side has; crossings dropped")
  func hardAnchors() {
    let (english, chinese) = Self.evidence()
    // apt and get are too short to count; systemctl (1 → 2) and fstab (2 → 1) cross, so
    // only one of them survives, with 2024 (3 → 3).
    let gates = HardAnchors.gates(english: english, chinese: chinese)
    #expect(gates.count == 2)
    #expect(gates.last == Gate(row: 3, column: 3))
    #expect(gates.first == Gate(row: 1, column: 2) || gates.first == Gate(row: 2, column: 1))
  }
}
