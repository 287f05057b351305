import Resilience
import Testing

private struct Failure: Error, Equatable {
    var tier: String
}

@Suite("FallbackChain")
struct FallbackChainTests {
    @Test("tiers are tried in order and the first success wins")
    func order() async throws {
        let calls = AdaptiveBox<[String]>([])
        func tier(_ name: String, fails: Bool) -> FallbackTier<String> {
            FallbackTier(name) {
                calls.mutate { $0.append(name) }
                if fails { throw Failure(tier: name) }
                return name + "-value"
            }
        }
        let chain = FallbackChain([
            tier("primary", fails: true), tier("secondary", fails: true), tier("tertiary", fails: false),
            tier("last", fails: false),
        ])
        let result = try await chain.execute()
        #expect(result.value == "tertiary-value")
        #expect(result.tier == "tertiary")
        #expect(result.tierIndex == 2)
        #expect(result.isDegraded)
        #expect(result.failures.map(\.tier) == ["primary", "secondary"])
        #expect(
            result.failures.compactMap { $0.error as? Failure } == [
                Failure(tier: "primary"), Failure(tier: "secondary"),
            ])
        #expect(calls.value == ["primary", "secondary", "tertiary"])
    }

    @Test("a healthy primary is not degraded and skips the fallbacks")
    func primaryWins() async throws {
        let fallbackCalled = AdaptiveBox(false)
        let chain = FallbackChain([
            FallbackTier("primary") { 1 },
            FallbackTier("fallback") {
                fallbackCalled.mutate { $0 = true }
                return 2
            },
        ])
        let result = try await chain.execute()
        #expect(result.value == 1 && !result.isDegraded && result.failures.isEmpty)
        #expect(!fallbackCalled.value)
    }

    @Test("when every tier fails the error lists each failure in order")
    func allFail() async throws {
        let chain = FallbackChain<Int>([
            FallbackTier("a") { throw Failure(tier: "a") }, FallbackTier("b") { throw Failure(tier: "b") },
        ])
        let error = await #expect(throws: FallbackChainError.self) { try await chain.execute() }
        #expect(error?.failures.map(\.tier) == ["a", "b"])
        #expect(error?.code == .noFallbackSucceeded)
    }

    @Test("errors the chain must not absorb are rethrown without trying further tiers")
    func noFallbackForSomeErrors() async throws {
        let secondCalled = AdaptiveBox(false)
        let chain = FallbackChain<Int>(
            [
                FallbackTier("a") { throw Failure(tier: "fatal") },
                FallbackTier("b") {
                    secondCalled.mutate { $0 = true }
                    return 1
                },
            ], shouldFallBack: { ($0 as? Failure)?.tier != "fatal" })
        await #expect(throws: Failure(tier: "fatal")) { try await chain.execute() }
        #expect(!secondCalled.value)
        await #expect(throws: AdaptiveResilienceError.noFallbackTiers) { try await FallbackChain<Int>([]).execute() }
    }
}

@Suite("StaleCache")
struct StaleCacheTests {
    typealias State = StaleCacheState<Int, ManualClock.Instant>
    let t0 = ManualClock.Instant(offset: .zero)

    @Test("values are served up to the maximum staleness, inclusive, and not after")
    func staleness() {
        var state = State(maxStaleness: .seconds(60))
        guard case .empty = state.lookup(at: self.t0) else {
            Issue.record("expected empty")
            return
        }
        state.store(7, at: self.t0)
        guard case .available(let value, let age) = state.lookup(at: self.t0.advanced(by: .seconds(60))) else {
            Issue.record("expected a value at exactly the maximum staleness")
            return
        }
        #expect(value == 7 && age == .seconds(60))
        guard case .expired(let expiredAge) = state.lookup(at: self.t0.advanced(by: .seconds(61))) else {
            Issue.record("expected expiry")
            return
        }
        #expect(expiredAge == .seconds(61))
        state.store(8, at: self.t0.advanced(by: .seconds(61)))
        guard case .available(let fresh, .zero) = state.lookup(at: self.t0.advanced(by: .seconds(61))) else {
            Issue.record("expected the new value")
            return
        }
        #expect(fresh == 8)
    }

    @Test("execute serves live values, then the stale one with its age, then the live error once too old")
    func execute() async throws {
        let clock = ManualClock()
        let cache = StaleCache<Int, ManualClock>(maxStaleness: .seconds(30), clock: clock)
        let live = try await cache.execute { 1 }
        #expect(live.value == 1 && live.age == nil)
        clock.advance(by: .seconds(20))
        let stale = try await cache.execute { () throws -> Int in throw Failure(tier: "live") }
        #expect(stale.value == 1 && stale.age == .seconds(20))
        clock.advance(by: .seconds(11))
        await #expect(throws: Failure(tier: "live")) {
            try await cache.execute { () throws -> Int in throw Failure(tier: "live") }
        }
    }

    @Test("in a chain, the live tier records values and the cache tier serves them when it fails")
    func inChain() async throws {
        let clock = ManualClock()
        let cache = StaleCache<String, ManualClock>(maxStaleness: .seconds(10), clock: clock)
        let healthy = AdaptiveBox(true)
        let chain = FallbackChain([
            cache.recording(
                FallbackTier("live") {
                    guard healthy.value else { throw Failure(tier: "live") }
                    return "fresh"
                }),
            cache.tier(),
            FallbackTier("default") { "default" },
        ])
        #expect(try await chain.execute().tier == "live")
        healthy.mutate { $0 = false }
        clock.advance(by: .seconds(5))
        let stale = try await chain.execute()
        #expect(stale.value == "fresh" && stale.tier == "stale-cache")
        clock.advance(by: .seconds(6))
        let fallback = try await chain.execute()
        #expect(fallback.value == "default")
        #expect(fallback.failures.compactMap { $0.error as? AdaptiveResilienceError } == [.staleValueUnavailable])
    }
}
