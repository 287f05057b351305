import Foundation
public import SteadyModel

/// Synthetic history for the demo, so charts and budgets have days of data from the first minute: a daily traffic
/// curve, a short error incident two days ago and a latency regression yesterday. Deterministic (seeded).
public enum DemoBackfill {
    /// The settings key recording how far history was backfilled.
    public static let settingKey = "demo.backfilled_until_ns"

    /// Writes rollups for each minute in `[end − days, end)` that is not already covered by an earlier backfill.
    /// Returns the number of minutes written.
    @discardableResult
    public static func run(
        store: any SteadyStore,
        service: String,
        end: WallInstant,
        days: Int,
        slos: [SLOSpec] = [],
        seed: UInt64 = 0x5EED
    ) async throws -> Int {
        let endMinute = end.minuteFloor
        var start = endMinute.advanced(by: .seconds(-86_400 * Int64(days)))
        if let previous = try await store.setting(settingKey), let nanos = Int64(previous) {
            start = max(start, WallInstant(nanosecondsSinceEpoch: nanos))
        }
        guard start < endMinute else { return 0 }
        var generator = SplitMix64(seed: seed ^ UInt64(bitPattern: start.nanosecondsSinceEpoch))
        var batch: [SignalRollup] = []
        var sli: [SLIBucket] = []
        var written = 0
        var minute = start
        while minute < endMinute {
            let rollup = rollup(service: service, minute: minute, end: endMinute, generator: &generator)
            batch.append(rollup)
            sli.append(contentsOf: slos.compactMap { sliBucket($0, from: rollup) })
            minute = minute.advanced(by: .seconds(60))
            if batch.count == 720 {
                try await store.mergeRollups(batch)
                try await store.mergeSLIBuckets(sli)
                written += batch.count
                batch.removeAll(keepingCapacity: true)
                sli.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty {
            try await store.mergeRollups(batch)
            try await store.mergeSLIBuckets(sli)
            written += batch.count
        }
        try await store.setSetting(settingKey, String(endMinute.nanosecondsSinceEpoch))
        return written
    }

    static func rollup(
        service: String, minute: WallInstant, end: WallInstant, generator: inout SplitMix64
    )
        -> SignalRollup
    {
        let hoursAgo = minute.duration(to: end).seconds / 3600
        let hourOfDay = (minute.secondsSinceEpoch / 3600).truncatingRemainder(dividingBy: 24)
        // Daily curve: quiet at 04:00 UTC, busy at 16:00 UTC; 2–10 requests per second.
        let rate = 6 + 4 * sin((hourOfDay - 10) / 24 * 2 * .pi) + generator.nextGaussian() * 0.4
        let requests = max(0, (rate * 60).rounded())
        var errorRate = 0.0004
        var medianLatency = 0.035
        if (46.0...46.4).contains(hoursAgo) { errorRate = 0.12 }  // a 25-minute incident two days ago
        if (20.0...20.7).contains(hoursAgo) { medianLatency = 0.22 }  // a slow deploy yesterday
        let errors = min(
            requests, max(0, (requests * errorRate + generator.nextGaussian() * sqrt(requests * errorRate)).rounded()))
        var buckets: [LatencyBucket] = []
        var sum = 0.0
        for bound in DemoConfiguration.latencyBuckets {
            let share = logNormalCDF(bound, median: medianLatency, sigma: 0.7)
            buckets.append(LatencyBucket(upperBound: bound, count: (requests * share).rounded()))
        }
        buckets.append(LatencyBucket(upperBound: .infinity, count: requests))
        sum = requests * medianLatency * exp(0.7 * 0.7 / 2)
        let saturation = min(1, max(0, rate / 40 + generator.nextGaussian() * 0.02))
        return SignalRollup(
            service: service, minute: minute, requests: requests, errors: errors, latencyBuckets: buckets,
            latencySum: sum, latencyCount: requests, saturationSum: saturation * 6, saturationMax: saturation * 1.2,
            saturationReadings: 6, scrapes: 6)
    }

    /// The SLI bucket an SLO of the demo service would have recorded for this minute.
    static func sliBucket(_ slo: SLOSpec, from rollup: SignalRollup) -> SLIBucket? {
        switch slo.sli {
        case .ratio:
            return SLIBucket(
                slo: slo.id, minute: rollup.minute, good: rollup.requests - rollup.errors, total: rollup.requests)
        case .latency(_, let threshold):
            guard let good = rollup.latencyBuckets.first(where: { abs($0.upperBound - threshold) < 1e-9 }) else {
                return nil
            }
            return SLIBucket(slo: slo.id, minute: rollup.minute, good: good.count, total: rollup.requests)
        case .availability, .raw:
            return nil
        }
    }

    static func logNormalCDF(_ x: Double, median: Double, sigma: Double) -> Double {
        0.5 * erfc(-(log(x) - log(median)) / (sigma * 2.0.squareRoot()))
    }
}
