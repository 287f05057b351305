import Resilience
import Testing

@Suite("CoDelStateMachine")
struct CoDelStateMachineTests {
    typealias CoDel = CoDelStateMachine<ManualClock.Instant>
    let t0 = ManualClock.Instant(offset: .zero)

    func at(_ milliseconds: Int) -> ManualClock.Instant { self.t0.advanced(by: .milliseconds(milliseconds)) }

    @Test("a queue whose minimum delay stays above target over an interval becomes overloaded and drops")
    func overloadDrops() {
        var codel = CoDel(configuration: .init(target: .milliseconds(5), interval: .milliseconds(100)))
        do {
            let value = codel.dequeue(delay: .milliseconds(20), now: self.at(0))
            #expect(value == .serve)
        }
        for ms in stride(from: 10, to: 100, by: 10) {
            do {
                let value = codel.dequeue(delay: .milliseconds(20), now: self.at(ms))
                #expect(value == .serve)
            }
        }
        #expect(!codel.isOverloaded)
        // The interval ends with a minimum delay of 20 ms > 5 ms: overloaded. The first request of an interval
        // is always served.
        do {
            let value = codel.dequeue(delay: .milliseconds(20), now: self.at(100))
            #expect(value == .serve)
        }
        #expect(codel.isOverloaded)
        do {
            let value = codel.dequeue(delay: .milliseconds(20), now: self.at(110))
            #expect(value == .drop)
        }
        // Only requests that waited longer than the slough timeout (2 × target) are dropped.
        do {
            let value = codel.dequeue(delay: .milliseconds(10), now: self.at(120))
            #expect(value == .serve)
        }
        do {
            let value = codel.dequeue(delay: .milliseconds(11), now: self.at(130))
            #expect(value == .drop)
        }
        #expect(codel.queueTimeout == .milliseconds(10))
    }

    @Test("one short delay in an interval keeps the queue healthy")
    func shortDelayClearsOverload() {
        var codel = CoDel(configuration: .init(target: .milliseconds(5), interval: .milliseconds(100)))
        _ = codel.dequeue(delay: .milliseconds(50), now: self.at(0))
        _ = codel.dequeue(delay: .milliseconds(1), now: self.at(50))
        _ = codel.dequeue(delay: .milliseconds(50), now: self.at(100))
        #expect(!codel.isOverloaded)
        do {
            let value = codel.dequeue(delay: .milliseconds(90), now: self.at(110))
            #expect(value == .serve)
        }
        #expect(codel.queueTimeout == .milliseconds(100))
    }

    @Test("overload ends after an interval whose minimum delay is at or below target")
    func recovers() {
        var codel = CoDel(configuration: .init(target: .milliseconds(5), interval: .milliseconds(100)))
        _ = codel.dequeue(delay: .milliseconds(50), now: self.at(0))
        _ = codel.dequeue(delay: .milliseconds(50), now: self.at(100))
        #expect(codel.isOverloaded)
        _ = codel.dequeue(delay: .milliseconds(3), now: self.at(150))
        _ = codel.dequeue(delay: .milliseconds(3), now: self.at(200))
        #expect(!codel.isOverloaded)
    }

    @Test("property: never drops while not overloaded, never drops at or below the slough timeout")
    func neverDropsWithoutCause() {
        var rng = SplitMix64(seed: 77)
        var codel = CoDel(configuration: .init())
        var now = self.t0
        for _ in 0..<10_000 {
            now = now.advanced(by: .microseconds(Int64.random(in: 0...20_000, using: &rng)))
            let delay = Duration.microseconds(Int64.random(in: 0...30_000, using: &rng))
            let wasOverloaded = codel.isOverloaded
            let decision = codel.dequeue(delay: delay, now: now)
            if decision == .drop {
                #expect(wasOverloaded && codel.isOverloaded)
                #expect(delay > codel.configuration.sloughTimeout)
            }
        }
    }
}
