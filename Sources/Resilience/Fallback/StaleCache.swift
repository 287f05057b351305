import Synchronization

/// Serves the last good value, up to a maximum staleness, when the live source fails.
///
/// Record good values with ``store(_:)`` (or wrap a tier with ``recording(_:)``), and use ``tier(name:)`` as a
/// fallback in a ``FallbackChain``, or ``execute(_:)`` for the common "live, else stale" pattern.
///
/// ```swift
/// let prices = StaleCache<Price, ContinuousClock>(maxStaleness: .seconds(300))
/// let quote = try await prices.execute { try await pricing.quote(sku) }
/// if let age = quote.age { response.headers["warning"] = "110 - stale by \(age)" }
/// ```
public final class StaleCache<Value: Sendable, C: Clock>: Sendable where C.Duration == Duration {
    /// A value and, when served from the cache, its age.
    ///
    /// ```swift
    /// let fresh = quote.age == nil
    /// ```
    public struct Served: Sendable {
        /// The value.
        public var value: Value
        /// `nil` for a live value; the age of a cached one.
        public var age: Duration?
    }

    /// The clock that ages values.
    public let clock: C
    private let state: Mutex<StaleCacheState<Value, C.Instant>>

    /// Creates an empty cache.
    ///
    /// ```swift
    /// let cache = StaleCache<Int, ManualClock>(maxStaleness: .seconds(60), clock: clock)
    /// ```
    public init(maxStaleness: Duration, clock: C) {
        self.clock = clock
        self.state = Mutex(StaleCacheState(maxStaleness: maxStaleness))
    }

    /// Stores a good value now.
    ///
    /// ```swift
    /// cache.store(latest)
    /// ```
    public func store(_ value: Value) {
        let now = self.clock.now
        self.state.withLock { $0.store(value, at: now) }
    }

    /// Looks up the value as of now.
    ///
    /// ```swift
    /// if case .available(let value, _) = cache.lookup() { return value }
    /// ```
    public func lookup() -> StaleCacheState<Value, C.Instant>.Lookup {
        let now = self.clock.now
        return self.state.withLock { $0.lookup(at: now) }
    }

    /// A fallback tier that serves the cached value or throws ``AdaptiveResilienceError/staleValueUnavailable``.
    ///
    /// ```swift
    /// let chain = FallbackChain([cache.recording(live), cache.tier()])
    /// ```
    public func tier(name: String = "stale-cache") -> FallbackTier<Value> {
        FallbackTier(name) {
            guard case .available(let value, _) = self.lookup() else {
                throw AdaptiveResilienceError.staleValueUnavailable
            }
            return value
        }
    }

    /// Wraps `tier` so its successes are stored in this cache.
    ///
    /// ```swift
    /// let live = cache.recording(FallbackTier("pricing") { try await pricing.quote(sku) })
    /// ```
    public func recording(_ tier: FallbackTier<Value>) -> FallbackTier<Value> {
        FallbackTier(tier.name) {
            let value = try await tier.operation()
            self.store(value)
            return value
        }
    }

    /// Runs `operation`; stores and returns its value, or on failure serves the cached value (with its age), or
    /// rethrows the failure when no value is fresh enough. `CancellationError` is always rethrown.
    ///
    /// ```swift
    /// let served = try await cache.execute { try await config.fetch() }
    /// ```
    public func execute(
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> Value
    ) async throws -> Served {
        do {
            let value = try await operation()
            self.store(value)
            return Served(value: value, age: nil)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            guard case .available(let value, let age) = self.lookup() else { throw error }
            return Served(value: value, age: age)
        }
    }
}

extension StaleCache where C == ContinuousClock {
    /// Creates an empty cache on the continuous clock.
    ///
    /// ```swift
    /// let cache = StaleCache<[Item], ContinuousClock>(maxStaleness: .seconds(600))
    /// ```
    public convenience init(maxStaleness: Duration) {
        self.init(maxStaleness: maxStaleness, clock: ContinuousClock())
    }
}
