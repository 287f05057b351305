import SteadyModel
import SteadySignals
import Testing

@Suite("GoldenSignalTracker latency and saturation")
struct GoldenSignalTrackerLatencyTests {
    let target = "127.0.0.1:8081"
    let family = "http_request_duration_seconds"

    @Test func bucketIncreasesAreSummedPerUpperBound() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        func body(_ get: [Double], _ post: [Double], getSum: Double, postSum: Double) -> ScrapeBody {
            var builder = ScrapeBuilder()
            builder.histogram(
                family, ["method": "GET"], buckets: zip([0.1, 0.5, .infinity], get).map { ($0, $1) }, sum: getSum)
            builder.histogram(
                family, ["method": "POST"], buckets: zip([0.1, 0.5, .infinity], post).map { ($0, $1) }, sum: postSum)
            return builder.body
        }
        _ = tracker.ingest(
            target: target, body: body([1, 2, 3], [0, 1, 1], getSum: 1, postSum: 0.3), at: TestTime.base)
        let rollup = tracker.ingest(
            target: target, body: body([5, 8, 10], [1, 4, 6], getSum: 3.5, postSum: 2.3), at: TestTime.at(seconds: 15))
        #expect(
            rollup.latencyBuckets == [
                LatencyBucket(upperBound: 0.1, count: 4 + 1),
                LatencyBucket(upperBound: 0.5, count: 6 + 3),
                LatencyBucket(upperBound: .infinity, count: 7 + 5),
            ])
        #expect(rollup.latencyCount == 12)
        #expect(abs(rollup.latencySum - 4.5) < 1e-12)
    }

    @Test func baselineScrapeHasNoBuckets() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        var builder = ScrapeBuilder()
        builder.histogram(family, buckets: [(0.1, 3), (.infinity, 4)], sum: 1)
        let rollup = tracker.ingest(target: target, body: builder.body, at: TestTime.base)
        #expect(rollup.latencyBuckets.isEmpty)
        #expect(rollup.latencyCount == 0)
    }

    @Test func idleScrapeKeepsTheBucketLayoutWithZeros() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        var builder = ScrapeBuilder()
        builder.histogram(family, buckets: [(0.1, 3), (.infinity, 4)], sum: 1)
        _ = tracker.ingest(target: target, body: builder.body, at: TestTime.base)
        let rollup = tracker.ingest(target: target, body: builder.body, at: TestTime.at(seconds: 15))
        #expect(rollup.latencyBuckets == [.init(upperBound: 0.1, count: 0), .init(upperBound: .infinity, count: 0)])
        #expect(SignalQuery.histogramQuantile(0.5, buckets: rollup.latencyBuckets) == nil)
    }

    @Test func differingBucketLayoutsMergeByUpperBound() {
        // Two targets running different versions with different buckets.
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        func body(_ bounds: [Double], _ counts: [Double]) -> ScrapeBody {
            var builder = ScrapeBuilder()
            builder.histogram(family, buckets: zip(bounds, counts).map { ($0, $1) }, sum: 0)
            return builder.body
        }
        _ = tracker.ingest(target: "a:1", body: body([0.1, 0.5, .infinity], [0, 0, 0]), at: TestTime.base)
        _ = tracker.ingest(target: "b:1", body: body([0.25, 0.5, 1, .infinity], [0, 0, 0, 0]), at: TestTime.base)
        var rollup = tracker.ingest(
            target: "a:1", body: body([0.1, 0.5, .infinity], [6, 8, 10]), at: TestTime.at(seconds: 15))
        rollup.merge(
            tracker.ingest(
                target: "b:1", body: body([0.25, 0.5, 1, .infinity], [2, 4, 9, 10]), at: TestTime.at(seconds: 16)))
        #expect(
            rollup.latencyBuckets == [
                LatencyBucket(upperBound: 0.1, count: 6),
                LatencyBucket(upperBound: 0.25, count: 2),
                LatencyBucket(upperBound: 0.5, count: 12),
                LatencyBucket(upperBound: 1, count: 9),
                LatencyBucket(upperBound: .infinity, count: 20),
            ])
        // Like Prometheus's sum by (le): the envelope makes 0.25 → 6 and 1 → 12; rank 10 lies in (0.25, 0.5]:
        // 0.25 + 0.25 × (10 − 6) / (12 − 6).
        let median = try! #require(SignalQuery.histogramQuantile(0.5, buckets: rollup.latencyBuckets))
        #expect(abs(median - (0.25 + 0.25 * 4 / 6)) < 1e-12)
    }

    @Test func histogramSelectorMatchersIgnoreLe() {
        let spec = GoldenSignalSpec(
            latency: Selectors.named(family, [("handler", .regexMatch, "/api/.*"), ("le", .equal, "")]))
        var tracker = GoldenSignalTracker(service: "checkout", spec: spec)
        func body(_ api: Double, _ health: Double) -> ScrapeBody {
            var builder = ScrapeBuilder()
            builder.histogram(family, ["handler": "/api/pay"], buckets: [(0.1, api), (.infinity, api)], sum: api)
            builder.histogram(
                family, ["handler": "/health"], buckets: [(0.1, health), (.infinity, health)], sum: health)
            return builder.body
        }
        _ = tracker.ingest(target: target, body: body(1, 1), at: TestTime.base)
        let rollup = tracker.ingest(target: target, body: body(4, 100), at: TestTime.at(seconds: 15))
        #expect(rollup.latencyBuckets == [.init(upperBound: 0.1, count: 3), .init(upperBound: .infinity, count: 3)])
        #expect(rollup.latencyCount == 3)
        #expect(rollup.latencySum == 3)
    }

    @Test func bucketsWithUnparsableLeAreIgnored() {
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        func body(_ value: Double) -> ScrapeBody {
            ScrapeBody(samples: [
                Sample(name: family + "_bucket", labels: Labels(["le": "0.5"]), value: value),
                Sample(name: family + "_bucket", labels: Labels(["le": "fast"]), value: value),
                Sample(name: family + "_bucket", labels: Labels(["le": "NaN"]), value: value),
                Sample(name: family + "_bucket", labels: Labels(), value: value),
                Sample(name: family + "_bucket", labels: Labels(["le": "+Inf"]), value: value),
            ])
        }
        _ = tracker.ingest(target: target, body: body(1), at: TestTime.base)
        let rollup = tracker.ingest(target: target, body: body(3), at: TestTime.at(seconds: 15))
        #expect(rollup.latencyBuckets == [.init(upperBound: 0.5, count: 2), .init(upperBound: .infinity, count: 2)])
        #expect(tracker.trackedSeriesCount(target: target) == 2)
    }

    @Test(arguments: [
        (GoldenSignalSpec.Aggregation.max, 0.75),
        (.avg, (0.25 + 0.75 + 0.5) / 3),
        (.sum, 1.5),
    ])
    func saturationAggregation(aggregation: GoldenSignalSpec.Aggregation, expected: Double) {
        let spec = GoldenSignalSpec(
            saturation: Selectors.named("pool_utilisation", [("pool", .notEqual, "ignored")]),
            saturationAggregation: aggregation)
        var tracker = GoldenSignalTracker(service: "checkout", spec: spec)
        var builder = ScrapeBuilder()
        builder.gauge("pool_utilisation", ["pool": "db"], 0.25)
        builder.gauge("pool_utilisation", ["pool": "http"], 0.75)
        builder.gauge("pool_utilisation", ["pool": "cache"], 0.5)
        builder.gauge("pool_utilisation", ["pool": "ignored"], 9)
        builder.gauge("pool_utilisation", ["pool": "broken"], .nan)
        // A reading is taken on the baseline scrape too: a gauge needs no previous value.
        let rollup = tracker.ingest(target: target, body: builder.body, at: TestTime.base)
        #expect(rollup.saturationReadings == 1)
        #expect(abs(rollup.saturationSum - expected) < 1e-12)
        #expect(rollup.saturationMax.map { abs($0 - expected) < 1e-12 } == true)
    }

    @Test func noSaturationReadingWithoutMatchingSeries() {
        let spec = GoldenSignalSpec(saturation: Selectors.named("pool_utilisation"))
        var tracker = GoldenSignalTracker(service: "checkout", spec: spec)
        var builder = ScrapeBuilder()
        builder.gauge("process_open_fds", [:], 10)
        let rollup = tracker.ingest(target: target, body: builder.body, at: TestTime.base)
        #expect(rollup.saturationReadings == 0)
        #expect(rollup.saturationMax == nil)
        #expect(rollup.saturationSum == 0)
    }

    @Test func saturationReadingsMergeAcrossScrapes() {
        let spec = GoldenSignalSpec(saturation: Selectors.named("inflight_ratio"))
        var tracker = GoldenSignalTracker(service: "checkout", spec: spec)
        var minute = SignalRollup(service: "checkout", minute: TestTime.base)
        for (index, value) in [0.2, 0.9, 0.4].enumerated() {
            var builder = ScrapeBuilder()
            builder.gauge("inflight_ratio", [:], value)
            minute.merge(
                tracker.ingest(target: target, body: builder.body, at: TestTime.at(seconds: Double(index) * 15)))
        }
        let signals = SignalQuery.summary(of: [minute], start: TestTime.base, end: TestTime.at(seconds: 60))
        #expect(minute.saturationReadings == 3)
        #expect(signals.saturationMax == 0.9)
        #expect(signals.saturation.map { abs($0 - 0.5) < 1e-12 } == true)
    }
}
