/// A ring buffer of recent latencies that answers percentile queries (nearest-rank).
///
/// ```swift
/// var latencies = LatencyPercentileTracker(capacity: 1000)
/// latencies.record(.milliseconds(12))
/// let p99 = latencies.percentile(0.99)
/// ```
public struct LatencyPercentileTracker: Sendable, Equatable {
    /// How many recent latencies are kept.
    public let capacity: Int
    private var samples: [Duration] = []
    private var next = 0

    /// Creates an empty tracker.
    ///
    /// ```swift
    /// let latencies = LatencyPercentileTracker(capacity: 500)
    /// ```
    public init(capacity: Int = 1000) {
        precondition(capacity >= 1, "capacity must be at least 1")
        self.capacity = capacity
        self.samples.reserveCapacity(capacity)
    }

    /// Latencies currently held.
    ///
    /// ```swift
    /// if latencies.count >= 20 { … }
    /// ```
    public var count: Int { self.samples.count }

    /// Adds a latency, evicting the oldest when full.
    ///
    /// ```swift
    /// latencies.record(elapsed)
    /// ```
    public mutating func record(_ latency: Duration) {
        if self.samples.count < self.capacity {
            self.samples.append(latency)
        } else {
            self.samples[self.next] = latency
        }
        self.next = (self.next + 1) % self.capacity
    }

    /// The nearest-rank percentile (`p` in 0…1), or `nil` when empty.
    ///
    /// ```swift
    /// let median = latencies.percentile(0.5)
    /// ```
    public func percentile(_ p: Double) -> Duration? {
        guard !self.samples.isEmpty else { return nil }
        let sorted = self.samples.sorted()
        let clamped = min(1, max(0, p))
        let rank = Int((clamped * Double(sorted.count)).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }
}
