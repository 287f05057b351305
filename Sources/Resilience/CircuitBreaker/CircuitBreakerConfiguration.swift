/// How a ``CircuitBreaker`` decides to trip and recover.
///
/// The defaults are resilience4j's: a count-based window of 100 calls, trip at a 50 % failure rate or a 100 %
/// slow-call rate (calls slower than 60 s) once 100 calls are recorded, 60 s open, 10 probe calls in half-open.
/// ``consecutive(failures:resetTimeout:successThreshold:)`` gives pybreaker's behaviour instead.
///
/// ```swift
/// var configuration = CircuitBreakerConfiguration()
/// configuration.slidingWindow = .timeBased(seconds: 10)
/// configuration.minimumNumberOfCalls = 20
/// configuration.waitDurationInOpenState = .seconds(5)
/// configuration.isFailure = { !($0 is ValidationError) }
/// let breaker = CircuitBreaker(configuration: configuration)
/// ```
public struct CircuitBreakerConfiguration: Sendable {
    /// The window of recent calls whose failure and slow-call rates are compared with the thresholds.
    ///
    /// ```swift
    /// configuration.slidingWindow = .countBased(size: 50)
    /// ```
    public enum SlidingWindow: Hashable, Sendable {
        /// The last `size` calls.
        ///
        /// ```swift
        /// configuration.slidingWindow = .countBased(size: 100)
        /// ```
        case countBased(size: Int)
        /// The calls of the last `seconds` seconds, aggregated in one-second buckets (aligned to the breaker's
        /// creation instant; resilience4j aligns them to epoch seconds).
        ///
        /// ```swift
        /// configuration.slidingWindow = .timeBased(seconds: 60)
        /// ```
        case timeBased(seconds: Int)
    }

    /// Which algorithm trips the breaker.
    ///
    /// ```swift
    /// if case .consecutive = configuration.mode { … }
    /// ```
    public enum Mode: Hashable, Sendable {
        /// resilience4j: failure-rate and slow-call-rate thresholds over a sliding window.
        ///
        /// ```swift
        /// configuration.mode = .slidingWindow
        /// ```
        case slidingWindow
        /// pybreaker: open after `failures` consecutive failures; after the open wait, one or more trial calls run
        /// and `successThreshold` consecutive successes close the breaker while any failure re-opens it.
        ///
        /// ```swift
        /// configuration.mode = .consecutive(failures: 5, successThreshold: 1)
        /// ```
        case consecutive(failures: Int, successThreshold: Int)
    }

    /// The algorithm; resilience4j's sliding window by default.
    ///
    /// ```swift
    /// configuration.mode = .consecutive(failures: 3, successThreshold: 2)
    /// ```
    public var mode: Mode = .slidingWindow
    /// Failure rate, in percent, at or above which the breaker trips (resilience4j `failureRateThreshold`, 50).
    ///
    /// ```swift
    /// configuration.failureRateThreshold = 25
    /// ```
    public var failureRateThreshold: Double = 50
    /// Slow-call rate, in percent, at or above which the breaker trips (resilience4j `slowCallRateThreshold`, 100).
    ///
    /// ```swift
    /// configuration.slowCallRateThreshold = 80
    /// ```
    public var slowCallRateThreshold: Double = 100
    /// Calls taking longer than this are slow (resilience4j `slowCallDurationThreshold`, 60 s).
    ///
    /// ```swift
    /// configuration.slowCallDurationThreshold = .seconds(2)
    /// ```
    public var slowCallDurationThreshold: Duration = .seconds(60)
    /// The sliding window (resilience4j `slidingWindowType`/`slidingWindowSize`, count-based 100).
    ///
    /// ```swift
    /// configuration.slidingWindow = .timeBased(seconds: 30)
    /// ```
    public var slidingWindow: SlidingWindow = .countBased(size: 100)
    /// Calls that must be recorded before rates are computed (resilience4j `minimumNumberOfCalls`, 100; capped at
    /// the window size for count-based windows).
    ///
    /// ```swift
    /// configuration.minimumNumberOfCalls = 10
    /// ```
    public var minimumNumberOfCalls: Int = 100
    /// How long the breaker stays open before allowing probes (resilience4j `waitDurationInOpenState`, 60 s;
    /// pybreaker `reset_timeout`).
    ///
    /// ```swift
    /// configuration.waitDurationInOpenState = .seconds(10)
    /// ```
    public var waitDurationInOpenState: Duration = .seconds(60)
    /// Probe calls permitted in half-open (resilience4j `permittedNumberOfCallsInHalfOpenState`, 10). In
    /// consecutive mode, the number of trial calls that may run at once.
    ///
    /// ```swift
    /// configuration.permittedNumberOfCallsInHalfOpenState = 3
    /// ```
    public var permittedNumberOfCallsInHalfOpenState: Int = 10
    /// The longest the breaker stays half-open before going back to open (resilience4j
    /// `maxWaitDurationInHalfOpenState`); zero waits for all probes to complete.
    ///
    /// ```swift
    /// configuration.maxWaitDurationInHalfOpenState = .seconds(30)
    /// ```
    public var maxWaitDurationInHalfOpenState: Duration = .zero
    /// Errors that are ignored: neither success nor failure; a half-open probe permit is given back
    /// (resilience4j `ignoreExceptions`). By default only `CancellationError`.
    ///
    /// ```swift
    /// configuration.isIgnored = { $0 is CancellationError || $0 is ClientClosedRequest }
    /// ```
    public var isIgnored: @Sendable (any Error) -> Bool = { $0 is CancellationError }
    /// Errors that count as failures; other (non-ignored) errors count as successes (resilience4j
    /// `recordExceptions`, pybreaker `exclude`). By default every error.
    ///
    /// ```swift
    /// configuration.isFailure = { ($0 as? HTTPError)?.status ?? 500 >= 500 }
    /// ```
    public var isFailure: @Sendable (any Error) -> Bool = { _ in true }
    /// Called after every call the breaker sees (success, failure, ignored error, or rejection) on the calling
    /// task, outside the breaker's lock; `nil` (the default) costs nothing. State changes are reported separately,
    /// by the breaker's `onStateChange` and ``CircuitBreaker/stateChanges()``.
    ///
    /// ```swift
    /// configuration.onCall = { event in calls.increment(outcome: event.outcome) }
    /// ```
    public var onCall: (@Sendable (CircuitBreakerCallEvent) -> Void)?

