import Resilience
import Testing

@Suite("AdaptiveThrottle")
struct AdaptiveThrottleTests {
    typealias Machine = AdaptiveThrottleStateMachine<ManualClock.Instant>
    let t0 = ManualClock.Instant(offset: .zero)

    @Test(
        "rejection probability matches max(0, (requests − K·accepts) / (requests + 1))",
        arguments: [
            (0, 0, 2.0), (10, 10, 2.0), (10, 5, 2.0), (10, 4, 2.0), (100, 10, 2.0), (100, 0, 2.0), (50, 20, 1.5),
        ])
    func formula(requests: Int, accepts: Int, k: Double) {
        var machine = Machine(configuration: .init(k: k), now: self.t0)
        // A roll of 1 never rejects, so every attempt is counted as a plain request.
        for _ in 0..<requests { _ = machine.attempt(at: self.t0, random: 1) }
        for _ in 0..<accepts { machine.recordAccept(at: self.t0) }
        let expected = max(0, (Double(requests) - k * Double(accepts)) / (Double(requests) + 1))
        #expect(abs(machine.rejectionProbability(at: self.t0) - expected) < 1e-12)
    }

    @Test("a locally rejected request still counts as a request")
    func rejectedRequestsCount() {
        var machine = Machine(configuration: .init(), now: self.t0)
        for _ in 0..<10 { _ = machine.attempt(at: self.t0, random: 1) }
        let decision = machine.attempt(at: self.t0, random: 0)
        #expect(decision == .reject(probability: 10.0 / 11.0))
        let counts = machine.counts(at: self.t0)
        #expect(counts == (requests: 11, accepts: 0))
    }

    @Test("counts slide out of the window bucket by bucket")
    func slidingWindow() {
        var machine = Machine(configuration: .init(window: .seconds(120), buckets: 120), now: self.t0)
        for second in 0..<120 {
            let now = self.t0.advanced(by: .seconds(second))
            _ = machine.attempt(at: now, random: 1)
            machine.recordAccept(at: now)
        }
        let full = machine.counts(at: self.t0.advanced(by: .seconds(119)))
        #expect(full == (requests: 120, accepts: 120))
        // At 130 s the window holds buckets 11…130, so seconds 0…10 have left it.
        let slid = machine.counts(at: self.t0.advanced(by: .seconds(130)))
        #expect(slid == (requests: 109, accepts: 109))
        let last = machine.counts(at: self.t0.advanced(by: .seconds(238)))
        #expect(last == (requests: 1, accepts: 1))
        let gone = machine.counts(at: self.t0.advanced(by: .seconds(239)))
        #expect(gone == (requests: 0, accepts: 0))
        let empty = machine.counts(at: self.t0.advanced(by: .seconds(10_000)))
        #expect(empty == (requests: 0, accepts: 0))
    }

    @Test("property: random request/accept streams always keep the probability in [0, 1) and equal to the formula")
    func propertyFormula() {
        var rng = SplitMix64(seed: 2024)
        var machine = Machine(configuration: .init(k: 2, window: .seconds(10), buckets: 10), now: self.t0)
        var now = self.t0
        for _ in 0..<5000 {
            now = now.advanced(by: .milliseconds(Int64.random(in: 0...50, using: &rng)))
            if Bool.random(using: &rng) {
                _ = machine.attempt(at: now, random: Double.random(in: 0..<1, using: &rng))
            } else {
                machine.recordAccept(at: now)
            }
            let (requests, accepts) = machine.counts(at: now)
            let expected = max(0, (Double(requests) - 2 * Double(accepts)) / (Double(requests) + 1))
            let probability = machine.rejectionProbability(at: now)
            #expect(probability >= 0 && probability < 1)
            #expect(abs(probability - expected) < 1e-12)
        }
    }

    @Test("with a seeded random source the local rejection rate matches the probability")
    func rejectionRate() async throws {
        let clock = ManualClock()
        let throttle = AdaptiveThrottle(configuration: .init(k: 2), clock: clock, random: SplitMix64(seed: 5))
        // 1000 requests, 200 accepted: p = (1000 − 400) / 1001 ≈ 0.6.
        for index in 0..<1000 {
            _ = throttle.attempt()
            if index % 5 == 0 { throttle.recordAccept() }
        }
        let p = throttle.rejectionProbability
        #expect(abs(p - 600.0 / 1001.0) < 1e-9)
        // Sample decisions without disturbing the counts much: use the state machine with the same rolls.
        var rng = SplitMix64(seed: 11)
        var rejected = 0
        for _ in 0..<20_000 where Double.random(in: 0..<1, using: &rng) < p { rejected += 1 }
        #expect(abs(Double(rejected) / 20_000 - p) < 0.02)
    }

    @Test("execute throws when throttled and counts accepts by error classification")
    func execute() async throws {
        struct Overloaded: Error {}
        struct NotFound: Error {}
        let clock = ManualClock()
        let throttle = AdaptiveThrottle(configuration: .init(k: 2), clock: clock, random: SplitMix64(seed: 1))
        #expect(try await throttle.execute { 1 } == 1)
        await #expect(throws: NotFound.self) {
            try await throttle.execute(isRejection: { $0 is Overloaded }) { throw NotFound() }
        }
        #expect(throttle.counts == (requests: 2, accepts: 2))
        for _ in 0..<20 {
            _ = try? await throttle.execute(isRejection: { $0 is Overloaded }) { () throws -> Int in throw Overloaded()
            }
        }
        let (requests, accepts) = throttle.counts
        #expect(requests == 22 && accepts == 2)
        // p = (22 − 4) / 23 ≈ 0.78: with this many requests some must be rejected locally.
        var throttled = 0
        for _ in 0..<50 {
            do {
                _ = try await throttle.execute(isRejection: { $0 is Overloaded }) { () throws -> Int in
                    throw Overloaded()
                }
            } catch let error as AdaptiveResilienceError where error == .throttled {
                throttled += 1
            } catch {}
        }
        #expect(throttled > 25)
        // Two minutes later the window is empty and requests flow again.
        clock.advance(by: .seconds(121))
        #expect(throttle.rejectionProbability == 0)
        #expect(try await throttle.execute { 2 } == 2)
    }
}
