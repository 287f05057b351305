/// Which algorithm sets a concurrency limit.
///
/// ```swift
/// let limiter = AdaptiveConcurrencyLimiter(algorithm: .gradient(.init(initialLimit: 20, maxLimit: 400)))
/// let simple = AdaptiveConcurrencyLimiter(algorithm: .aimd(.init(initialLimit: 10)))
/// let fixed = AdaptiveConcurrencyLimiter(algorithm: .fixed(64))
/// ```
public enum ConcurrencyLimitAlgorithm: Sendable, Equatable {
    /// A constant limit (samples are ignored).
    case fixed(Int)
    /// The latency-gradient controller (``GradientLimit``).
    case gradient(GradientLimit.Configuration)
    /// Additive increase, multiplicative decrease (``AIMDLimit``).
    case aimd(AIMDLimit.Configuration)
}

/// The running state of one of the ``ConcurrencyLimitAlgorithm``s.
///
/// ```swift
/// var state = ConcurrencyLimit(.aimd(.init()))
/// state.update(rtt: .milliseconds(3), inFlight: 9, didDrop: false)
/// ```
public enum ConcurrencyLimit: Sendable, Equatable {
    /// A constant limit.
    case fixed(Int)
    /// A gradient controller.
    case gradient(GradientLimit)
    /// An AIMD controller.
    case aimd(AIMDLimit)

    /// Starts an algorithm at its initial limit.
    ///
    /// ```swift
    /// let state = ConcurrencyLimit(.fixed(8))  // state.limit == 8
    /// ```
    public init(_ algorithm: ConcurrencyLimitAlgorithm) {
        switch algorithm {
        case .fixed(let limit):
            precondition(limit >= 0, "a fixed limit must not be negative")
            self = .fixed(limit)
        case .gradient(let configuration): self = .gradient(GradientLimit(configuration))
        case .aimd(let configuration): self = .aimd(AIMDLimit(configuration))
        }
    }

    /// The current limit.
    ///
    /// ```swift
    /// let slots = state.limit
    /// ```
    public var limit: Int {
        switch self {
        case .fixed(let limit): limit
        case .gradient(let gradient): gradient.limit
        case .aimd(let aimd): aimd.limit
        }
    }

    /// Feeds one sample and returns the new limit.
    ///
    /// ```swift
    /// let limit = state.update(rtt: .milliseconds(20), inFlight: 12, didDrop: false)
    /// ```
    @discardableResult
    public mutating func update(rtt: Duration, inFlight: Int, didDrop: Bool) -> Int {
        switch self {
        case .fixed(let limit):
            return limit
        case .gradient(var gradient):
            let limit = gradient.update(rtt: rtt, inFlight: inFlight, didDrop: didDrop)
            self = .gradient(gradient)
            return limit
        case .aimd(var aimd):
            let limit = aimd.update(rtt: rtt, inFlight: inFlight, didDrop: didDrop)
            self = .aimd(aimd)
            return limit
        }
    }
}
