import Resilience
import Testing

private struct AttemptFailed: Error, Equatable {
    var attempt: Int
}

@Suite("HedgingStateMachine")
struct HedgingStateMachineTests {
    @Test("timer expiries launch hedges up to the maximum, and the first success wins")
    func timerHedges() {
        var hedge = HedgingStateMachine(maxHedgedAttempts: 2)
        #expect(hedge.start() == .launch(attempt: 0, armTimer: true))
        #expect(hedge.timerFired() == .launch(attempt: 1, armTimer: true))
        #expect(hedge.timerFired() == .launch(attempt: 2, armTimer: false))
        #expect(hedge.timerFired() == .wait)
        #expect(hedge.attemptSucceeded(1) == .succeed(attempt: 1, cancelOthers: true))
        #expect(hedge.attemptSucceeded(0) == .wait)
        #expect(hedge.isFinished)
    }

    @Test("a retryable failure launches the next attempt at once; all failing fails the call")
    func failures() {
        var hedge = HedgingStateMachine(maxHedgedAttempts: 1)
        _ = hedge.start()
        #expect(hedge.attemptFailed(0, retryable: true) == .launch(attempt: 1, armTimer: false))
        #expect(hedge.attemptFailed(1, retryable: true) == .fail(attempt: 1))
    }

    @Test("a non-retryable failure fails the call; a lone success cancels nothing")
    func nonRetryable() {
        var failing = HedgingStateMachine(maxHedgedAttempts: 3)
        _ = failing.start()
        #expect(failing.attemptFailed(0, retryable: false) == .fail(attempt: 0))
        var quick = HedgingStateMachine(maxHedgedAttempts: 3)
        _ = quick.start()
        #expect(quick.attemptSucceeded(0) == .succeed(attempt: 0, cancelOthers: false))
    }

    @Test("property: never more launches than allowed, exactly one terminal action")
    func property() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let hedges = Int.random(in: 0...4, using: &rng)
            var hedge = HedgingStateMachine(maxHedgedAttempts: hedges)
            var running: [Int] = []
            var terminal = 0
            func apply(_ action: HedgingStateMachine.Action) {
                switch action {
                case .launch(let attempt, _): running.append(attempt)
                case .succeed, .fail: terminal += 1
                case .wait: break
                }
            }
            apply(hedge.start())
            for _ in 0..<20 {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: apply(hedge.timerFired())
                case 1 where !running.isEmpty:
                    apply(hedge.attemptFailed(running.removeFirst(), retryable: Bool.random(using: &rng)))
                case 2 where !running.isEmpty: apply(hedge.attemptSucceeded(running.removeFirst()))
                default: break
                }
            }
            #expect(hedge.launched <= hedges + 1)
            #expect(terminal <= 1)
            #expect(terminal == 1 || !hedge.isFinished)
        }
    }
}

@Suite("Hedging")
struct HedgingTests {
    @Test("a slow primary is hedged after the delay; the hedge wins and the primary is cancelled")
    func hedgeWins() async throws {
        let clock = ManualClock()
        let hedging = Hedging(maxHedgedAttempts: 1, delay: .fixed(.milliseconds(50)), clock: clock)
        let primaryCancelled = AdaptiveBox(false)
        let started = AdaptiveBox<[Int]>([])
        let call = Task {
            try await hedging.execute { attempt in
                started.mutate { $0.append(attempt) }
                if attempt == 0 {
                    do {
                        try await clock.sleep(for: .seconds(10))
                    } catch {
                        primaryCancelled.mutate { $0 = true }
                        throw error
                    }
                    return "primary"
                }
                return "hedge"
            }
        }
        await clock.waitForSleepers(count: 2)  // the primary and the hedge timer
        #expect(started.value == [0])
        clock.advance(by: .milliseconds(50))
        #expect(try await call.value == "hedge")
        #expect(started.value == [0, 1])
        #expect(primaryCancelled.value)
        #expect(clock.sleeperCount == 0)
    }

    @Test("a fast primary is never hedged")
    func noHedge() async throws {
        let clock = ManualClock()
        let hedging = Hedging(maxHedgedAttempts: 3, delay: .fixed(.milliseconds(50)), clock: clock)
        let started = AdaptiveBox<[Int]>([])
        let value = try await hedging.execute { attempt in
            started.mutate { $0.append(attempt) }
            return attempt
        }
        #expect(value == 0)
        #expect(started.value == [0])
    }

    @Test("failures launch the next attempt immediately; when all fail, the last error is thrown")
    func allFail() async throws {
        let clock = ManualClock()
        let hedging = Hedging(maxHedgedAttempts: 2, delay: .fixed(.seconds(60)), clock: clock)
        let started = AdaptiveBox<[Int]>([])
        await #expect(throws: AttemptFailed(attempt: 2)) {
            try await hedging.execute { (attempt: Int) async throws -> Int in
                started.mutate { $0.append(attempt) }
                throw AttemptFailed(attempt: attempt)
            }
        }
        #expect(started.value == [0, 1, 2])
    }

    @Test("a non-retryable error stops hedging at once")
    func nonRetryable() async throws {
        let hedging = Hedging(
            maxHedgedAttempts: 2, delay: .fixed(.seconds(60)), isRetryable: { _ in false }, clock: ManualClock())
        let started = AdaptiveBox<[Int]>([])
        await #expect(throws: AttemptFailed(attempt: 0)) {
            try await hedging.execute { (attempt: Int) async throws -> Int in
                started.mutate { $0.append(attempt) }
                throw AttemptFailed(attempt: attempt)
            }
        }
        #expect(started.value == [0])
    }

    @Test("the percentile delay follows observed latencies once there are enough samples")
    func percentileDelay() async throws {
        let clock = ManualClock()
        let hedging = Hedging(
            delay: .percentile(0.9, minimumSamples: 10, otherwise: .milliseconds(500)), clock: clock)
        #expect(hedging.currentDelay == .milliseconds(500))
        for ms in 1...9 { hedging.record(latency: .milliseconds(ms * 10)) }
        #expect(hedging.currentDelay == .milliseconds(500))
        hedging.record(latency: .milliseconds(100))
        #expect(hedging.currentDelay == .milliseconds(90))
        // A successful call records its latency on the injected clock.
        let call = Task {
            try await hedging.execute { _ in
                try await clock.sleep(for: .milliseconds(1000))
                return 1
            }
        }
        await clock.waitForSleepers(count: 2)
        clock.advance(by: .milliseconds(90))  // the hedge timer fires: a second attempt starts sleeping
        await clock.waitForSleepers(count: 2)
        clock.advance(by: .milliseconds(910))  // the primary finishes after 1000 ms
        #expect(try await call.value == 1)
        // 11 samples now (10…100 ms and 1000 ms): the 90th percentile is the 10th smallest, 100 ms.
        #expect(hedging.currentDelay == .milliseconds(100))
    }

    @Test("nearest-rank percentiles")
    func percentiles() {
        var tracker = LatencyPercentileTracker(capacity: 4)
        #expect(tracker.percentile(0.5) == nil)
        for ms in [40, 10, 30, 20] { tracker.record(.milliseconds(ms)) }
        #expect(tracker.percentile(0.5) == .milliseconds(20))
        #expect(tracker.percentile(1) == .milliseconds(40))
        #expect(tracker.percentile(0) == .milliseconds(10))
        tracker.record(.milliseconds(50))  // evicts 40
        #expect(tracker.percentile(1) == .milliseconds(50))
        #expect(tracker.count == 4)
    }
}
