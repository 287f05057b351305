/// The pure state of a stale cache: the last good value and when it was stored.
///
/// ```swift
/// var state = StaleCacheState<Int, ContinuousClock.Instant>(maxStaleness: .seconds(60))
/// state.store(42, at: now)
/// if case .available(let value, let age) = state.lookup(at: now.advanced(by: .seconds(10))) { use(value, age) }
/// ```
public struct StaleCacheState<Value: Sendable, Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// The result of a lookup.
    ///
    /// ```swift
    /// switch state.lookup(at: now) { case .available(let v, _): v; case .expired, .empty: fallback() }
    /// ```
    public enum Lookup: Sendable {
        /// Nothing stored yet.
        case empty
        /// A value no older than the maximum staleness.
        case available(Value, age: Duration)
        /// The stored value is older than the maximum staleness.
        case expired(age: Duration)
    }

    /// How old a value may be and still be served.
    public let maxStaleness: Duration
    private var entry: (value: Value, storedAt: Instant)?

    /// Creates an empty cache state.
    ///
    /// ```swift
    /// let state = StaleCacheState<String, ContinuousClock.Instant>(maxStaleness: .seconds(300))
    /// ```
    public init(maxStaleness: Duration) {
        precondition(maxStaleness >= .zero, "maxStaleness must not be negative")
        self.maxStaleness = maxStaleness
    }

    /// Stores a good value.
    ///
    /// ```swift
    /// state.store(price, at: clock.now)
    /// ```
    public mutating func store(_ value: Value, at now: Instant) {
        self.entry = (value, now)
    }

    /// Looks up the value as of `now`.
    ///
    /// ```swift
    /// let lookup = state.lookup(at: clock.now)
    /// ```
    public func lookup(at now: Instant) -> Lookup {
        guard let entry = self.entry else { return .empty }
        let age = max(.zero, entry.storedAt.duration(to: now))
        return age <= self.maxStaleness ? .available(entry.value, age: age) : .expired(age: age)
    }
}
