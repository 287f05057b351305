import Benchmark
import SteadyModel
import SteadySignals

/// Golden-signal tracking and querying. Registered from the benchmark entry point.
func signalBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        maxDuration: .seconds(5),
        maxIterations: 10_000
    )

    // A typical service: ~300 golden-signal series among 5,000 samples of runtime and business metrics.
    let typical = SignalBenchmarkBodies.scrapes(relevantShare: .typical, count: 16)
    Benchmark("GoldenSignalTracker.ingest 5k samples", configuration: configuration) { benchmark in
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        var instant = WallInstant(secondsSinceEpoch: 1_700_000_040)
        _ = tracker.ingest(target: "t", body: typical[0], at: instant)
        var index = 1
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            instant = instant.advanced(by: .seconds(15))
            blackHole(tracker.ingest(target: "t", body: typical[index], at: instant))
            index = (index + 1) % typical.count
        }
    }

    // Most samples feed a signal, and the error selector is a regular expression: the match cache at work.
    let dense = SignalBenchmarkBodies.scrapes(relevantShare: .all, count: 16)
    Benchmark("GoldenSignalTracker.ingest 5k samples, 3.6k golden-signal series", configuration: configuration) {
        benchmark in
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        var instant = WallInstant(secondsSinceEpoch: 1_700_000_040)
        _ = tracker.ingest(target: "t", body: dense[0], at: instant)
        var index = 1
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            instant = instant.advanced(by: .seconds(15))
            blackHole(tracker.ingest(target: "t", body: dense[index], at: instant))
            index = (index + 1) % dense.count
        }
    }

    // A day of rollups answered in 5-minute steps (a dashboard chart).
    let day = SignalBenchmarkBodies.rollups(minutes: 1440)
    let start = WallInstant(secondsSinceEpoch: 1_700_000_040)
    let end = start.advanced(by: .seconds(86_400))
    Benchmark("SignalQuery.signals 1 day of rollups, 5m steps", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SignalQuery.signals(from: day, start: start, end: end, step: .seconds(300)))
        }
    }

    let buckets = day[0].latencyBuckets
    Benchmark("SignalQuery.histogramQuantile 12 buckets", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SignalQuery.histogramQuantile(0.99, buckets: buckets))
        }
    }
}

/// Deterministic inputs for the signal benchmarks.
enum SignalBenchmarkBodies {
    enum Share { case typical, all }

    static let handlers = (0..<6).map { "/api/v1/endpoint\($0)" }
    static let methods = ["GET", "POST"]
    static let codes = ["200", "201", "400", "404", "500", "503"]
    static let bounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]

    /// `count` consecutive scrapes of one target with growing counters, about 5,000 samples each.
    static func scrapes(relevantShare: Share, count: Int) -> [ScrapeBody] {
        (0..<count).map { scrape in
            var samples: [Sample] = []
            let growth = Double(scrape) * 7
            let instances = relevantShare == .all ? 15 : 1
            for instance in 0..<instances {
                for handler in handlers {
                    for method in methods {
                        var labels = ["handler": handler, "method": method]
                        if instances > 1 { labels["pod"] = "pod-\(instance)" }
                        for (index, code) in codes.enumerated() {
                            var counterLabels = labels
                            counterLabels["code"] = code
                            samples.append(
                                Sample(
                                    name: "http_requests_total", labels: Labels(counterLabels),
                                    value: 1000 + growth * Double(index + 1)))
                        }
                        for (index, bound) in bounds.enumerated() {
                            var bucketLabels = labels
                            bucketLabels["le"] = bound
                            samples.append(
                                Sample(
                                    name: "http_request_duration_seconds_bucket", labels: Labels(bucketLabels),
                                    value: 100 * Double(index + 1) + growth * Double(index + 1)))
                        }
                        samples.append(
                            Sample(
                                name: "http_request_duration_seconds_sum", labels: Labels(labels), value: 50 + growth))
                        samples.append(
                            Sample(
                                name: "http_request_duration_seconds_count", labels: Labels(labels),
                                value: 1200 + growth * 12))
                    }
                }
            }
            var filler = 0
            while samples.count < 5_000 {
                samples.append(
                    Sample(
                        name: "app_metric_\(filler % 40)_total", labels: Labels(["shard": "\(filler / 40)"]),
                        value: Double(filler) + growth))
                filler += 1
            }
            return ScrapeBody(samples: samples)
        }
    }

    /// One rollup per minute with a 12-bucket latency histogram.
    static func rollups(minutes: Int) -> [SignalRollup] {
        let start = WallInstant(secondsSinceEpoch: 1_700_000_040)
        return (0..<minutes).map { minute in
            let scale = Double(minute % 17 + 1)
            let buckets = bounds.enumerated().map { index, bound in
                LatencyBucket(
                    upperBound: bound == "+Inf" ? .infinity : Double(bound)!, count: scale * Double(index + 1))
            }
            return SignalRollup(
                service: "checkout",
                minute: start.advanced(by: .seconds(60 * minute)),
                requests: scale * 12,
                errors: scale,
                latencyBuckets: buckets,
                latencySum: scale,
                latencyCount: scale * 12,
                saturationSum: 0.5 * 4,
                saturationMax: 0.7,
                saturationReadings: 4,
                scrapes: 4
            )
        }
    }
}
