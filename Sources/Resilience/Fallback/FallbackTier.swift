/// One source in a ``FallbackChain``: a name for diagnostics and the operation that produces the value.
///
/// ```swift
/// let primary = FallbackTier("recommendations-service") { try await recommender.forUser(id) }
/// let popular = FallbackTier("popular-items") { try await cache.popularItems() }
/// let empty = FallbackTier("empty") { [Item]() }
/// ```
public struct FallbackTier<Value: Sendable>: Sendable {
    /// The tier's name, reported in results and failures.
    public let name: String
    let operation: @Sendable () async throws -> Value

    /// Creates a tier.
    ///
    /// ```swift
    /// let tier = FallbackTier("static-default") { Price.unknown }
    /// ```
    public init(_ name: String, _ operation: @escaping @Sendable () async throws -> Value) {
        self.name = name
        self.operation = operation
    }
}