    /// resilience4j's defaults.
    ///
    /// ```swift
    /// let breaker = CircuitBreaker(configuration: CircuitBreakerConfiguration())
    /// ```
    public init() {}

    /// resilience4j's defaults with the most used settings changed.
    ///
    /// ```swift
    /// let configuration = CircuitBreakerConfiguration(
    ///     failureRateThreshold: 50, slidingWindow: .countBased(size: 20), minimumNumberOfCalls: 10,
    ///     waitDurationInOpenState: .seconds(30), permittedNumberOfCallsInHalfOpenState: 3)
    /// ```
    public init(
        failureRateThreshold: Double = 50,
        slowCallRateThreshold: Double = 100,
        slowCallDurationThreshold: Duration = .seconds(60),
        slidingWindow: SlidingWindow = .countBased(size: 100),
        minimumNumberOfCalls: Int = 100,
        waitDurationInOpenState: Duration = .seconds(60),
        permittedNumberOfCallsInHalfOpenState: Int = 10,
        maxWaitDurationInHalfOpenState: Duration = .zero
    ) {
        self.failureRateThreshold = failureRateThreshold
        self.slowCallRateThreshold = slowCallRateThreshold
        self.slowCallDurationThreshold = slowCallDurationThreshold
        self.slidingWindow = slidingWindow
        self.minimumNumberOfCalls = minimumNumberOfCalls
        self.waitDurationInOpenState = waitDurationInOpenState
        self.permittedNumberOfCallsInHalfOpenState = permittedNumberOfCallsInHalfOpenState
        self.maxWaitDurationInHalfOpenState = maxWaitDurationInHalfOpenState
    }

    /// pybreaker's behaviour: open after `failures` consecutive failures (`fail_max`), stay open `resetTimeout`
    /// (`reset_timeout`), then close after `successThreshold` consecutive successful trial calls
    /// (`success_threshold`); any trial failure re-opens.
    ///
    /// ```swift
    /// let breaker = CircuitBreaker(configuration: .consecutive(failures: 5, resetTimeout: .seconds(60)))
    /// ```
    public static func consecutive(
        failures: Int = 5,
        resetTimeout: Duration = .seconds(60),
        successThreshold: Int = 1
    ) -> CircuitBreakerConfiguration {
        var configuration = CircuitBreakerConfiguration()
        configuration.mode = .consecutive(failures: max(1, failures), successThreshold: max(1, successThreshold))
        configuration.waitDurationInOpenState = resetTimeout
        configuration.permittedNumberOfCallsInHalfOpenState = max(1, successThreshold)
        return configuration
    }
}
