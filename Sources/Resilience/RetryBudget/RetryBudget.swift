public import Synchronization

/// A retry budget shared by every ``Retry`` that calls one dependency (gRPC retry throttling): failures spend
/// tokens, successes earn a fraction back, and retries stop while fewer than half the tokens are left, so retries
/// cannot multiply load on a dependency that is down.
///
/// ```swift
/// let inventoryBudget = RetryBudget(maxTokens: 10, tokenRatio: 0.1)
/// let getStock = Retry(budget: inventoryBudget)
/// let reserve = Retry(budget: inventoryBudget)  // same dependency, same budget
/// ```
public final class RetryBudget: Sendable {
    @usableFromInline let state: Mutex<RetryBudgetState>

    /// Creates a full budget (gRPC `retryThrottling`: `maxTokens`, `tokenRatio`).
    ///
    /// ```swift
    /// let budget = RetryBudget(maxTokens: 100, tokenRatio: 0.2)
    /// ```
    public init(maxTokens: Double = 10, tokenRatio: Double = 0.1) {
        self.state = Mutex(RetryBudgetState(maxTokens: maxTokens, tokenRatio: tokenRatio))
    }

    /// The tokens left.
    ///
    /// ```swift
    /// gauge.record(budget.tokens)
    /// ```
    public var tokens: Double {
        self.state.withLock { $0.tokens }
    }

    /// Whether a retry would be allowed now.
    ///
    /// ```swift
    /// if budget.allowsRetry { … }
    /// ```
    public var allowsRetry: Bool {
        self.state.withLock { $0.allowsRetry }
    }

    /// Records a successful attempt.
    ///
    /// ```swift
    /// budget.recordSuccess()
    /// ```
    @inlinable
    public func recordSuccess() {
        self.state.withLock { $0.recordSuccess() }
    }

    /// Records a failed attempt and returns whether a retry is allowed.
    ///
    /// ```swift
    /// if budget.recordFailure() { try await retry() }
    /// ```
    @inlinable
    public func recordFailure() -> Bool {
        self.state.withLock { $0.recordFailure() }
    }
}
