/// Graceful degradation: tiered sources tried in order until one succeeds.
///
/// A tier's error moves on to the next tier when `shouldFallBack(error)` is true (by default every error except
/// `CancellationError`); otherwise it is rethrown at once. When all tiers fail, ``FallbackChainError`` lists why.
///
/// ```swift
/// let cache = StaleCache<[Item], ContinuousClock>(maxStaleness: .seconds(600))
/// let chain = FallbackChain([
///     cache.recording(FallbackTier("recommender") { try await recommender.forUser(id) }),
///     cache.tier(),
///     FallbackTier("popular") { try await popular.top(20) },
///     FallbackTier("empty") { [] },
/// ])
/// let items = try await chain.execute().value
/// ```
public struct FallbackChain<Value: Sendable>: Sendable {
    /// The tiers, primary first.
    public let tiers: [FallbackTier<Value>]
    private let shouldFallBack: @Sendable (any Error) -> Bool

    /// Creates a chain.
    ///
    /// ```swift
    /// let chain = FallbackChain([primary, secondary], shouldFallBack: { !($0 is ValidationError) })
    /// ```
    public init(
        _ tiers: [FallbackTier<Value>],
        shouldFallBack: @escaping @Sendable (any Error) -> Bool = { !($0 is CancellationError) }
    ) {
        self.tiers = tiers
        self.shouldFallBack = shouldFallBack
    }

    /// Tries each tier in order and returns the first value.
    ///
    /// ```swift
    /// let result = try await chain.execute()
    /// ```
    public func execute() async throws -> FallbackResult<Value> {
        guard !self.tiers.isEmpty else { throw AdaptiveResilienceError.noFallbackTiers }
        var failures: [FallbackFailure] = []
        for (index, tier) in self.tiers.enumerated() {
            try Task.checkCancellation()
            do {
                let value = try await tier.operation()
                return FallbackResult(value: value, tier: tier.name, tierIndex: index, failures: failures)
            } catch {
                guard self.shouldFallBack(error) else { throw error }
                failures.append(FallbackFailure(tier: tier.name, error: error))
            }
        }
        throw FallbackChainError(failures: failures)
    }
}
