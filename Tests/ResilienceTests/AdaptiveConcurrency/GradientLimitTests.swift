import Resilience
import Testing

@Suite("GradientLimit")
struct GradientLimitTests {
    @Test("limit converges up to the maximum while latency stays low and the caller is busy")
    func convergesUpUnderLowLatency() {
        var gradient = GradientLimit(.init(initialLimit: 20, minLimit: 5, maxLimit: 100))
        var previous = gradient.limit
        for _ in 0..<400 {
            let limit = gradient.update(rtt: .milliseconds(10), inFlight: gradient.limit)
            #expect(limit >= previous)
            previous = limit
        }
        #expect(gradient.limit == 100)
    }

    @Test("each stable sample grows the estimate by smoothing × queueSize")
    func stableGrowthStep() {
        var gradient = GradientLimit(.init(initialLimit: 20, minLimit: 5, maxLimit: 100, smoothing: 0.2))
        gradient.update(rtt: .milliseconds(10), inFlight: 20)
        // gradient = 1 → new = 20 + 4; smoothed = 20 × 0.8 + 24 × 0.2 = 20.8
        #expect(abs(gradient.estimatedLimit - 20.8) < 1e-9)
    }

    @Test("limit converges down while latency keeps rising")
    func convergesDownUnderRisingLatency() {
        var gradient = GradientLimit(.init(initialLimit: 100, minLimit: 5, maxLimit: 200))
        for _ in 0..<50 { gradient.update(rtt: .milliseconds(10), inFlight: gradient.limit) }
        let before = gradient.limit
        var rtt = 10.0
        for _ in 0..<200 {
            rtt *= 1.05
            gradient.update(rtt: .milliseconds(Int64(rtt)), inFlight: gradient.limit)
        }
        #expect(gradient.limit < before / 4)
        #expect(gradient.shortRTT > gradient.longRTT)
    }

    @Test("a limit with latency far above the long-term average shrinks by at most half per estimate")
    func gradientIsClampedAtHalf() {
        var gradient = GradientLimit(
            .init(initialLimit: 100, minLimit: 1, maxLimit: 200, smoothing: 1, warmupSamples: 1))
        gradient.update(rtt: .milliseconds(10), inFlight: 100)  // long = 10 ms, limit = 100 + 4
        let before = gradient.estimatedLimit
        gradient.update(rtt: .seconds(10), inFlight: 100)
        // gradient clamps to 0.5 → new = before × 0.5 + 4
        #expect(abs(gradient.estimatedLimit - (before * 0.5 + 4)) < 1e-6)
    }

    @Test("the limit does not grow while the caller is app-limited")
    func appLimitedDoesNotGrow() {
        var gradient = GradientLimit(.init(initialLimit: 40, minLimit: 5, maxLimit: 100))
        for _ in 0..<100 { gradient.update(rtt: .milliseconds(10), inFlight: 3) }
        #expect(gradient.limit == 40)
    }

    @Test("the long-term RTT decays quickly when latency drops after an overload")
    func longRTTRecovers() {
        var gradient = GradientLimit(.init(initialLimit: 20, minLimit: 5, maxLimit: 100, warmupSamples: 1))
        gradient.update(rtt: .milliseconds(500), inFlight: 20)
        #expect(abs(gradient.longRTT - 0.5) < 1e-9)
        for _ in 0..<30 { gradient.update(rtt: .milliseconds(10), inFlight: 20) }
        // Exponential smoothing alone over 600 samples would keep it near 0.49 s.
        #expect(gradient.longRTT < 0.05)
    }

    @Test(
        "queue size functions",
        arguments: [
            (GradientLimit.QueueSize.fixed(4), 100.0, 4.0), (.squareRoot, 100, 10), (.squareRoot, 2, 1),
            (.log10Root, 1000, 3), (.log10Root, 5, 1),
        ])
    func queueSizes(queueSize: GradientLimit.QueueSize, limit: Double, expected: Double) {
        var gradient = GradientLimit(
            .init(initialLimit: Int(limit), minLimit: 1, maxLimit: 10_000, smoothing: 1, queueSize: queueSize))
        gradient.update(rtt: .milliseconds(5), inFlight: Int(limit))
        #expect(gradient.estimatedLimit == limit + expected)
    }

    @Test("property: for random latency sequences the limit stays within min…max")
    func staysWithinBounds() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<20 {
            let minLimit = Int.random(in: 1...10, using: &rng)
            let maxLimit = minLimit + Int.random(in: 0...200, using: &rng)
            var gradient = GradientLimit(.init(initialLimit: minLimit, minLimit: minLimit, maxLimit: maxLimit))
            for _ in 0..<300 {
                let rtt = Duration.microseconds(Int64.random(in: 1...2_000_000, using: &rng))
                let limit = gradient.update(rtt: rtt, inFlight: Int.random(in: 0...(2 * maxLimit), using: &rng))
                #expect(limit >= minLimit && limit <= maxLimit)
            }
        }
    }
}

@Suite("AIMDLimit")
struct AIMDLimitTests {
    @Test("additive increase while busy, unchanged while app-limited")
    func additiveIncrease() {
        var aimd = AIMDLimit(.init(initialLimit: 10, maxLimit: 12))
        #expect(aimd.update(rtt: .milliseconds(1), inFlight: 5, didDrop: false) == 11)
        #expect(aimd.update(rtt: .milliseconds(1), inFlight: 2, didDrop: false) == 11)
        #expect(aimd.update(rtt: .milliseconds(1), inFlight: 11, didDrop: false) == 12)
        #expect(aimd.update(rtt: .milliseconds(1), inFlight: 12, didDrop: false) == 12)
    }

    @Test("multiplicative decrease on a drop or a timeout")
    func multiplicativeDecrease() {
        var aimd = AIMDLimit(.init(initialLimit: 100, minLimit: 2, backoffRatio: 0.5, timeout: .seconds(1)))
        #expect(aimd.update(rtt: .milliseconds(1), inFlight: 1, didDrop: true) == 50)
        #expect(aimd.update(rtt: .seconds(2), inFlight: 1, didDrop: false) == 25)
        #expect(aimd.update(rtt: .seconds(2), inFlight: 1, didDrop: false) == 12)
        for _ in 0..<10 { aimd.update(rtt: .zero, inFlight: 0, didDrop: true) }
        #expect(aimd.limit == 2)
    }

    @Test("a backoff that would not shrink still drops by one")
    func dropsByAtLeastOne() {
        var aimd = AIMDLimit(.init(initialLimit: 3, backoffRatio: 0.9))
        #expect(aimd.update(rtt: .zero, inFlight: 3, didDrop: true) == 2)
    }
}
