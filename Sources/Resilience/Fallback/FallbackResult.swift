/// The value a ``FallbackChain`` produced and where it came from.
///
/// ```swift
/// let result = try await chain.execute()
/// if result.isDegraded { response.headers["x-degraded"] = result.tier }
/// ```
public struct FallbackResult<Value: Sendable>: Sendable {
    /// The value.
    public var value: Value
    /// The name of the tier that produced it.
    public var tier: String
    /// Its position in the chain (0 = primary).
    public var tierIndex: Int
    /// Failures of the tiers tried before it, in order.
    public var failures: [FallbackFailure]

    /// Whether a fallback (not the primary) produced the value.
    ///
    /// ```swift
    /// if result.isDegraded { metrics.increment("fallback_used") }
    /// ```
    public var isDegraded: Bool { self.tierIndex > 0 }
}

/// A tier's failure inside a ``FallbackChain``.
///
/// ```swift
/// for failure in result.failures { logger.debug("\(failure.tier) failed: \(failure.error)") }
/// ```
public struct FallbackFailure: Sendable {
    /// The tier's name.
    public var tier: String
    /// What it threw.
    public var error: any Error
}

/// Thrown when every tier of a ``FallbackChain`` failed; carries each failure in order.
///
/// ```swift
/// catch let error as FallbackChainError { logger.error("all tiers failed: \(error.failures.map(\.tier))") }
/// ```
public struct FallbackChainError: Error, Sendable, CustomStringConvertible {
    /// Each tier's failure, in order.
    public var failures: [FallbackFailure]
    /// The category: ``AdaptiveResilienceError/noFallbackSucceeded``.
    public var code: AdaptiveResilienceError { .noFallbackSucceeded }

    /// A summary naming each failed tier.
    ///
    /// ```swift
    /// print(error)  // every fallback tier failed: primary (…), cache (…)
    /// ```
    public var description: String {
        let parts = self.failures.map { "\($0.tier) (\($0.error))" }
        return "every fallback tier failed: " + parts.joined(separator: ", ")
    }
}
