// swift-tools-version:6.1
// Benchmarks live in their own package so that `swift test` and users of ParallelText
// never build the benchmark dependencies. Run: `cd Benchmarks && swift package benchmark`.
import PackageDescription

/// A benchmark executable over ParallelText in `Benchmarks/NAME`.
func benchmark(_ name: String) -> Target {
  .executableTarget(
    name: name,
    dependencies: [
      .product(name: "ParallelText", package: "ParallelText"),
      .product(name: "Benchmark", package: "benchmark"),
    ],
    path: "Benchmarks/\(name)",
    plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
  )
}

let package = Package(
  name: "ParallelTextBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "ParallelText", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // The aligner at 10k, 100k and 1M paragraphs.
    benchmark("AlignmentBenchmark"),
    // Each stage on a megabyte of real statements: MB/s and allocations per MB.
    benchmark("StageBenchmarks"),
  ]
)
