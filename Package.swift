// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "ParallelText",
  products: [
    .library(name: "ParallelText", targets: ["ParallelText"]),
    .executable(name: "align", targets: ["align"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CICU",
      pkgConfig: "icu-i18n",
      providers: [.apt(["libicu-dev"])]
    ),
    .target(name: "CICUShim", dependencies: ["CICU"]),
    .target(name: "CThreads"),
    .target(name: "CUTF8"),
    .target(
      name: "ParallelText",
      dependencies: ["CICUShim", "CThreads", "CUTF8"],
      resources: [.copy("Resources/OpenCC"), .copy("Resources/Lexicon"), .copy("Resources/ICU")]
    ),
    .executableTarget(
      name: "align",
      dependencies: [
        "ParallelText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ParallelTextTests",
      dependencies: ["ParallelText", "align"]
    ),
  ]
)
