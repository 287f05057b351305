import Resilience
import Testing

private struct Boom: Error, Equatable {}

@Suite("FaultInjection")
struct FaultInjectionTests {
    @Test(
        "the injection rate matches the configured rate with a seeded random source", arguments: [0.01, 0.1, 0.5, 0.9])
    func rate(rate: Double) {
        let chaos = FaultInjection(rate: rate, clock: ManualClock(), random: SplitMix64(seed: 12345))
        for _ in 0..<20_000 { _ = chaos.shouldInject() }
        let observed = Double(chaos.injectedCount) / Double(chaos.evaluatedCount)
        #expect(chaos.evaluatedCount == 20_000)
        #expect(abs(observed - rate) < 0.015)
    }

    @Test("rates 0 and 1 and the disabled switch are exact")
    func extremes() {
        let never = FaultInjection(rate: 0, clock: ManualClock(), random: SplitMix64(seed: 1))
        let always = FaultInjection(rate: 1, clock: ManualClock(), random: SplitMix64(seed: 1))
        let off = FaultInjection(rate: 1, enabled: false, clock: ManualClock(), random: SplitMix64(seed: 1))
        for _ in 0..<1000 {
            #expect(!never.shouldInject())
            #expect(always.shouldInject())
            #expect(!off.shouldInject())
        }
        off.isEnabled = true
        #expect(off.shouldInject())
        always.rate = 7
        #expect(always.rate == 1)
    }

    @Test("the same seed selects the same calls")
    func deterministic() {
        let a = FaultInjection(rate: 0.3, clock: ManualClock(), random: SplitMix64(seed: 9))
        let b = FaultInjection(rate: 0.3, clock: ManualClock(), random: SplitMix64(seed: 9))
        let c = FaultInjection(rate: 0.3, clock: ManualClock(), random: SplitMix64(seed: 10))
        let sequenceA = (0..<200).map { _ in a.shouldInject() }
        let sequenceB = (0..<200).map { _ in b.shouldInject() }
        let sequenceC = (0..<200).map { _ in c.shouldInject() }
        #expect(sequenceA == sequenceB)
        #expect(sequenceA != sequenceC)
    }

    @Test("error faults throw instead of running the operation")
    func errorFault() async throws {
        let chaos = FaultInjection(rate: 1, clock: ManualClock(), random: SplitMix64(seed: 1))
        let ran = AdaptiveBox(false)
        await #expect(throws: Boom()) {
            try await chaos.execute(.error(Boom())) { ran.mutate { $0 = true } }
        }
        #expect(!ran.value)
        chaos.isEnabled = false
        try await chaos.execute(.error(Boom())) { ran.mutate { $0 = true } }
        #expect(ran.value)
    }

    @Test("latency faults wait on the injected clock before running the operation")
    func latencyFault() async throws {
        let clock = ManualClock()
        let chaos = FaultInjection(rate: 1, clock: clock, random: SplitMix64(seed: 1))
        let ran = AdaptiveBox(false)
        let call = Task {
            try await chaos.execute(.latency(.seconds(3))) {
                ran.mutate { $0 = true }
                return 5
            }
        }
        await clock.waitForSleepers(count: 1)
        #expect(!ran.value)
        clock.advance(by: .seconds(3))
        #expect(try await call.value == 5)
        #expect(ran.value)
    }

    @Test("outcome faults replace the result")
    func outcomeFault() async throws {
        let chaos = FaultInjection(rate: 1, clock: ManualClock(), random: SplitMix64(seed: 1))
        #expect(try await chaos.execute(.outcome(.success(-1))) { 42 } == -1)
        await #expect(throws: Boom()) { try await chaos.execute(.outcome(.failure(Boom()))) { 42 } }
    }

    @Test("the pure policy")
    func policy() {
        #expect(FaultInjectionPolicy(rate: 0.25).shouldInject(roll: 0.2499))
        #expect(!FaultInjectionPolicy(rate: 0.25).shouldInject(roll: 0.25))
        #expect(!FaultInjectionPolicy(rate: 0.25, isEnabled: false).shouldInject(roll: 0))
        #expect(FaultInjectionPolicy(rate: -3).rate == 0)
        #expect(FaultInjectionPolicy(rate: .nan).rate == 0)
    }
}
