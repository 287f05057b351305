/// A loss-based concurrency limit: additive increase on success, multiplicative decrease on a drop or timeout.
///
/// On a drop, or an RTT above `timeout`, the limit becomes `max(minLimit, min(limit − 1, ⌊limit × backoffRatio⌋))`.
/// On a success while at least half of the limit is in flight it grows by one, up to `maxLimit`; otherwise it stays.
///
/// ```swift
/// var aimd = AIMDLimit(.init(initialLimit: 10, backoffRatio: 0.9))
/// aimd.update(rtt: .milliseconds(5), inFlight: 8, didDrop: false)  // 11
/// aimd.update(rtt: .milliseconds(5), inFlight: 8, didDrop: true)   // 9
/// ```
public struct AIMDLimit: Sendable, Equatable {
    /// AIMD settings.
    ///
    /// ```swift
    /// let configuration = AIMDLimit.Configuration(initialLimit: 20, timeout: .seconds(2))
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// The limit before any sample arrives.
        public var initialLimit: Int
        /// The smallest limit.
        public var minLimit: Int
        /// The largest limit.
        public var maxLimit: Int
        /// Multiplier applied on a drop, in `0.5..<1`.
        public var backoffRatio: Double
        /// An RTT above this counts as a drop.
        public var timeout: Duration

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = AIMDLimit.Configuration(backoffRatio: 0.75)
        /// ```
        public init(
            initialLimit: Int = 10,
            minLimit: Int = 1,
            maxLimit: Int = 200,
            backoffRatio: Double = 0.9,
            timeout: Duration = .seconds(5)
        ) {
            precondition(minLimit >= 1 && minLimit <= maxLimit, "need 1 <= minLimit <= maxLimit")
            precondition(backoffRatio >= 0.5 && backoffRatio < 1, "backoffRatio must be in [0.5, 1)")
            precondition(timeout > .zero, "timeout must be positive")
            self.initialLimit = min(max(initialLimit, minLimit), maxLimit)
            self.minLimit = minLimit
            self.maxLimit = maxLimit
            self.backoffRatio = backoffRatio
            self.timeout = timeout
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The current limit.
    public private(set) var limit: Int

    /// Creates a limit at `configuration.initialLimit`.
    ///
    /// ```swift
    /// let aimd = AIMDLimit(.init())
    /// ```
    public init(_ configuration: Configuration = .init()) {
        self.configuration = configuration
        self.limit = configuration.initialLimit
    }

    /// Feeds one sample and returns the new limit.
    ///
    /// ```swift
    /// let limit = aimd.update(rtt: .seconds(6), inFlight: 3, didDrop: false)  // a timeout: decreases
    /// ```
    @discardableResult
    public mutating func update(rtt: Duration, inFlight: Int, didDrop: Bool) -> Int {
        if didDrop || rtt > self.configuration.timeout {
            let backedOff = Int((Double(self.limit) * self.configuration.backoffRatio).rounded(.down))
            self.limit = max(self.configuration.minLimit, min(self.limit - 1, backedOff))
        } else if inFlight * 2 >= self.limit {
            self.limit = min(self.configuration.maxLimit, self.limit + 1)
        }
        return self.limit
    }
}
