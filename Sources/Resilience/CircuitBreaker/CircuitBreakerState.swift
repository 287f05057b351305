/// The state of a ``CircuitBreaker``, with resilience4j's names and meanings.
///
/// ```swift
/// if breaker.state == .open { return cachedValue }
/// ```
public enum CircuitBreakerState: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Calls run; outcomes are recorded and may trip the breaker.
    ///
    /// ```swift
    /// #expect(breaker.state == .closed)
    /// ```
    case closed
    /// Calls are rejected with ``ResilienceError/circuitOpen`` until the wait duration has elapsed.
    ///
    /// ```swift
    /// #expect(breaker.state == .open)
    /// ```
    case open
    /// A limited number of probe calls run; their outcomes close or re-open the breaker.
    ///
    /// ```swift
    /// #expect(breaker.state == .halfOpen)
    /// ```
    case halfOpen = "half_open"
    /// Manual: every call runs, nothing is recorded, the state never changes by itself.
    ///
    /// ```swift
    /// breaker.transition(to: .disabled)
    /// ```
    case disabled
    /// Manual: every call is rejected until the breaker is moved to another state.
    ///
    /// ```swift
    /// breaker.transition(to: .forcedOpen)
    /// ```
    case forcedOpen = "forced_open"
    /// Manual: every call runs and is recorded (metrics stay live) but the breaker never trips.
    ///
    /// ```swift
    /// breaker.transition(to: .metricsOnly)
    /// ```
    case metricsOnly = "metrics_only"

    /// The resilience4j spelling, e.g. `"HALF_OPEN"`; the raw value is the metrics label (`"half_open"`).
    ///
    /// ```swift
    /// print(CircuitBreakerState.halfOpen)  // HALF_OPEN
    /// ```
    public var description: String { self.rawValue.uppercased() }

    /// Whether every call is permitted without changing the breaker's state (closed, disabled, metrics-only).
    @inlinable
    var permitsFreely: Bool {
        switch self {
        case .closed, .disabled, .metricsOnly: true
        case .open, .halfOpen, .forcedOpen: false
        }
    }
}

/// A change of a ``CircuitBreaker``'s state.
///
/// ```swift
/// let breaker = CircuitBreaker(onStateChange: { print("\($0.from) -> \($0.to)") })
/// ```
public struct CircuitBreakerTransition: Hashable, Sendable, CustomStringConvertible {
    /// The state before.
    ///
    /// ```swift
    /// if transition.from == .halfOpen && transition.to == .closed { log("recovered") }
    /// ```
    public var from: CircuitBreakerState
    /// The state after.
    ///
    /// ```swift
    /// if transition.to == .open { page() }
    /// ```
    public var to: CircuitBreakerState

    /// Creates a transition.
    ///
    /// ```swift
    /// let trip = CircuitBreakerTransition(from: .closed, to: .open)
    /// ```
    @inlinable
    public init(from: CircuitBreakerState, to: CircuitBreakerState) {
        self.from = from
        self.to = to
    }

    /// resilience4j's spelling, e.g. `"CLOSED_TO_OPEN"`.
    ///
    /// ```swift
    /// print(transition)  // CLOSED_TO_OPEN
    /// ```
    public var description: String { "\(self.from)_TO_\(self.to)" }
}

/// At most two transitions caused by one event (e.g. a half-open deadline that expired, then an open wait that
/// elapsed, both noticed by one call). Stored inline: returning it never allocates.
///
/// ```swift
/// let output = machine.acquirePermission(now: clock.now)
/// for transition in output.transitions { print(transition) }
/// ```
public struct CircuitBreakerTransitions: Sendable, Hashable, Sequence {
    @usableFromInline
    var first: CircuitBreakerTransition?
    @usableFromInline
    var second: CircuitBreakerTransition?

    /// No transitions.
    ///
    /// ```swift
    /// let none = CircuitBreakerTransitions()
    /// ```
    @inlinable
    public init() {}

    /// Whether nothing changed.
    ///
    /// ```swift
    /// if !output.transitions.isEmpty { publish(output.transitions) }
    /// ```
    @inlinable
    public var isEmpty: Bool { self.first == nil }

    @inlinable
    mutating func append(_ transition: CircuitBreakerTransition) {
        if self.first == nil {
            self.first = transition
        } else {
            self.second = transition
        }
    }

    /// The transitions in order.
    ///
    /// ```swift
    /// for transition in transitions { print(transition) }
    /// ```
    public func makeIterator() -> IndexingIterator<[CircuitBreakerTransition]> {
        [self.first, self.second].compactMap { $0 }.makeIterator()
    }
}
