import Resilience
import Synchronization
import Testing

@Suite("LoadShedder")
struct LoadShedderTests {
    @Test("waiting requests are admitted by class when permits complete")
    func admitsByClass() async throws {
        let clock = ManualClock()
        let shedder = LoadShedder(
            configuration: .init(algorithm: .fixed(1), shares: .init(sheddable: 1, sheddablePlus: 1, critical: 1)),
            clock: clock)
        let first = try await shedder.admit(.critical)
        let order = AdaptiveBox<[Criticality]>([])
        var waiters: [Task<Void, any Error>] = []
        for (index, criticality) in [Criticality.sheddable, .criticalPlus, .sheddablePlus].enumerated() {
            waiters.append(
                Task {
                    let permit = try await shedder.admit(criticality)
                    order.mutate { $0.append(criticality) }
                    permit.success()
                })
            await yieldUntil { shedder.queueLength == index + 1 }
        }
        #expect(shedder.queueLength == 3)
        first.success()
        for waiter in waiters { try await waiter.value }
        #expect(order.value == [.criticalPlus, .sheddablePlus, .sheddable])
        #expect(shedder.inFlight == 0)
    }

    @Test("a waiter that outlives its queue timeout fails with queueTimeout")
    func queueTimeout() async throws {
        let clock = ManualClock()
        let shedder = LoadShedder(
            configuration: .init(
                algorithm: .fixed(1), codel: .init(target: .milliseconds(5), interval: .milliseconds(100))),
            clock: clock)
        let holder = try await shedder.admit(.criticalPlus)
        let waiter = Task { try await shedder.admit(.criticalPlus).success() }
        await clock.waitForSleepers(count: 1)
        #expect(shedder.queueLength == 1)
        clock.advance(by: .milliseconds(100))
        await #expect(throws: AdaptiveResilienceError.queueTimeout) { try await waiter.value }
        #expect(shedder.queueLength == 0)
        holder.success()
        #expect(shedder.inFlight == 0)
    }

    @Test("a cancelled waiter leaves the queue with CancellationError")
    func cancellation() async throws {
        let clock = ManualClock()
        let shedder = LoadShedder(configuration: .init(algorithm: .fixed(1)), clock: clock)
        let holder = try await shedder.admit(.criticalPlus)
        let waiter = Task { try await shedder.admit(.criticalPlus).success() }
        await yieldUntil { shedder.queueLength == 1 }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(shedder.queueLength == 0)
        holder.ignored()
    }

    @Test("a higher class evicts a waiting sheddable request, which fails with shed")
    func eviction() async throws {
        let clock = ManualClock()
        let shedder = LoadShedder(configuration: .init(algorithm: .fixed(1), maxQueueLength: 1), clock: clock)
        let holder = try await shedder.admit(.criticalPlus)
        let sheddable = Task { try await shedder.admit(.sheddable).success() }
        await yieldUntil { shedder.queueLength == 1 }
        let critical = Task { try await shedder.admit(.critical).success() }
        await #expect(throws: AdaptiveResilienceError.shed) { try await sheddable.value }
        await yieldUntil { shedder.queueLength == 1 }
        holder.success()
        try await critical.value
        #expect(shedder.inFlight == 0)
    }

    @Test("execute runs the operation under a permit")
    func execute() async throws {
        let shedder = LoadShedder(
            configuration: .init(algorithm: .fixed(0), maxQueueLength: 0), clock: ManualClock())
        await #expect(throws: AdaptiveResilienceError.shed) {
            try await shedder.execute(criticality: .criticalPlus) { 1 }
        }
        let open = LoadShedder(configuration: .init(algorithm: .fixed(4)), clock: ManualClock())
        let value = try await open.execute(criticality: .sheddable) { open.inFlight }
        #expect(value == 1)
        #expect(open.inFlight == 0)
    }
}
