import Resilience
import Testing

/// The rate limiter's state machine computes on attoseconds for duration-backed instants (the standard clocks and
/// `ManualClock`) and on the instants' own operators for any other clock. Random call sequences must get the same
/// decisions either way.
@Suite("RateLimiter state machine: fast and generic instant arithmetic agree")
struct RateLimiterFastPathTests {
    /// Like `ManualClock.Instant`, but not recognised as duration-backed: takes the generic path.
    struct PlainInstant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> PlainInstant { PlainInstant(offset: self.offset + duration) }
        func duration(to other: PlainInstant) -> Duration { other.offset - self.offset }
        static func < (lhs: PlainInstant, rhs: PlainInstant) -> Bool { lhs.offset < rhs.offset }
    }

    @Test(
        "random sequences get the same decisions and availability",
        arguments: [
            RateLimiterAlgorithm.tokenBucket(capacity: 5, refillRate: 3),
            .tokenBucket(capacity: 1, refillRate: 0.5),
            .tokenBucket(capacity: 100, refillRate: 1e9),
            .gcra(rate: 10, period: .seconds(1), burst: 3),
            .gcra(rate: 7, period: .milliseconds(900), burst: 1),
        ])
    func sameDecisions(algorithm: RateLimiterAlgorithm) {
        var random = SplitMix64(seed: 42)
        let start = Duration.seconds(1_000)
        var fast = RateLimiterStateMachine(algorithm, now: ManualClock.Instant(offset: start))
        var generic = RateLimiterStateMachine(algorithm, now: PlainInstant(offset: start))
        var now = start
        for call in 0..<2_000 {
            // Steps from 0 to ~2 s, often below a millisecond, sometimes several seconds.
            let step = Int64.random(in: 0...2_000_000_000, using: &random) >> Int64.random(in: 0...12, using: &random)
            now += .nanoseconds(step)
            let permits = Int.random(in: 1...3, using: &random)
            let maxWait: Duration =
                Bool.random(using: &random) ? .zero : .milliseconds(Int64.random(in: 1...800, using: &random))
            let a = fast.acquire(permits: permits, now: ManualClock.Instant(offset: now), maxWait: maxWait)
            let b = generic.acquire(permits: permits, now: PlainInstant(offset: now), maxWait: maxWait)
            #expect(String(describing: a) == String(describing: b), "call \(call)")
            #expect(
                fast.available(now: ManualClock.Instant(offset: now))
                    == generic.available(now: PlainInstant(offset: now)),
                "call \(call)")
        }
    }
}
