import Foundation
import SteadyModel
import SteadySignals
import Testing

/// Compares ``SignalQuery/histogramQuantile(_:buckets:)`` with Prometheus itself, through `promtool test rules`.
/// CI installs the `prometheus` package, so there the test always runs and fails if promtool is missing.
@Suite("histogram_quantile against promtool")
struct HistogramQuantileDifferentialTests {
    static let quantiles: [Double] = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 1, -0.5, 1.5]

    static func group(_ pairs: [(String, Double)]) -> [(le: String, count: Double)] {
        pairs.map { (le: $0.0, count: $0.1) }
    }

    /// Hand-picked layouts covering every special case, then random ones.
    static func bucketSets() -> [[[(le: String, count: Double)]]] {
        var sets: [[[(le: String, count: Double)]]] = [
            // Prometheus client default buckets.
            [
                group([
                    ("0.005", 3), ("0.01", 9), ("0.025", 20), ("0.05", 41), ("0.1", 77), ("0.25", 130), ("0.5", 171),
                    ("1", 190), ("2.5", 197), ("5", 199), ("10", 200), ("+Inf", 203),
                ])
            ],
            // Non-monotonic counts, including the +Inf bucket.
            [group([("0.1", 10), ("0.5", 8), ("1", 20), ("+Inf", 15)])],
            // Negative and zero bounds.
            [group([("-1", 5), ("0", 8), ("1", 10), ("+Inf", 10)])],
            [group([("0", 4), ("1", 8), ("+Inf", 8)])],
            // Equal bounds written differently are one bucket.
            [group([("0.1", 2), ("0.10", 3), ("1e-05", 1), ("0.00001", 1), ("+Inf", 9)])],
            // Everything above the highest finite bound; an empty lowest bucket (q = 0 is 0/0).
            [group([("0.1", 0), ("0.25", 0), ("+Inf", 10)])],
            [group([("0.1", 0), ("1", 5), ("+Inf", 5)])],
            // No observations; a single bucket; no +Inf bucket.
            [group([("0.1", 0), ("+Inf", 0)])],
            [group([("+Inf", 10)])],
            [group([("0.1", 1), ("1", 2)])],
            // Fractional counts, as rates produce.
            [group([("0.2", 0.75), ("0.4", 2.5), ("0.8", 3.125), ("+Inf", 3.3)])],
            // Two histograms with different layouts summed by le.
            [
                group([("0.1", 6), ("0.5", 8), ("+Inf", 10)]),
                group([("0.25", 2), ("0.5", 4), ("1", 9), ("+Inf", 10)]),
            ],
            [
                group([("0.005", 0), ("0.05", 3), ("0.5", 7), ("+Inf", 7)]),
                group([("0.01", 1), ("0.1", 4), ("1", 5), ("+Inf", 12)]),
                group([("0.05", 2), ("0.5", 2), ("+Inf", 2)]),
            ],
        ]
        var generator = SeededGenerator(seed: 0x5EED)
        let pool: [Double] = [
            -0.5, 0, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 2, 2.5, 5, 10, 60,
        ]
        for _ in 0..<20 {
            let groupCount = Int.random(in: 1...3, using: &generator)
            var groups: [[(le: String, count: Double)]] = []
            for _ in 0..<groupCount {
                let bounds = pool.shuffled(using: &generator).prefix(Int.random(in: 1...10, using: &generator)).sorted()
                var cumulative = 0.0
                var series: [(le: String, count: Double)] = []
                for bound in bounds + [.infinity] {
                    cumulative += Double(Int.random(in: 0...20, using: &generator))
                    var count = cumulative
                    // Now and then a count below its predecessor.
                    if Int.random(in: 0..<10, using: &generator) == 0 { count = max(0, count - 25) }
                    series.append((le: bound == .infinity ? "+Inf" : "\(bound)", count: count))
                }
                if Int.random(in: 0..<20, using: &generator) == 0 { series.removeLast() }  // no +Inf
                groups.append(series)
            }
            sets.append(groups)
        }
        return sets
    }

    static func agree(_ steady: Double?, _ prometheus: Double) -> Bool {
        guard let steady else { return prometheus.isNaN }
        if steady == prometheus { return true }
        guard steady.isFinite, prometheus.isFinite else { return false }
        return abs(steady - prometheus) <= 1e-9 * max(abs(steady), abs(prometheus))
    }

    @Test(.enabled(if: Promtool.isAvailable || ProcessInfo.processInfo.environment["CI"] != nil))
    func histogramQuantileMatchesPrometheus() async throws {
        let promtool = try #require(Promtool.path, "promtool not on PATH: install the prometheus package")
        var cases: [QuantileCase] = []
        for set in Self.bucketSets() {
            for q in Self.quantiles { cases.append(QuantileCase(groups: set, q: q)) }
        }
        let steady = cases.map { SignalQuery.histogramQuantile($0.q, buckets: $0.steadyBuckets) }
        // A control: a deliberately wrong expectation proves promtool evaluated the file and the output parses.
        let control = 3  // default buckets, q = 0.5
        var expected = steady
        expected[control] = steady[control]! + 1

        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("steady-signals-promtool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("histogram_quantile_test.yml")
        try RuleTestFile.render(cases: cases, expected: expected).write(to: file, atomically: true, encoding: .utf8)

        let result = try await Promtool.run(
            promtool, arguments: ["test", "rules", file.lastPathComponent], in: directory, timeout: .seconds(60))
        try #require(result.status == 1 && result.output.contains("FAILED"), "promtool: \(result.output)")
        let failures = RuleTestFile.failures(in: result.output)

        let controlExpression = cases[control].expression(metric: RuleTestFile.metric(control))
        let controlGot = try #require(failures[controlExpression] ?? nil, "control missing: \(result.output)")
        #expect(Self.agree(steady[control], controlGot))

        var compared = 0
        for (index, quantileCase) in cases.enumerated() where index != control {
            let expression = quantileCase.expression(metric: RuleTestFile.metric(index))
            guard let got = failures[expression] else {
                // promtool found exactly the value Steady computed.
                #expect(steady[index]?.isNaN == false, "\(expression)")
                compared += 1
                continue
            }
            let value = try #require(got, "unparsable promtool result for \(expression): \(result.output)")
            #expect(
                Self.agree(steady[index], value),
                "\(expression) over \(quantileCase.groups): Steady \(String(describing: steady[index])), Prometheus \(value)"
            )
            compared += 1
        }
        #expect(compared == cases.count - 1)
        // The special cases were really exercised.
        #expect(
            steady.contains { $0 == nil } && steady.contains { $0 == .infinity } && steady.contains { $0 == -.infinity }
        )
    }
}
