import SteadyModel
import SteadySignals
import Testing

@Suite("GoldenSignalTracker properties")
struct TrackerPropertyTests {
    /// Everything the simulated targets served.
    struct Truth {
        var requests = 0.0
        var errors = 0.0
        var latencies: [Double] = []
        var bucketCounts = [Double](repeating: 0, count: SimulatedTarget.bounds.count + 1)
    }

    static func latency(using generator: inout SeededGenerator) -> Double {
        // Mostly fast, a long tail, a few beyond the highest finite bucket.
        let u = Double.random(in: 0..<1, using: &generator)
        if u < 0.02 { return Double.random(in: 2.5..<10, using: &generator) }
        let x = Double.random(in: 0..<1, using: &generator)
        return x * x * x * 2
    }

    @Test(arguments: Array(UInt64(1)...UInt64(24)))
    func rollupTotalsEqualGeneratedCounts(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let targetCount = Int.random(in: 1...3, using: &generator)
        let names = (0..<targetCount).map { "10.0.0.\($0):8080" }
        var targets = [SimulatedTarget](repeating: SimulatedTarget(), count: targetCount)
        var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
        var truth = Truth()
        var stored: [WallInstant: SignalRollup] = [:]
        var now = TestTime.base
        var ingests = 0

        func scrape(_ index: Int) {
            let rollup = tracker.ingest(target: names[index], body: targets[index].body(using: &generator), at: now)
            stored[rollup.minute, default: SignalRollup(service: "checkout", minute: rollup.minute)].merge(rollup)
            ingests += 1
        }

        // Baselines before any traffic: no series exist yet.
        for index in targets.indices { scrape(index) }
        for _ in 0..<Int.random(in: 20...80, using: &generator) {
            now = now.advanced(by: .milliseconds(Int64.random(in: 1...40_000, using: &generator)))
            let index = Int.random(in: 0..<targetCount, using: &generator)
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let code = SimulatedTarget.codes.randomElement(using: &generator)!
                let latency = Self.latency(using: &generator)
                targets[index].serve(
                    method: SimulatedTarget.methods.randomElement(using: &generator)!, code: code, latency: latency)
                truth.requests += 1
                if code.hasPrefix("5") { truth.errors += 1 }
                truth.latencies.append(latency)
                for bucket in truth.bucketCounts.indices
                where bucket == SimulatedTarget.bounds.count || latency <= SimulatedTarget.bounds[bucket] {
                    truth.bucketCounts[bucket] += 1
                }
            }
            // Some scrapes fail (nothing is ingested); the next success catches up.
            guard Int.random(in: 0..<5, using: &generator) != 0 else { continue }
            scrape(index)
            // Occasionally the process restarts right after a scrape and is scraped again before serving.
            if Int.random(in: 0..<8, using: &generator) == 0 {
                targets[index].restart(eager: Bool.random(using: &generator))
                now = now.advanced(by: .seconds(1))
                scrape(index)
            }
        }
        // A last successful scrape of every target.
        now = now.advanced(by: .seconds(15))
        for index in targets.indices { scrape(index) }

        let rollups = Array(stored.values)
        let total = rollups.reduce(into: SignalRollup(service: "checkout", minute: TestTime.base)) { $0.merge($1) }
        #expect(total.requests == truth.requests, "seed \(seed)")
        #expect(total.errors == truth.errors, "seed \(seed)")
        #expect(total.latencyCount == truth.requests, "seed \(seed)")
        #expect(total.scrapes == ingests, "seed \(seed)")
        let expectedBuckets = zip(SimulatedTarget.bounds + [.infinity], truth.bucketCounts).map {
            LatencyBucket(upperBound: $0, count: $1)
        }
        if truth.requests > 0 {
            #expect(total.latencyBuckets == expectedBuckets, "seed \(seed)")
        }
        let trueSum = truth.latencies.reduce(0, +)
        #expect(abs(total.latencySum - trueSum) <= 1e-9 * Swift.max(1, trueSum), "seed \(seed)")

        // The query layer sees the same totals, and each quantile lies in the bucket holding the true quantile.
        let summary = SignalQuery.summary(of: rollups, start: TestTime.base, end: now.advanced(by: .seconds(60)))
        #expect(summary.requests == truth.requests, "seed \(seed)")
        #expect(summary.errors == truth.errors, "seed \(seed)")
        guard truth.requests > 0 else {
            #expect(summary.latencyP50 == nil)
            return
        }
        let sorted = truth.latencies.sorted()
        for (q, estimate) in [(0.5, summary.latencyP50), (0.95, summary.latencyP95), (0.99, summary.latencyP99)] {
            let value = try #require(estimate, "seed \(seed) q \(q)")
            let rank = Int((q * Double(sorted.count)).rounded(.up))
            let trueQuantile = sorted[Swift.max(rank, 1) - 1]
            if let bucket = SimulatedTarget.bounds.firstIndex(where: { trueQuantile <= $0 }) {
                let lower = bucket == 0 ? 0 : SimulatedTarget.bounds[bucket - 1]
                #expect(
                    value >= lower && value <= SimulatedTarget.bounds[bucket],
                    "seed \(seed) q \(q) true \(trueQuantile)")
            } else {
                #expect(value == SimulatedTarget.bounds.last!, "seed \(seed) q \(q) true \(trueQuantile)")
            }
        }
    }
}
