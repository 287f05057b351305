// swift-tools-version: 6.1
import PackageDescription

import class Foundation.ProcessInfo

let upcoming: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

var package = Package(
    name: "steady",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "steady", targets: ["steady"]),
        .executable(name: "steady-demo-service", targets: ["steady-demo-service"]),
        .library(name: "SteadyModel", targets: ["SteadyModel"]),
        .library(name: "SteadyExposition", targets: ["SteadyExposition"]),
        .library(name: "SteadyTesting", targets: ["SteadyTesting"]),
        .library(name: "Resilience", targets: ["Resilience"]),
        .library(name: "ResilienceMetrics", targets: ["ResilienceMetrics"]),
        .library(name: "SteadyHummingbird", targets: ["SteadyHummingbird"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // Leaf model module: value types, storage protocols, clocks. No dependencies.
        .target(name: "SteadyModel", swiftSettings: upcoming),
        // Prometheus text exposition 0.0.4 and OpenMetrics 1.0 parser.
        .target(name: "SteadyExposition", dependencies: ["SteadyModel"], swiftSettings: upcoming),
        // steady.yml → model, with file:line:column errors.
        .target(
            name: "SteadyConfig",
            dependencies: ["SteadyModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: upcoming
        ),
        // Storage implementation (SQLite today, PostgreSQL later) behind the model's storage protocols.
        .target(
            name: "SteadyStorage",
            dependencies: [
                "SteadyModel",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // Standalone resilience library for Swift services: no Steady or NIO dependency.
        .target(name: "Resilience", swiftSettings: upcoming),
        // swift-metrics adapter for Resilience's events (breaker states, rejections, retries).
        .target(
            name: "ResilienceMetrics",
            dependencies: ["Resilience", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: upcoming
        ),
        // Hummingbird 2 middleware: golden signals, request ids, admission control, deadlines, health, fault routes.
        .target(
            name: "SteadyHummingbird",
            dependencies: [
                "Resilience", "ResilienceMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // SLO engine: SLI buckets, windows, budgets, burn-rate alerts, rule export, slo test runner.
        .target(name: "SteadySLO", dependencies: ["SteadyModel"], swiftSettings: upcoming),
        // Alert pipeline: fingerprints, the routing tree (Alertmanager semantics); intake, silences and inhibition next.
        .target(
            name: "SteadyAlerting",
            dependencies: ["SteadyModel", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: upcoming),
        // Notification integrations: webhook (Alertmanager v4 payload), Slack, PagerDuty Events v2, email over SMTP,
        // templates.
        .target(
            name: "SteadyNotify",
            dependencies: [
                "SteadyModel", "Resilience",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // Heartbeats (Healthchecks ping format, cron schedules), HTTP/TCP probes with TLS expiry, the watchdog.
        .target(
            name: "SteadyProbes",
            dependencies: [
                "SteadyModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // Golden signals: counter deltas, histogram quantiles, 1-minute rollups.
        .target(name: "SteadySignals", dependencies: ["SteadyModel"], swiftSettings: upcoming),
        // Scrape loops over HTTP.
        .target(
            name: "SteadyScrape",
            dependencies: [
                "SteadyModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // HTTP API and auth.
        .target(
            name: "SteadyAPI",
            dependencies: [
                "SteadyModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        // The "checkout" demo service.
        .target(
            name: "SteadyDemoService",
            dependencies: [
                "Resilience", "SteadyHummingbird",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: upcoming
        ),
        // Wiring: config → ServiceGroup.
        .target(
            name: "SteadyServer",
            dependencies: [
                "SteadyModel", "SteadyConfig", "SteadyStorage", "SteadySignals", "SteadyScrape", "SteadyAPI",
                "SteadyDemoService", "SteadyExposition", "SteadySLO", "SteadyAlerting", "SteadyNotify", "SteadyProbes",
                "Resilience", "SteadyHummingbird",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "SteadyCLI",
            dependencies: [
                "SteadyModel", "SteadyConfig", "SteadyServer", "SteadyStorage", "SteadyAPI", "SteadyDemoService",
                "SteadySLO", "SteadyAlerting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),
        .target(
            name: "SteadyTesting",
            dependencies: ["SteadyModel"],
            swiftSettings: upcoming
        ),
        .executableTarget(name: "steady", dependencies: ["SteadyCLI"], swiftSettings: upcoming),
        // Open-loop HTTP load generator for scripts/bench (loopback only).
        .executableTarget(
            name: "steady-loadgen",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: upcoming
        ),
        .executableTarget(
            name: "steady-demo-service",
            dependencies: [
                "SteadyDemoService",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcoming
        ),

        .testTarget(name: "SteadyModelTests", dependencies: ["SteadyModel", "SteadyTesting"], swiftSettings: upcoming),
        .testTarget(
            name: "SteadyExpositionTests",
            dependencies: ["SteadyExposition", "SteadyModel"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcoming
        ),
        .testTarget(name: "ResilienceTests", dependencies: ["Resilience"], swiftSettings: upcoming),
        .testTarget(
            name: "ResilienceMetricsTests",
            dependencies: ["ResilienceMetrics", "Resilience", .product(name: "Metrics", package: "swift-metrics")],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyHummingbirdTests",
            dependencies: [
                "SteadyHummingbird", "Resilience", "ResilienceMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyAlertingTests",
            dependencies: ["SteadyAlerting", "SteadyModel", "SteadyConfig"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyNotifyTests",
            dependencies: [
                "SteadyNotify", "SteadyModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyProbesTests",
            dependencies: [
                "SteadyProbes", "SteadyModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadySLOTests",
            dependencies: ["SteadySLO", "SteadyModel", "SteadyTesting"],
            swiftSettings: upcoming
        ),
        .testTarget(name: "SteadyConfigTests", dependencies: ["SteadyConfig", "SteadyModel"], swiftSettings: upcoming),
        .testTarget(
            name: "SteadyStorageTests",
            dependencies: ["SteadyStorage", "SteadyModel", "SteadyTesting"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadySignalsTests",
            dependencies: ["SteadySignals", "SteadyModel", "SteadyTesting"],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyScrapeTests",
            dependencies: [
                "SteadyScrape", "SteadyModel", "SteadyTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyAPITests",
            dependencies: [
                "SteadyAPI", "SteadyModel", "SteadyTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyDemoServiceTests",
            dependencies: [
                "SteadyDemoService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
        .testTarget(
            name: "SteadyIntegrationTests",
            dependencies: [
                "SteadyServer", "SteadyCLI", "SteadyModel", "SteadyTesting", "SteadyDemoService", "SteadyScrape",
                "SteadyExposition", "SteadyAPI", "SteadyStorage", "SteadyConfig", "SteadySLO",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: upcoming
        ),
    ]
)

// Benchmarks (ordo-one/benchmark) are opt-in: STEADY_ENABLE_BENCHMARKS=1 swift package benchmark
if ProcessInfo.processInfo.environment["STEADY_ENABLE_BENCHMARKS"] == "1" {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"])
    )
    package.targets.append(
        .executableTarget(
            name: "SteadyBenchmarks",
            dependencies: [
                "SteadyExposition", "SteadyModel", "SteadySignals", "SteadySLO",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SteadyBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "ResilienceBenchmarks",
            dependencies: ["Resilience", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/ResilienceBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}
