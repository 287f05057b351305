import Metrics
public import Resilience

/// Records one ``Resilience/Retry``'s retries and its budget:
///
/// - `resilience_retry_attempts_total{name}`: retries made (attempts after the first),
/// - `resilience_retry_budget_exhausted_total{name}`: retries the ``Resilience/RetryBudget`` refused,
/// - `resilience_retry_budget_tokens{name}`: the budget's tokens, when sampled with ``record(budget:)``.
///
/// ```swift
/// let recorder = metrics.retry(name: "inventory")
/// let retry = Retry(configuration: recorder.instrument(RetryConfiguration(maxAttempts: 3)), budget: budget)
/// ```
public final class RetryRecorder: Sendable {
    /// The `name` dimension of every metric this recorder writes.
    ///
    /// ```swift
    /// print(recorder.name)  // "inventory"
    /// ```
    public let name: String
    private let attempts: Counter
    private let exhausted: Counter
    private let tokens: Gauge

    init(metrics: ResilienceMetrics, name: String) {
        self.name = name
        self.attempts = metrics.counter(ResilienceMetricName.retryAttempts, [("name", name)])
        self.exhausted = metrics.counter(ResilienceMetricName.retryBudgetExhausted, [("name", name)])
        self.tokens = metrics.gauge(ResilienceMetricName.retryBudgetTokens, [("name", name)])
    }

    /// `configuration` with ``Resilience/RetryConfiguration/onRetry`` and
    /// ``Resilience/RetryConfiguration/onBudgetExhausted`` recording here, after any closures it already had.
    ///
    /// ```swift
    /// let retry = Retry(configuration: recorder.instrument(.init(maxAttempts: 4)), budget: budget)
    /// ```
    public func instrument(_ configuration: RetryConfiguration) -> RetryConfiguration {
        var configuration = configuration
        let existingRetry = configuration.onRetry
        configuration.onRetry = { [self] retry, error, delay in
            existingRetry?(retry, error, delay)
            self.recordRetry()
        }
        let existingExhausted = configuration.onBudgetExhausted
        configuration.onBudgetExhausted = { [self] retries, error in
            existingExhausted?(retries, error)
            self.recordBudgetExhausted()
        }
        return configuration
    }

    /// Counts one retry.
    ///
    /// ```swift
    /// configuration.onRetry = { _, _, _ in recorder.recordRetry() }
    /// ```
    public func recordRetry() {
        self.attempts.increment()
    }

    /// Counts one retry refused by the budget.
    ///
    /// ```swift
    /// configuration.onBudgetExhausted = { _, _ in recorder.recordBudgetExhausted() }
    /// ```
    public func recordBudgetExhausted() {
        self.exhausted.increment()
    }

    /// Samples the budget's tokens into `resilience_retry_budget_tokens` (call it periodically, or after calls).
    ///
    /// ```swift
    /// recorder.record(budget: retry.budget)
    /// ```
    public func record(budget: RetryBudget) {
        self.tokens.record(budget.tokens)
    }
}
