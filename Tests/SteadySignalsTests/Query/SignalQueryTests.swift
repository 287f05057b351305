import SteadyModel
import SteadySignals
import Testing

@Suite("SignalQuery stepping")
struct SignalQueryTests {
    func rollup(
        minute: Int, requests: Double, errors: Double = 0, buckets: [(Double, Double)] = [], sum: Double = 0
    )
        -> SignalRollup
    {
        SignalRollup(
            service: "checkout",
            minute: TestTime.at(seconds: Double(minute) * 60),
            requests: requests,
            errors: errors,
            latencyBuckets: buckets.map { LatencyBucket(upperBound: $0.0, count: $0.1) },
            latencySum: sum,
            latencyCount: buckets.last?.1 ?? 0,
            scrapes: 4
        )
    }

    @Test func stepsMergeTheirMinutes() throws {
        let rollups = (0..<10).map { rollup(minute: $0, requests: Double($0 + 1) * 60, errors: Double($0)) }
        let steps = SignalQuery.signals(
            from: rollups.shuffled(), start: TestTime.base, end: TestTime.at(seconds: 600), step: .seconds(300))
        try #require(steps.count == 2)
        #expect(steps[0].start == TestTime.base)
        #expect(steps[0].end == TestTime.at(seconds: 300))
        #expect(steps[1].start == TestTime.at(seconds: 300))
        #expect(steps[1].end == TestTime.at(seconds: 600))
        // Minutes 0…4 hold 60+120+180+240+300 requests.
        #expect(steps[0].requests == 900)
        #expect(steps[0].requestRate == 3)
        #expect(steps[0].errors == 10)
        #expect(steps[0].errorRatio == 10.0 / 900)
        #expect(steps[1].requests == 2400)
        #expect(steps[1].requestRate == 8)
    }

    @Test func partialLastStepUsesTheCoveredDuration() throws {
        let rollups = (0..<4).map { rollup(minute: $0, requests: 60) }
        // end = 3.5 minutes: steps [0, 2m) and [2m, 3.5m).
        let steps = SignalQuery.signals(
            from: rollups, start: TestTime.base, end: TestTime.at(seconds: 210), step: .seconds(120))
        try #require(steps.count == 2)
        #expect(steps[1].end == TestTime.at(seconds: 210))
        #expect(steps[1].requests == 120)
        #expect(steps[1].requestRate == 120.0 / 90)
        #expect(steps[0].requestRate == 1)
    }

    @Test func rollupsOutsideTheRangeAreIgnoredAndEmptyStepsAreZero() throws {
        let rollups = [
            rollup(minute: -1, requests: 1000), rollup(minute: 1, requests: 60), rollup(minute: 5, requests: 9),
        ]
        let steps = SignalQuery.signals(
            from: rollups, start: TestTime.base, end: TestTime.at(seconds: 180), step: .seconds(60))
        try #require(steps.count == 3)
        #expect(steps.map(\.requests) == [0, 60, 0])
        #expect(steps[0].requestRate == 0)
        #expect(steps[0].errorRatio == nil)
        #expect(steps[0].latencyP99 == nil)
        #expect(steps[0].latencyMean == nil)
        #expect(steps[0].saturation == nil)
    }

    @Test func invalidRangesGiveNoSteps() {
        let rollups = [rollup(minute: 0, requests: 1)]
        #expect(
            SignalQuery.signals(from: rollups, start: TestTime.base, end: TestTime.base, step: .seconds(60)).isEmpty)
        #expect(
            SignalQuery.signals(from: rollups, start: TestTime.at(seconds: 60), end: TestTime.base, step: .seconds(60))
                .isEmpty)
        #expect(
            SignalQuery.signals(from: rollups, start: TestTime.base, end: TestTime.at(seconds: 60), step: .zero).isEmpty
        )
    }

    @Test func quantilesComeFromSummedBucketsNotAveragedQuantiles() throws {
        // Minute 0: 100 fast requests; minute 1: 10 slow ones. Averaging per-minute medians would give ≈ 0.5.
        let fast = rollup(minute: 0, requests: 100, buckets: [(0.1, 100), (1, 100), (.infinity, 100)], sum: 5)
        let slow = rollup(minute: 1, requests: 10, buckets: [(0.1, 0), (1, 10), (.infinity, 10)], sum: 8)
        let step = try #require(
            SignalQuery.signals(
                from: [fast, slow], start: TestTime.base, end: TestTime.at(seconds: 120), step: .seconds(120)
            )
            .first)
        #expect(abs(step.latencyP50! - 0.055) < 1e-12)  // rank 55 of 110 in [0, 0.1]: 0.1 × 55/100
        #expect(abs(step.latencyP95! - (0.1 + 0.9 * 4.5 / 10)) < 1e-12)  // rank 104.5: 0.1 + 0.9 × 4.5/10
        #expect(abs(step.latencyP99! - (0.1 + 0.9 * 8.9 / 10)) < 1e-12)
        #expect(abs(step.latencyMean! - 13.0 / 110) < 1e-12)
    }

    @Test func summaryWidensToWholeMinutes() {
        let rollups = (0..<7).map { rollup(minute: $0, requests: 60, errors: 3) }
        // "Now" is 5.5 minutes in; the last five minutes start at 0.5 min, widened to minute 0.
        let summary = SignalQuery.summary(of: rollups, start: TestTime.at(seconds: 30), end: TestTime.at(seconds: 330))
        #expect(summary.start == TestTime.base)
        #expect(summary.end == TestTime.at(seconds: 330))
        #expect(summary.requests == 360)  // minutes 0…5
        #expect(summary.errors == 18)
        #expect(summary.errorRatio == 0.05)
        #expect(summary.requestRate == 360.0 / 330)
    }

    @Test func summaryWithoutRollups() {
        let summary = SignalQuery.summary(of: [], start: TestTime.base, end: TestTime.at(seconds: 300))
        #expect(summary.requests == 0)
        #expect(summary.requestRate == 0)
        #expect(summary.errorRatio == nil)
        #expect(summary.latencyP50 == nil)
        #expect(summary.saturationMax == nil)
    }

    @Test func stepsShorterThanAMinuteHoldAMinuteEach() throws {
        let rollups = [rollup(minute: 0, requests: 30), rollup(minute: 1, requests: 90)]
        let steps = SignalQuery.signals(
            from: rollups, start: TestTime.base, end: TestTime.at(seconds: 120), step: .seconds(30))
        try #require(steps.count == 4)
        #expect(steps.map(\.requests) == [30, 0, 90, 0])
    }
}
