/// An error thrown by the core strategies (circuit breaker, retry, timeout, bulkhead, rate limiter).
///
/// Cases are static members so new ones can be added without breaking callers. Equality compares the case only;
/// ``retryAfter`` and ``underlyingError`` carry details. Cases also work as `catch` patterns:
/// ```swift
/// do {
///     try await pipeline.execute { try await inventory.stock(sku) }
/// } catch ResilienceError.circuitOpen {
///     return .serviceUnavailable
/// } catch let error as ResilienceError where error == .rateLimited {
///     return .tooManyRequests(retryAfter: error.retryAfter)
/// }
/// ```
public struct ResilienceError: Error, Hashable, Sendable, CustomStringConvertible, RetryAfterProviding {
    @usableFromInline
    enum Code: UInt8, Hashable, Sendable {
        case circuitOpen
        case rateLimited
        case bulkheadFull
        case bulkheadQueueTimeout
        case timedOut
        case deadlineExceeded
        case retryBudgetExhausted
    }

    @usableFromInline
    let code: Code

    /// How long the caller should wait before trying again, when the strategy knows (an open breaker's remaining
    /// wait, a rate limiter's time to the next token).
    ///
    /// ```swift
    /// if let wait = error.retryAfter { response.headers["Retry-After"] = "\(wait.components.seconds)" }
    /// ```
    public let retryAfter: Duration?

    /// The error that led to this one, when there is one (the last attempt's error for ``retryBudgetExhausted``).
    ///
    /// ```swift
    /// if error == .retryBudgetExhausted, let last = error.underlyingError { log(last) }
    /// ```
    public let underlyingError: (any Error)?

    @usableFromInline
    init(_ code: Code, retryAfter: Duration? = nil, underlyingError: (any Error)? = nil) {
        self.code = code
        self.retryAfter = retryAfter
        self.underlyingError = underlyingError
    }

    /// The circuit breaker is open (or forced open) and rejected the call without running it.
    ///
    /// ```swift
    /// catch ResilienceError.circuitOpen { return cachedValue }
    /// ```
    public static let circuitOpen = Self(.circuitOpen)
    /// The rate limiter had no permit for the call.
    ///
    /// ```swift
    /// catch ResilienceError.rateLimited { return .tooManyRequests }
    /// ```
    public static let rateLimited = Self(.rateLimited)
    /// The bulkhead is at its concurrency limit and its queue is full (or it has no queue).
    ///
    /// ```swift
    /// catch ResilienceError.bulkheadFull { return .serviceUnavailable }
    /// ```
    public static let bulkheadFull = Self(.bulkheadFull)
    /// The call waited in the bulkhead's queue longer than the queue timeout.
    ///
    /// ```swift
    /// catch ResilienceError.bulkheadQueueTimeout { return .serviceUnavailable }
    /// ```
    public static let bulkheadQueueTimeout = Self(.bulkheadQueueTimeout)
    /// A ``Timeout`` strategy's own duration elapsed; the operation was cancelled.
    ///
    /// ```swift
    /// catch ResilienceError.timedOut { return .gatewayTimeout }
    /// ```
    public static let timedOut = Self(.timedOut)
    /// The inherited ``Deadline`` passed: either before the work started (it was not started) or while it ran.
    ///
    /// ```swift
    /// catch ResilienceError.deadlineExceeded { return .gatewayTimeout }
    /// ```
    public static let deadlineExceeded = Self(.deadlineExceeded)
    /// A retry was wanted but the shared ``RetryBudget`` had no tokens left; ``underlyingError`` is the last error.
    ///
    /// ```swift
    /// catch let error as ResilienceError where error == .retryBudgetExhausted { throw error.underlyingError! }
    /// ```
    public static let retryBudgetExhausted = Self(.retryBudgetExhausted)

    /// Compares the case only.
    ///
    /// ```swift
    /// assert(ResilienceError.circuitOpen == .circuitOpen)
    /// ```
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the case only.
    ///
    /// ```swift
    /// let counts: [ResilienceError: Int] = [.circuitOpen: 1]
    /// ```
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }

    /// Lets a case be used as a `catch` or `switch` pattern against any error.
    ///
    /// ```swift
    /// catch ResilienceError.deadlineExceeded { … }
    /// ```
    @inlinable
    public static func ~= (pattern: Self, value: any Error) -> Bool {
        (value as? Self)?.code == pattern.code
    }

    /// A short, stable description of the case.
    ///
    /// ```swift
    /// print(ResilienceError.circuitOpen)  // "circuit breaker is open"
    /// ```
    public var description: String {
        switch self.code {
        case .circuitOpen: "circuit breaker is open"
        case .rateLimited: "rate limited"
        case .bulkheadFull: "bulkhead is full"
        case .bulkheadQueueTimeout: "timed out waiting in the bulkhead queue"
        case .timedOut: "operation timed out"
        case .deadlineExceeded: "deadline exceeded"
        case .retryBudgetExhausted: "retry budget exhausted"
        }
    }
}
