/// How long ``Retry`` waits before each retry.
///
/// The default is capped exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): before
/// retry *n* (0-based) it waits a uniformly random duration in `0 ..< min(cap, base × multiplierⁿ)`.
/// ``decorrelatedJitter(base:cap:)`` waits `min(cap, random(base ..< previous × 3))`.
///
/// ```swift
/// let backoff = Backoff.exponential(base: .milliseconds(50), cap: .seconds(2))
/// let first = backoff.delay(forRetry: 0, previous: .zero, random: 0.5)  // 25 ms
/// ```
public struct Backoff: Hashable, Sendable {
    @usableFromInline
    enum Kind: Hashable, Sendable {
        case constant(Duration)
        case exponential(base: Duration, multiplier: Double, cap: Duration, jitter: Bool)
        case decorrelated(base: Duration, cap: Duration)
    }

    @usableFromInline let kind: Kind

    @inlinable
    init(_ kind: Kind) {
        self.kind = kind
    }

    /// The same wait before every retry.
    ///
    /// ```swift
    /// let backoff = Backoff.constant(.seconds(1))
    /// ```
    public static func constant(_ delay: Duration) -> Backoff {
        Backoff(.constant(max(.zero, delay)))
    }

    /// Capped exponential backoff with full jitter (the default: base 100 ms, multiplier 2, cap 10 s).
    ///
    /// ```swift
    /// let backoff = Backoff.exponential(base: .milliseconds(100), multiplier: 2, cap: .seconds(10))
    /// ```
    public static func exponential(
        base: Duration = .milliseconds(100), multiplier: Double = 2, cap: Duration = .seconds(10)
    ) -> Backoff {
        Backoff(.exponential(base: max(.zero, base), multiplier: max(1, multiplier), cap: max(.zero, cap), jitter: true))
    }

    /// Capped exponential backoff without jitter: exactly `min(cap, base × multiplierⁿ)`.
    ///
    /// ```swift
    /// let backoff = Backoff.exponentialWithoutJitter(base: .milliseconds(100), cap: .seconds(5))
    /// ```
    public static func exponentialWithoutJitter(
        base: Duration = .milliseconds(100), multiplier: Double = 2, cap: Duration = .seconds(10)
    ) -> Backoff {
        Backoff(
            .exponential(base: max(.zero, base), multiplier: max(1, multiplier), cap: max(.zero, cap), jitter: false))
    }

    /// Decorrelated jitter: `min(cap, random(base ..< previous × 3))`, starting from `previous = base`.
    ///
    /// ```swift
    /// let backoff = Backoff.decorrelatedJitter(base: .milliseconds(100), cap: .seconds(10))
    /// ```
    public static func decorrelatedJitter(base: Duration = .milliseconds(100), cap: Duration = .seconds(10)) -> Backoff {
        Backoff(.decorrelated(base: max(.zero, base), cap: max(.zero, cap)))
    }

    /// The wait before retry `retry` (0 for the first retry), given the previous wait and a uniform random number
    /// in `0 ..< 1`. Pure: the property tests drive it directly.
    ///
    /// ```swift
    /// let wait = backoff.delay(forRetry: 2, previous: lastWait, random: Double.random(in: 0..<1))
    /// ```
    @inlinable
    public func delay(forRetry retry: Int, previous: Duration, random: Double) -> Duration {
        switch self.kind {
        case .constant(let delay):
            return delay
        case .exponential(let base, let multiplier, let cap, let jitter):
            let capSeconds = cap.resilienceSeconds
            var ceiling = base.resilienceSeconds * Self.power(multiplier, retry)
            if !(ceiling < capSeconds) { ceiling = capSeconds }
            return Duration.resilienceSeconds(jitter ? ceiling * random : ceiling)
        case .decorrelated(let base, let cap):
            let low = base.resilienceSeconds
            let high = max(low, max(previous, base).resilienceSeconds * 3)
            return min(cap, Duration.resilienceSeconds(low + (high - low) * random))
        }
    }

    /// The first `previous` value for ``delay(forRetry:previous:random:)``.
    ///
    /// ```swift
    /// var previous = backoff.initialPrevious
    /// ```
    @inlinable
    public var initialPrevious: Duration {
        switch self.kind {
        case .constant(let delay): delay
        case .exponential(let base, _, _, _): base
        case .decorrelated(let base, _): base
        }
    }

    @inlinable
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        var remaining = min(exponent, 2048)
        while remaining > 0 && result < 1e300 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
