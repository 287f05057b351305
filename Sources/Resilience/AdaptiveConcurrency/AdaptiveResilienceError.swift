/// An error thrown by the adaptive strategies (concurrency limits, throttling, load shedding, fallback, hedging,
/// fault injection and health checks).
///
/// Cases are exposed as static members so new ones can be added without breaking callers:
/// ```swift
/// do {
///     try await limiter.execute { try await callInventory() }
/// } catch let error as AdaptiveResilienceError where error == .concurrencyLimitExceeded {
///     return .serviceUnavailable
/// }
/// ```
public struct AdaptiveResilienceError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case concurrencyLimitExceeded
        case throttled
        case shed
        case queueTimeout
        case queueFull
        case noFallbackSucceeded
        case noFallbackTiers
        case staleValueUnavailable
        case hedgingExhausted
        case injectedFault
        case healthCheckTimedOut
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// The adaptive concurrency limit is reached; the request was rejected without running.
    ///
    /// ```swift
    /// if error == .concurrencyLimitExceeded { retryElsewhere() }
    /// ```
    public static let concurrencyLimitExceeded = Self(.concurrencyLimitExceeded)
    /// Client-side adaptive throttling rejected the request locally.
    ///
    /// ```swift
    /// if error == .throttled { serveDegraded() }
    /// ```
    public static let throttled = Self(.throttled)
    /// The load shedder rejected the request because of its criticality and the current load.
    ///
    /// ```swift
    /// if error == .shed { respond(503) }
    /// ```
    public static let shed = Self(.shed)
    /// The request waited in the admission queue longer than its (CoDel) queue timeout.
    ///
    /// ```swift
    /// if error == .queueTimeout { respond(503) }
    /// ```
    public static let queueTimeout = Self(.queueTimeout)
    /// The admission queue for the request's criticality is full.
    ///
    /// ```swift
    /// if error == .queueFull { respond(503) }
    /// ```
    public static let queueFull = Self(.queueFull)
    /// Every tier of a fallback chain failed.
    ///
    /// ```swift
    /// if error == .noFallbackSucceeded { showMaintenancePage() }
    /// ```
    public static let noFallbackSucceeded = Self(.noFallbackSucceeded)
    /// A fallback chain was run with no tiers.
    ///
    /// ```swift
    /// #expect(throws: AdaptiveResilienceError.noFallbackTiers) { try await FallbackChain<Int>([]).execute() }
    /// ```
    public static let noFallbackTiers = Self(.noFallbackTiers)
    /// A stale cache holds no value, or only one older than its maximum staleness.
    ///
    /// ```swift
    /// if error == .staleValueUnavailable { fetchDefault() }
    /// ```
    public static let staleValueUnavailable = Self(.staleValueUnavailable)
    /// Every hedged attempt failed.
    ///
    /// ```swift
    /// if error == .hedgingExhausted { fail() }
    /// ```
    public static let hedgingExhausted = Self(.hedgingExhausted)
    /// A fault injected on purpose by ``FaultInjection``.
    ///
    /// ```swift
    /// try await chaos.execute(.error(AdaptiveResilienceError.injectedFault)) { try await call() }
    /// ```
    public static let injectedFault = Self(.injectedFault)
    /// A health check did not finish within its timeout.
    ///
    /// ```swift
    /// if error == .healthCheckTimedOut { markUnhealthy() }
    /// ```
    public static let healthCheckTimedOut = Self(.healthCheckTimedOut)

    /// A short human-readable message.
    ///
    /// ```swift
    /// print(AdaptiveResilienceError.throttled.description)  // "request throttled locally"
    /// ```
    public var description: String {
        switch self.code {
        case .concurrencyLimitExceeded: "concurrency limit exceeded"
        case .throttled: "request throttled locally"
        case .shed: "request shed because of load"
        case .queueTimeout: "request timed out in the admission queue"
        case .queueFull: "admission queue full"
        case .noFallbackSucceeded: "every fallback tier failed"
        case .noFallbackTiers: "fallback chain has no tiers"
        case .staleValueUnavailable: "no cached value within the maximum staleness"
        case .hedgingExhausted: "every hedged attempt failed"
        case .injectedFault: "injected fault"
        case .healthCheckTimedOut: "health check timed out"
        }
    }
}
