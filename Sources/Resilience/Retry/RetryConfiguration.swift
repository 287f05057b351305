/// How ``Retry`` decides whether and when to try again.
///
/// ```swift
/// var configuration = RetryConfiguration(maxAttempts: 4, backoff: .decorrelatedJitter())
/// configuration.shouldRetry = { ($0 as? HTTPError)?.isTransient ?? true }
/// let retry = Retry(configuration: configuration, budget: budget)
/// ```
public struct RetryConfiguration: Sendable {
    /// Attempts in total, the first included (gRPC `maxAttempts`); 3 by default. 1 disables retries.
    ///
    /// ```swift
    /// configuration.maxAttempts = 5
    /// ```
    public var maxAttempts: Int
    /// The wait before each retry; capped exponential with full jitter by default.
    ///
    /// ```swift
    /// configuration.backoff = .exponential(base: .milliseconds(20), cap: .seconds(1))
    /// ```
    public var backoff: Backoff
    /// Which errors are worth retrying. By default every error except `CancellationError`,
    /// ``ResilienceError/deadlineExceeded`` and ``ResilienceError/retryBudgetExhausted`` (so a per-attempt
    /// ``ResilienceError/timedOut`` is retried).
    ///
    /// ```swift
    /// configuration.shouldRetry = { !($0 is DecodingError) }
    /// ```
    public var shouldRetry: @Sendable (any Error) -> Bool
    /// The longest ``RetryAfterProviding/retryAfter`` hint honoured; a longer hint ends retrying (the error is
    /// rethrown). `nil` honours any hint (still bounded by the current ``Deadline``).
    ///
    /// ```swift
    /// configuration.maxRetryAfter = .seconds(30)
    /// ```
    public var maxRetryAfter: Duration?
    /// When the budget refuses a retry: `false` (default, as gRPC) rethrows the last error; `true` throws
    /// ``ResilienceError/retryBudgetExhausted`` with the last error as ``ResilienceError/underlyingError``.
    ///
    /// ```swift
    /// configuration.throwsBudgetExhausted = true
    /// ```
    public var throwsBudgetExhausted: Bool
    /// Called before each wait with the retry number (1 for the first retry), the error and the wait.
    ///
    /// ```swift
    /// configuration.onRetry = { retry, error, delay in logger.debug("retry \(retry) in \(delay): \(error)") }
    /// ```
    public var onRetry: (@Sendable (Int, any Error, Duration) -> Void)?
    /// Called when a retry was wanted (retryable error, attempts left) but the ``RetryBudget`` refused it, with the
    /// retries already made and the last error, just before that error (or ``ResilienceError/retryBudgetExhausted``)
    /// is thrown.
    ///
    /// ```swift
    /// configuration.onBudgetExhausted = { retries, error in logger.warning("no budget after \(retries): \(error)") }
    /// ```
    public var onBudgetExhausted: (@Sendable (Int, any Error) -> Void)?

    /// The default retryable-error predicate.
    ///
    /// ```swift
    /// configuration.shouldRetry = { RetryConfiguration.defaultShouldRetry($0) && !($0 is DecodingError) }
    /// ```
    @Sendable
    public static func defaultShouldRetry(_ error: any Error) -> Bool {
        if error is CancellationError { return false }
        if let error = error as? ResilienceError {
            return error != .deadlineExceeded && error != .retryBudgetExhausted
        }
        return true
    }

    /// Creates a configuration.
    ///
    /// ```swift
    /// let configuration = RetryConfiguration(maxAttempts: 3, backoff: .exponential())
    /// ```
    public init(
        maxAttempts: Int = 3,
        backoff: Backoff = .exponential(),
        maxRetryAfter: Duration? = nil,
        throwsBudgetExhausted: Bool = false,
        shouldRetry: @escaping @Sendable (any Error) -> Bool = RetryConfiguration.defaultShouldRetry,
        onRetry: (@Sendable (Int, any Error, Duration) -> Void)? = nil
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.maxRetryAfter = maxRetryAfter
        self.throwsBudgetExhausted = throwsBudgetExhausted
        self.shouldRetry = shouldRetry
        self.onRetry = onRetry
    }
}
