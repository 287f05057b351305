/// One call seen by a ``CircuitBreaker``: how it ended, how long it took and whether it was slow. Delivered to
/// ``CircuitBreakerConfiguration/onCall`` (resilience4j's `onSuccess`/`onError`/`onIgnoredError`/
/// `onCallNotPermitted` events).
///
/// ```swift
/// var configuration = CircuitBreakerConfiguration()
/// configuration.onCall = { event in
///     if event.outcome == .rejected { logger.debug("inventory breaker rejected a call") }
/// }
/// ```
public struct CircuitBreakerCallEvent: Hashable, Sendable {
    /// How a call ended, as the breaker classified it.
    ///
    /// ```swift
    /// if event.outcome == .failure { failures += 1 }
    /// ```
    public enum Outcome: String, Hashable, Sendable, CaseIterable {
        /// The operation returned, or threw an error that ``CircuitBreakerConfiguration/isFailure`` does not count.
        ///
        /// ```swift
        /// #expect(event.outcome == .success)
        /// ```
        case success
        /// The operation threw an error that counts as a failure.
        ///
        /// ```swift
        /// #expect(event.outcome == .failure)
        /// ```
        case failure
        /// The operation threw an error that ``CircuitBreakerConfiguration/isIgnored`` ignores.
        ///
        /// ```swift
        /// #expect(event.outcome == .ignored)
        /// ```
        case ignored
        /// The breaker did not run the operation (``ResilienceError/circuitOpen``).
        ///
        /// ```swift
        /// #expect(event.outcome == .rejected)
        /// ```
        case rejected
    }

    /// How the call ended.
    ///
    /// ```swift
    /// switch event.outcome { case .rejected: shed += 1; default: break }
    /// ```
    public var outcome: Outcome
    /// How long the operation ran on the breaker's clock (zero for rejected calls).
    ///
    /// ```swift
    /// timer.record(duration: event.duration)
    /// ```
    public var duration: Duration
    /// Whether the call took longer than ``CircuitBreakerConfiguration/slowCallDurationThreshold``.
    ///
    /// ```swift
    /// if event.isSlow { slowCalls += 1 }
    /// ```
    public var isSlow: Bool

    /// Creates an event.
    ///
    /// ```swift
    /// let event = CircuitBreakerCallEvent(outcome: .success, duration: .milliseconds(12), isSlow: false)
    /// ```
    @inlinable
    public init(outcome: Outcome, duration: Duration, isSlow: Bool) {
        self.outcome = outcome
        self.duration = duration
        self.isSlow = isSlow
    }
}
