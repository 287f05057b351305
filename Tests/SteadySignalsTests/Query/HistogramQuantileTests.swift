import SteadyModel
import SteadySignals
import Testing

@Suite("SignalQuery.histogramQuantile")
struct HistogramQuantileTests {
    static func buckets(_ pairs: [(Double, Double)]) -> [LatencyBucket] {
        pairs.map { LatencyBucket(upperBound: $0.0, count: $0.1) }
    }

    /// 10 observations ≤ 0.1, 20 in (0.1, 0.5], 10 in (0.5, 1], 10 above 1.
    static let standard = buckets([(0.1, 10), (0.5, 30), (1, 40), (.infinity, 50)])

    @Test(arguments: [
        (0.1, 0.05),  // rank 5 in the lowest bucket: 0 + 0.1 × 5/10
        (0.5, 0.4),  // rank 25: 0.1 + 0.4 × 15/20
        (0.8, 1.0),  // rank 40 exactly at the top of (0.5, 1]
        (0.7, 0.75),  // rank 35: 0.5 + 0.5 × 5/10
        (0.95, 1.0),  // rank 47.5 in +Inf: the highest finite bound
        (1.0, 1.0),  // rank 50 in +Inf
        (0.0, 0.0),  // rank 0 in the lowest bucket: its lower bound 0
    ])
    func interpolation(q: Double, expected: Double) throws {
        let value = try #require(SignalQuery.histogramQuantile(q, buckets: Self.standard))
        #expect(abs(value - expected) < 1e-12)
    }

    @Test func outOfRangeQuantiles() {
        #expect(SignalQuery.histogramQuantile(-0.01, buckets: Self.standard) == -.infinity)
        #expect(SignalQuery.histogramQuantile(1.01, buckets: Self.standard) == .infinity)
        #expect(SignalQuery.histogramQuantile(.nan, buckets: Self.standard) == nil)
        // Prometheus checks q before looking at the observations.
        let empty = Self.buckets([(0.1, 0), (.infinity, 0)])
        #expect(SignalQuery.histogramQuantile(-1, buckets: empty) == -.infinity)
        #expect(SignalQuery.histogramQuantile(2, buckets: empty) == .infinity)
    }

    @Test func unsortedInputIsSorted() {
        let shuffled = [Self.standard[2], Self.standard[3], Self.standard[0], Self.standard[1]]
        #expect(
            SignalQuery.histogramQuantile(0.5, buckets: shuffled)
                == SignalQuery.histogramQuantile(0.5, buckets: Self.standard))
        #expect(abs(SignalQuery.histogramQuantile(0.5, buckets: shuffled)! - 0.4) < 1e-12)
    }

    @Test func equalUpperBoundsAreAdded() {
        // Two series of the same histogram, unsummed.
        let split = Self.buckets([(0.5, 12), (0.1, 5), (.infinity, 20), (0.1, 5), (0.5, 18), (.infinity, 30)])
        let value = try! #require(SignalQuery.histogramQuantile(0.5, buckets: split))
        #expect(abs(value - 0.4) < 1e-12)
    }

    @Test func nonMonotonicCountsUseTheEnvelope() {
        // 0.5 → 8 is raised to 10 (and the +Inf bucket to 20).
        let broken = Self.buckets([(0.1, 10), (0.5, 8), (1, 20), (.infinity, 20)])
        // rank 15 in (0.5, 1] with counts 10 → 20: 0.5 + 0.5 × 5/10. Without the fix it would be 0.5 + 0.5 × 7/12.
        #expect(abs(SignalQuery.histogramQuantile(0.75, buckets: broken)! - 0.75) < 1e-12)
        // rank 10 is reached by the lowest bucket.
        #expect(abs(SignalQuery.histogramQuantile(0.5, buckets: broken)! - 0.1) < 1e-12)
        // A +Inf count below a finite bucket's is raised too: the total is 20, not 15.
        let lowInf = Self.buckets([(0.1, 10), (1, 20), (.infinity, 15)])
        #expect(abs(SignalQuery.histogramQuantile(0.25, buckets: lowInf)! - 0.05) < 1e-12)
    }

    @Test func nonPositiveLowestBucket() {
        let negative = Self.buckets([(-1, 5), (0, 8), (1, 10), (.infinity, 10)])
        // rank 2 in the lowest bucket, whose upper bound ≤ 0: that bound is returned.
        #expect(SignalQuery.histogramQuantile(0.2, buckets: negative) == -1)
        // rank 7 in (-1, 0]: -1 + 1 × 2/3.
        #expect(abs(SignalQuery.histogramQuantile(0.7, buckets: negative)! - (-1 + 2.0 / 3)) < 1e-12)
        let zero = Self.buckets([(0, 4), (1, 8), (.infinity, 8)])
        #expect(SignalQuery.histogramQuantile(0.25, buckets: zero) == 0)
        // rank 6 in (0, 1]: 0 + 1 × 2/4.
        #expect(abs(SignalQuery.histogramQuantile(0.75, buckets: zero)! - 0.5) < 1e-12)
    }

    @Test func everythingInTheInfBucket() {
        let slow = Self.buckets([(0.1, 0), (0.25, 0), (.infinity, 10)])
        #expect(SignalQuery.histogramQuantile(0.5, buckets: slow) == 0.25)
        #expect(SignalQuery.histogramQuantile(0.01, buckets: slow) == 0.25)
    }

    @Test func quantileZeroWithAnEmptyLowestBucketIsNaN() {
        // Prometheus computes 0 + 0.1 × (0/0) = NaN here.
        let buckets = Self.buckets([(0.1, 0), (1, 5), (.infinity, 5)])
        #expect(SignalQuery.histogramQuantile(0, buckets: buckets) == nil)
        #expect(SignalQuery.histogramQuantile(0.2, buckets: buckets) != nil)
    }

    @Test func undefinedCasesAreNil() {
        // No buckets at all.
        #expect(SignalQuery.histogramQuantile(0.5, buckets: []) == nil)
        // Fewer than two buckets.
        #expect(SignalQuery.histogramQuantile(0.5, buckets: Self.buckets([(.infinity, 10)])) == nil)
        #expect(SignalQuery.histogramQuantile(0.5, buckets: Self.buckets([(.infinity, 4), (.infinity, 6)])) == nil)
        // No +Inf bucket.
        #expect(SignalQuery.histogramQuantile(0.5, buckets: Self.buckets([(0.1, 1), (1, 2)])) == nil)
        // No observations.
        #expect(SignalQuery.histogramQuantile(0.5, buckets: Self.buckets([(0.1, 0), (.infinity, 0)])) == nil)
    }

    @Test func resultsAreMonotonicInQ() {
        var previous = -Double.infinity
        for step in 0...100 {
            let value = try! #require(SignalQuery.histogramQuantile(Double(step) / 100, buckets: Self.standard))
            #expect(value >= previous)
            previous = value
        }
    }
}
