import Resilience
import ResilienceMetrics
import Synchronization
import Testing

@Suite("CircuitBreakerRecorder")
struct CircuitBreakerRecorderTests {
    struct Boom: Error {}

    static let state = ResilienceMetricName.circuitBreakerState
    static let transitions = ResilienceMetricName.circuitBreakerTransitions
    static let calls = ResilienceMetricName.circuitBreakerCalls

    static func states(_ factory: TestMetricsFactory, _ name: String) -> [String: Double] {
        var values: [String: Double] = [:]
        for state in CircuitBreakerState.allCases {
            values[state.rawValue] = factory.gauge(Self.state, ["name": name, "state": state.rawValue])
        }
        return values
    }

    static func only(_ state: CircuitBreakerState) -> [String: Double] {
        var values: [String: Double] = [:]
        for candidate in CircuitBreakerState.allCases { values[candidate.rawValue] = candidate == state ? 1 : 0 }
        return values
    }

    @Test("opens after 3 consecutive failures, rejects, then recovers through half-open")
    func opensAndRecovers() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).circuitBreaker(name: "inventory")
        #expect(Self.states(factory, "inventory") == Self.only(.closed))

        let clock = ManualClock()
        let breaker = CircuitBreaker(
            configuration: recorder.instrument(.consecutive(failures: 3, resetTimeout: .seconds(30))), clock: clock,
            onStateChange: recorder.onStateChange)
        for _ in 0..<2 {
            await #expect(throws: Boom.self) { try await breaker.execute { throw Boom() } }
        }
        #expect(Self.states(factory, "inventory") == Self.only(.closed))
        #expect(factory.nonZeroCounters(Self.transitions).isEmpty)

        await #expect(throws: Boom.self) { try await breaker.execute { throw Boom() } }
        #expect(breaker.state == .open)
        #expect(Self.states(factory, "inventory") == Self.only(.open))
        #expect(
            factory.nonZeroCounters(Self.transitions) == [
                #"resilience_circuitbreaker_transitions_total{from="closed",name="inventory",to="open"} 1"#
            ])

        for _ in 0..<2 {
            await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        }
        clock.advance(by: .seconds(30))
        #expect(try await breaker.execute { 42 } == 42)
        #expect(breaker.state == .closed)
        #expect(Self.states(factory, "inventory") == Self.only(.closed))
        #expect(
            factory.nonZeroCounters(Self.transitions) == [
                #"resilience_circuitbreaker_transitions_total{from="closed",name="inventory",to="open"} 1"#,
                #"resilience_circuitbreaker_transitions_total{from="half_open",name="inventory",to="closed"} 1"#,
                #"resilience_circuitbreaker_transitions_total{from="open",name="inventory",to="half_open"} 1"#,
            ])
        #expect(
            factory.nonZeroCounters(Self.calls) == [
                #"resilience_circuitbreaker_calls_total{name="inventory",outcome="failure"} 3"#,
                #"resilience_circuitbreaker_calls_total{name="inventory",outcome="rejected"} 2"#,
                #"resilience_circuitbreaker_calls_total{name="inventory",outcome="success"} 1"#,
            ])
        // Every outcome series exists from the start, so rates are defined before the first event.
        #expect(factory.counter(Self.calls, ["name": "inventory", "outcome": "ignored"]) == 0)
        #expect(
            factory.nonZeroCounters(ResilienceMetricName.rejections) == [
                #"resilience_rejections_total{criticality="CRITICAL",name="inventory",reason="circuit_open",strategy="circuitbreaker"} 2"#
            ])
    }

    @Test("manual transitions move the state gauges; forced open rejects under the task's criticality")
    func manualStates() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).circuitBreaker(name: "payments")
        let breaker = CircuitBreaker(
            configuration: recorder.instrument(CircuitBreakerConfiguration()), clock: ManualClock(),
            onStateChange: recorder.onStateChange)
        breaker.transition(to: .forcedOpen)
        #expect(Self.states(factory, "payments") == Self.only(.forcedOpen))
        await Criticality.$current.withValue(.sheddable) {
            await #expect(throws: ResilienceError.circuitOpen) { try await breaker.execute { 1 } }
        }
        breaker.transition(to: .metricsOnly)
        #expect(Self.states(factory, "payments") == Self.only(.metricsOnly))
        breaker.reset()
        #expect(Self.states(factory, "payments") == Self.only(.closed))
        #expect(
            factory.nonZeroCounters(Self.transitions) == [
                #"resilience_circuitbreaker_transitions_total{from="closed",name="payments",to="forced_open"} 1"#,
                #"resilience_circuitbreaker_transitions_total{from="forced_open",name="payments",to="metrics_only"} 1"#,
                #"resilience_circuitbreaker_transitions_total{from="metrics_only",name="payments",to="closed"} 1"#,
            ])
        #expect(
            factory.nonZeroCounters(ResilienceMetricName.rejections) == [
                #"resilience_rejections_total{criticality="SHEDDABLE",name="payments",reason="circuit_open",strategy="circuitbreaker"} 1"#
            ])
    }

    @Test("slow calls, ignored errors and durations on the breaker's clock")
    func slowAndIgnored() async throws {
        let factory = TestMetricsFactory()
        let recorder = ResilienceMetrics(factory: factory).circuitBreaker(name: "search")
        let clock = ManualClock()
        var configuration = CircuitBreakerConfiguration(slowCallDurationThreshold: .seconds(1))
        let seen = Mutex<[CircuitBreakerCallEvent]>([])
        configuration.onCall = { event in seen.withLock { $0.append(event) } }
        let breaker = CircuitBreaker(configuration: recorder.instrument(configuration), clock: clock)

        #expect(
            try await breaker.execute {
                clock.advance(by: .seconds(2))
                return "slow"
            } == "slow")
        await #expect(throws: Boom.self) {
            try await breaker.execute {
                clock.advance(by: .milliseconds(1500))
                throw Boom()
            }
        }
        await #expect(throws: Boom.self) {
            try await breaker.execute {
                clock.advance(by: .milliseconds(250))
                throw Boom()
            }
        }
        await #expect(throws: CancellationError.self) { try await breaker.execute { throw CancellationError() } }

        #expect(
            factory.nonZeroCounters(Self.calls) == [
                #"resilience_circuitbreaker_calls_total{name="search",outcome="failure"} 2"#,
                #"resilience_circuitbreaker_calls_total{name="search",outcome="ignored"} 1"#,
                #"resilience_circuitbreaker_calls_total{name="search",outcome="success"} 1"#,
            ])
        #expect(
            factory.nonZeroCounters(ResilienceMetricName.circuitBreakerSlowCalls) == [
                #"resilience_circuitbreaker_slow_calls_total{name="search",outcome="failure"} 1"#,
                #"resilience_circuitbreaker_slow_calls_total{name="search",outcome="success"} 1"#,
            ])
        let duration = ResilienceMetricName.circuitBreakerCallDuration
        #expect(factory.timer(duration, ["name": "search", "outcome": "success"]) == [2_000_000_000])
        #expect(factory.timer(duration, ["name": "search", "outcome": "failure"]) == [1_500_000_000, 250_000_000])
        #expect(factory.timer(duration, ["name": "search", "outcome": "ignored"]) == [0])
        // instrument(_:) keeps the configuration's own observer.
        #expect(seen.withLock { $0.map(\.outcome) } == [.success, .failure, .failure, .ignored])
        #expect(seen.withLock { $0.map(\.isSlow) } == [true, true, false, false])
    }

    @Test("two recorders with the same name share series; record(state:) resynchronises")
    func sharedSeries() {
        let factory = TestMetricsFactory()
        let metrics = ResilienceMetrics(factory: factory)
        let first = metrics.circuitBreaker(name: "db")
        first.record(CircuitBreakerTransition(from: .closed, to: .open))
        let second = metrics.circuitBreaker(name: "db", initialState: .open)
        second.record(CircuitBreakerTransition(from: .open, to: .halfOpen))
        #expect(Self.states(factory, "db") == Self.only(.halfOpen))
        first.record(state: .closed)
        #expect(Self.states(factory, "db") == Self.only(.closed))
        #expect(factory.counter(Self.transitions, ["name": "db", "from": "closed", "to": "open"]) == 1)
        #expect(factory.counter(Self.transitions, ["name": "db", "from": "open", "to": "half_open"]) == 1)
    }
}
