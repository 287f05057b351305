/// The algorithm of a ``RateLimiter``.
///
/// ```swift
/// let bucket = RateLimiterAlgorithm.tokenBucket(capacity: 20, refillRate: 10)         // 10/s, bursts of 20
/// let gcra = RateLimiterAlgorithm.gcra(rate: 100, period: .seconds(1), burst: 10)     // 100/s, bursts of 10
/// ```
public enum RateLimiterAlgorithm: Hashable, Sendable {
    /// A token bucket holding up to `capacity` tokens, refilled continuously at `refillRate` tokens per second;
    /// each permit takes one token.
    ///
    /// ```swift
    /// let limiter = RateLimiter(.tokenBucket(capacity: 100, refillRate: 50))
    /// ```
    case tokenBucket(capacity: Int, refillRate: Double)
    /// The generic cell rate algorithm: `rate` permits per `period`, evenly spaced, with up to `burst` permits at
    /// once. Keeps one instant of state (the theoretical arrival time).
    ///
    /// ```swift
    /// let limiter = RateLimiter(.gcra(rate: 10, period: .seconds(1), burst: 5))
    /// ```
    case gcra(rate: Int, period: Duration, burst: Int)
}
