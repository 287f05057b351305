/// The pure token arithmetic of a ``RetryBudget`` (gRPC retry throttling): tokens start at `maxTokens`; a failed
/// attempt costs 1, a successful one adds `tokenRatio` (capped at `maxTokens`); retries are allowed only while
/// tokens are above `maxTokens / 2`. Kept in thousandths of a token, as gRPC does, so it never drifts.
///
/// ```swift
/// var budget = RetryBudgetState(maxTokens: 10, tokenRatio: 0.1)
/// let mayRetry = budget.recordFailure()  // 9 tokens > 5: true
/// budget.recordSuccess()                 // 9.1 tokens
/// ```
public struct RetryBudgetState: Hashable, Sendable {
    @usableFromInline let maxMilliTokens: Int
    @usableFromInline let ratioMilliTokens: Int
    @usableFromInline var milliTokens: Int

    /// A full budget. `maxTokens` is clamped to 1…1000 and `tokenRatio` rounded to three decimals, as in gRPC.
    ///
    /// ```swift
    /// let state = RetryBudgetState(maxTokens: 100, tokenRatio: 0.2)
    /// ```
    public init(maxTokens: Double = 10, tokenRatio: Double = 0.1) {
        let maxTokens = min(max(maxTokens, 1), 1000)
        self.maxMilliTokens = Int((maxTokens * 1000).rounded())
        self.ratioMilliTokens = max(0, Int((tokenRatio * 1000).rounded()))
        self.milliTokens = self.maxMilliTokens
    }

    /// The tokens left.
    ///
    /// ```swift
    /// print(state.tokens)  // 9.1
    /// ```
    @inlinable
    public var tokens: Double { Double(self.milliTokens) / 1000 }

    /// The capacity.
    ///
    /// ```swift
    /// print(state.maxTokens)  // 10.0
    /// ```
    @inlinable
    public var maxTokens: Double { Double(self.maxMilliTokens) / 1000 }

    /// Tokens added per success.
    ///
    /// ```swift
    /// print(state.tokenRatio)  // 0.1
    /// ```
    @inlinable
    public var tokenRatio: Double { Double(self.ratioMilliTokens) / 1000 }

    /// Whether a retry is allowed now: tokens above half the capacity.
    ///
    /// ```swift
    /// if state.allowsRetry { retry() }
    /// ```
    @inlinable
    public var allowsRetry: Bool { self.milliTokens * 2 > self.maxMilliTokens }

    /// Records a successful attempt: adds `tokenRatio`, up to `maxTokens`.
    ///
    /// ```swift
    /// state.recordSuccess()
    /// ```
    @inlinable
    public mutating func recordSuccess() {
        self.milliTokens = min(self.maxMilliTokens, self.milliTokens + self.ratioMilliTokens)
    }

    /// Records a failed attempt (costs one token, not below zero) and returns whether a retry is allowed.
    ///
    /// ```swift
    /// guard state.recordFailure() else { throw error }
    /// ```
    @inlinable
    public mutating func recordFailure() -> Bool {
        self.milliTokens = max(0, self.milliTokens - 1000)
        return self.allowsRetry
    }
}
