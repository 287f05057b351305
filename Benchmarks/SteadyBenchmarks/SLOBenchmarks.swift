import Benchmark
import SteadyModel
import SteadySLO

/// SLO evaluation at scale. Registered from the benchmark entry point.
func sloBenchmarks() {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10),
        maxIterations: 50
    )

    // 10,000 SLOs with the default tiers: 7 alert windows (5m … 3d) plus the 30-day period = 8 windows each, over
    // four hours of per-minute history, healthy (no alert firing). One tick = one new bucket per SLO, then every SLO
    // evaluated.
    let count = 10_000
    Benchmark("SLOEngine tick, 10k SLOs x 8 windows", configuration: configuration) { benchmark in
        let total = try! SeriesSelector(parsing: "http_requests_total")
        let errors = try! SeriesSelector(parsing: #"http_requests_total{code=~"5.."}"#)
        let slos = (0..<count).map { index in
            SLOSpec(
                name: "slo\(index)", service: "service\(index / 10)", objective: 99.9,
                sli: .ratio(errors: errors, good: nil, total: total))
        }
        var engine = SLOEngine(slos: slos)
        var minute = WallInstant(secondsSinceEpoch: 1_767_225_600)
        var random = SplitMix64(seed: 1)
        for _ in 0..<240 {
            for slo in slos {
                let events = Double(Int.random(in: 500...1500, using: &random))
                let errors = Double(Int.random(in: 0...1, using: &random))
                engine.record(SLIBucket(slo: slo.id, minute: minute, good: events - errors, total: events))
            }
            minute = minute.advanced(by: .seconds(60))
        }
        _ = engine.evaluate(at: minute)
        let ids = slos.map(\.id)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            minute = minute.advanced(by: .seconds(60))
            for id in ids {
                engine.record(SLIBucket(slo: id, minute: minute, good: 9999, total: 10_000))
            }
            blackHole(engine.evaluate(at: minute))
        }
    }
}
