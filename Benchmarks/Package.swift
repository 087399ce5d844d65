// swift-tools-version:6.1
// Benchmarks live in their own package so that `swift test` and users of ParallelText
// never build the benchmark dependencies. Run: `cd Benchmarks && swift package benchmark`.
import PackageDescription

let package = Package(
  name: "ParallelTextBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "ParallelText", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "AlignmentBenchmark",
      dependencies: [
        .product(name: "ParallelText", package: "ParallelText"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/AlignmentBenchmark",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
    .executableTarget(
      name: "StageBenchmarks",
      dependencies: [
        .product(name: "ParallelText", package: "ParallelText"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/StageBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
