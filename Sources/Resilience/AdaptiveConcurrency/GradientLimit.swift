/// A gradient concurrency-limit controller in the style of Netflix's `Gradient2Limit` and Envoy's adaptive
/// concurrency filter.
///
/// Each sample updates a short-term RTT (the latest sample, or the average of a sample window) and a long-term RTT
/// (an exponential moving average). The gradient `clamp(longRTT / shortRTT, 0.5, 1.0)` is below 1 only while
/// latency is rising; the new limit is `limit × gradient + queueSize`, smoothed with
/// `limit × (1 − smoothing) + new × smoothing` and clamped to `minLimit…maxLimit`. While latency is stable the limit
/// grows by `smoothing × queueSize` per sample; when latency rises it shrinks. The limit is not grown while the
/// caller is app-limited (fewer than half of the limit in flight). When latency falls back after a long overload
/// and `longRTT / shortRTT > 2`, the long-term RTT decays by 10 % per sample so the limit recovers quickly.
///
/// ```swift
/// var gradient = GradientLimit(.init(initialLimit: 20, minLimit: 5, maxLimit: 200))
/// let newLimit = gradient.update(rtt: .milliseconds(12), inFlight: 18)
/// ```
public struct GradientLimit: Sendable, Equatable {
    /// How much queueing the controller tolerates, as a function of the current limit.
    ///
    /// ```swift
    /// let configuration = GradientLimit.Configuration(queueSize: .squareRoot)
    /// ```
    public enum QueueSize: Sendable, Equatable {
        /// A fixed allowance (Netflix's default is 4).
        case fixed(Int)
        /// `max(1, √limit)` — grows slowly with the limit.
        case squareRoot
        /// `max(1, log10(limit))` — grows very slowly with the limit.
        case log10Root

        func allowance(forLimit limit: Double) -> Double {
            switch self {
            case .fixed(let value): Double(value)
            case .squareRoot: max(1, limit.squareRoot().rounded(.down))
            case .log10Root: max(1, Self.log10(limit).rounded(.down))
            }
        }

        private static func log10(_ x: Double) -> Double {
            guard x > 1 else { return 0 }
            var value = x
            var digits = 0.0
            while value >= 10 {
                value /= 10
                digits += 1
            }
            return digits
        }
    }

    /// Controller settings; the defaults match `Gradient2Limit`'s, except `minLimit` (1 here).
    ///
    /// ```swift
    /// let configuration = GradientLimit.Configuration(initialLimit: 50, maxLimit: 500, smoothing: 0.1)
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// The limit before any sample arrives.
        public var initialLimit: Int
        /// The smallest limit the controller will set.
        public var minLimit: Int
        /// The largest limit the controller will set.
        public var maxLimit: Int
        /// Weight of a new estimate (0…1); 1 replaces the limit with each estimate.
        public var smoothing: Double
        /// Queueing allowance added to each estimate.
        public var queueSize: QueueSize
        /// Number of samples the long-term exponential average spans (factor `2 / (n + 1)`).
        public var longWindow: Int
        /// Samples averaged arithmetically before the long-term average switches to exponential.
        public var warmupSamples: Int

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = GradientLimit.Configuration(initialLimit: 20, minLimit: 2)
        /// ```
        public init(
            initialLimit: Int = 20,
            minLimit: Int = 1,
            maxLimit: Int = 200,
            smoothing: Double = 0.2,
            queueSize: QueueSize = .fixed(4),
            longWindow: Int = 600,
            warmupSamples: Int = 10
        ) {
            precondition(minLimit >= 1 && minLimit <= maxLimit, "need 1 <= minLimit <= maxLimit")
            precondition(smoothing > 0 && smoothing <= 1, "smoothing must be in (0, 1]")
            precondition(longWindow >= 1 && warmupSamples >= 0, "windows must be positive")
            self.initialLimit = min(max(initialLimit, minLimit), maxLimit)
            self.minLimit = minLimit
            self.maxLimit = maxLimit
            self.smoothing = smoothing
            self.queueSize = queueSize
            self.longWindow = longWindow
            self.warmupSamples = warmupSamples
        }
    }

    /// The settings this controller runs with.
    public let configuration: Configuration
    /// The unrounded limit estimate.
    public private(set) var estimatedLimit: Double
    /// The long-term (exponentially averaged) RTT in seconds; 0 before the first sample.
    public private(set) var longRTT: Double = 0
    /// The latest short-term RTT in seconds; 0 before the first sample.
    public private(set) var shortRTT: Double = 0
    private var samples = 0
    private var warmupSum = 0.0

    /// Creates a controller at `configuration.initialLimit`.
    ///
    /// ```swift
    /// let gradient = GradientLimit(.init())
    /// ```
    public init(_ configuration: Configuration = .init()) {
        self.configuration = configuration
        self.estimatedLimit = Double(configuration.initialLimit)
    }

    /// The current limit (the estimate rounded down).
    ///
    /// ```swift
    /// let slots = gradient.limit
    /// ```
    public var limit: Int { Int(self.estimatedLimit) }

    /// Feeds one RTT sample (or a window's average) and returns the new limit.
    ///
    /// `inFlight` is the number of requests in flight when the sampled request started (the largest in the window);
    /// `didDrop` is accepted for symmetry with AIMD and, as in `Gradient2Limit`, does not change the gradient.
    ///
    /// ```swift
    /// let limit = gradient.update(rtt: .milliseconds(40), inFlight: 30)
    /// ```
    @discardableResult
    public mutating func update(rtt: Duration, inFlight: Int, didDrop: Bool = false) -> Int {
        let sample = rtt.adaptiveSeconds
        guard sample > 0 else { return self.limit }
        let queueSize = self.configuration.queueSize.allowance(forLimit: self.estimatedLimit)
        self.shortRTT = sample
        self.addLongSample(sample)

        if self.longRTT / self.shortRTT > 2 {
            self.longRTT *= 0.9
        }
        if Double(inFlight) < self.estimatedLimit / 2 {
            return self.limit
        }
        let gradient = max(0.5, min(1.0, self.longRTT / self.shortRTT))
        let estimate = self.estimatedLimit * gradient + queueSize
        let smoothed =
            self.estimatedLimit * (1 - self.configuration.smoothing) + estimate * self.configuration.smoothing
        self.estimatedLimit = min(
            Double(self.configuration.maxLimit), max(Double(self.configuration.minLimit), smoothed))
        return self.limit
    }

    private mutating func addLongSample(_ sample: Double) {
        if self.samples < self.configuration.warmupSamples {
            self.samples += 1
            self.warmupSum += sample
            self.longRTT = self.warmupSum / Double(self.samples)
        } else {
            let factor = 2.0 / Double(self.configuration.longWindow + 1)
            self.longRTT = self.longRTT * (1 - factor) + sample * factor
        }
    }
}
