import Metrics
public import Resilience
import Synchronization

/// Records one ``Resilience/CircuitBreaker``'s state, transitions and calls:
///
/// - `resilience_circuitbreaker_state{name,state}`: 1 for the current state, 0 for the other five,
/// - `resilience_circuitbreaker_transitions_total{name,from,to}`,
/// - `resilience_circuitbreaker_calls_total{name,outcome}` (`success`, `failure`, `ignored`, `rejected`),
/// - `resilience_circuitbreaker_slow_calls_total{name,outcome}` (`success`, `failure`),
/// - `resilience_circuitbreaker_call_duration_seconds{name,outcome}` (a timer),
/// - `resilience_rejections_total{name,strategy="circuitbreaker",reason="circuit_open",criticality}`.
///
/// Pass ``onStateChange`` to the breaker and its configuration through ``instrument(_:)``:
///
/// ```swift
/// let recorder = metrics.circuitBreaker(name: "inventory")
/// let breaker = CircuitBreaker(
///     configuration: recorder.instrument(.consecutive(failures: 5, resetTimeout: .seconds(30))),
///     onStateChange: recorder.onStateChange)
/// ```
public final class CircuitBreakerRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "inventory"
    /// ```
    public let name: String
    private let metrics: ResilienceMetrics
    private let stateGauges: [(CircuitBreakerState, Gauge)]
    private let state: Mutex<CircuitBreakerState>
    private let calls: [CircuitBreakerCallEvent.Outcome: Counter]
    private let slowCalls: [CircuitBreakerCallEvent.Outcome: Counter]
    private let durations: [CircuitBreakerCallEvent.Outcome: Timer]

    init(metrics: ResilienceMetrics, name: String, initialState: CircuitBreakerState) {
        self.metrics = metrics
        self.name = name
        self.stateGauges = CircuitBreakerState.allCases.map { state in
            let dimensions = [("name", name), ("state", state.rawValue)]
            return (state, metrics.gauge(ResilienceMetricName.circuitBreakerState, dimensions))
        }
        self.state = Mutex(initialState)
        var calls: [CircuitBreakerCallEvent.Outcome: Counter] = [:]
        var slowCalls: [CircuitBreakerCallEvent.Outcome: Counter] = [:]
        var durations: [CircuitBreakerCallEvent.Outcome: Timer] = [:]
        for outcome in CircuitBreakerCallEvent.Outcome.allCases {
            let dimensions = [("name", name), ("outcome", outcome.rawValue)]
            calls[outcome] = metrics.counter(ResilienceMetricName.circuitBreakerCalls, dimensions)
            guard outcome != .rejected else { continue }
            durations[outcome] = metrics.timer(ResilienceMetricName.circuitBreakerCallDuration, dimensions)
            guard outcome != .ignored else { continue }
            slowCalls[outcome] = metrics.counter(ResilienceMetricName.circuitBreakerSlowCalls, dimensions)
        }
        self.calls = calls
        self.slowCalls = slowCalls
        self.durations = durations
        self.record(state: initialState)
    }

    /// The closure to pass as the breaker's `onStateChange`: it records each transition.
    ///
    /// ```swift
    /// let breaker = CircuitBreaker(configuration: configuration, onStateChange: recorder.onStateChange)
    /// ```
    public var onStateChange: @Sendable (CircuitBreakerTransition) -> Void {
        { [self] transition in self.record(transition) }
    }

    /// The closure to set as ``Resilience/CircuitBreakerConfiguration/onCall``: it
    /// records each call.
    ///
    /// ```swift
    /// configuration.onCall = recorder.onCall
    /// ```
    public var onCall: @Sendable (CircuitBreakerCallEvent) -> Void {
        { [self] event in self.record(event) }
    }

    /// `configuration` with ``onCall`` installed, after any `onCall` it already had.
    ///
    /// ```swift
    /// let breaker = CircuitBreaker(configuration: recorder.instrument(CircuitBreakerConfiguration()))
    /// ```
    public func instrument(_ configuration: CircuitBreakerConfiguration) -> CircuitBreakerConfiguration {
        var configuration = configuration
        let recorded = self.onCall
        if let existing = configuration.onCall {
            configuration.onCall = { event in
                existing(event)
                recorded(event)
            }
        } else {
            configuration.onCall = recorded
        }
        return configuration
    }

    /// Counts the transition and moves the state gauges to its target state.
    ///
    /// ```swift
    /// recorder.record(CircuitBreakerTransition(from: .closed, to: .open))
    /// ```
    public func record(_ transition: CircuitBreakerTransition) {
        self.metrics.counter(
            ResilienceMetricName.circuitBreakerTransitions,
            [("name", self.name), ("from", transition.from.rawValue), ("to", transition.to.rawValue)]
        ).increment()
        self.record(state: transition.to)
    }

    /// Sets the state gauges: 1 for `state`, 0 for the others. Transitions do this; call it to resynchronise
    /// with a breaker whose state changed before the recorder was attached.
    ///
    /// ```swift
    /// recorder.record(state: breaker.state)
    /// ```
    public func record(state: CircuitBreakerState) {
        // Under the lock, so the six gauges always show exactly one state even when transitions race.
        self.state.withLock { current in
            current = state
            for (candidate, gauge) in self.stateGauges { gauge.record(candidate == state ? 1 : 0) }
        }
    }

    /// Counts one call by outcome; times permitted calls, counts slow ones, and counts a rejection.
    ///
    /// ```swift
    /// recorder.record(CircuitBreakerCallEvent(outcome: .failure, duration: .milliseconds(40), isSlow: false))
    /// ```
    public func record(_ event: CircuitBreakerCallEvent) {
        self.calls[event.outcome]?.increment()
        if event.outcome == .rejected {
            self.metrics.recordRejection(
                name: self.name, strategy: "circuitbreaker", reason: "circuit_open",
                criticality: RejectionReason.currentCriticality)
            return
        }
        self.durations[event.outcome]?.record(duration: event.duration)
        if event.isSlow { self.slowCalls[event.outcome]?.increment() }
    }
}
