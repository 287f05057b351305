/// Client-side adaptive throttling from the Google SRE book (chapter 21, "Handling Overload"), as pure state.
///
/// Over a sliding window (two minutes by default, in buckets) the client counts `requests` (every attempt by the
/// application layer, including those rejected locally) and `accepts` (requests the backend accepted). A new request
/// is rejected locally with probability `max(0, (requests − K × accepts) / (requests + 1))`, computed before the new
/// request is counted. `K = 2` lets the backend see about twice the traffic it accepts.
///
/// ```swift
/// var throttle = AdaptiveThrottleStateMachine(configuration: .init(), now: clock.now)
/// if case .send = throttle.attempt(at: clock.now, random: 0.42) {
///     // … on a non-overload response:
///     throttle.recordAccept(at: clock.now)
/// }
/// ```
public struct AdaptiveThrottleStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// Throttling settings.
    ///
    /// ```swift
    /// let configuration = AdaptiveThrottleStateMachine<ContinuousClock.Instant>.Configuration(k: 1.5)
    /// ```
    public struct Configuration: Sendable, Equatable {
        /// The multiplier `K`; lower values throttle more aggressively (the book suggests 2).
        public var k: Double
        /// Length of the sliding window.
        public var window: Duration
        /// Number of buckets the window is split into.
        public var buckets: Int

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = AdaptiveThrottleStateMachine<ContinuousClock.Instant>.Configuration(window: .seconds(60))
        /// ```
        public init(k: Double = 2, window: Duration = .seconds(120), buckets: Int = 120) {
            precondition(k > 0, "k must be positive")
            precondition(window > .zero && buckets >= 1, "window and buckets must be positive")
            self.k = k
            self.window = window
            self.buckets = buckets
        }
    }

    /// The decision for one request.
    ///
    /// ```swift
    /// if case .reject(let p) = throttle.attempt(at: now, random: roll) { log("throttled with p=\(p)") }
    /// ```
    public enum Decision: Sendable, Equatable {
        /// Send the request to the backend.
        case send
        /// Reject locally; `probability` was the rejection probability.
        case reject(probability: Double)
    }

    private struct Bucket: Sendable {
        var index: Int64
        var requests: Int
        var accepts: Int
    }

    /// The settings.
    public let configuration: Configuration
    private let origin: Instant
    private let bucketWidth: Duration
    private var slots: [Bucket]
    private var current: Int64 = 0
    private var nextBucketStart: Instant
    private var requests = 0
    private var accepts = 0

    /// Creates an empty window starting at `now`.
    ///
    /// ```swift
    /// let throttle = AdaptiveThrottleStateMachine(configuration: .init(), now: ContinuousClock.now)
    /// ```
    public init(configuration: Configuration, now: Instant) {
        self.configuration = configuration
        self.origin = now
        self.bucketWidth = configuration.window / configuration.buckets
        self.nextBucketStart = now.advanced(by: self.bucketWidth)
        self.slots = (0..<configuration.buckets).map {
            Bucket(index: Int64($0) - Int64(configuration.buckets), requests: 0, accepts: 0)
        }
        self.slots[0].index = 0
    }

    /// Requests and accepts inside the window ending at `now`.
    ///
    /// ```swift
    /// let (requests, accepts) = throttle.counts(at: now)
    /// ```
    public mutating func counts(at now: Instant) -> (requests: Int, accepts: Int) {
        self.advance(to: now)
        return (self.requests, self.accepts)
    }

    /// The probability that a request sent at `now` is rejected locally.
    ///
    /// ```swift
    /// let p = throttle.rejectionProbability(at: now)
    /// ```
    public mutating func rejectionProbability(at now: Instant) -> Double {
        self.advance(to: now)
        let requests = Double(self.requests)
        let accepts = Double(self.accepts)
        return max(0, (requests - self.configuration.k * accepts) / (requests + 1))
    }

    /// Decides one request (counting it as a request either way); `random` is uniform in `0..<1`.
    ///
    /// ```swift
    /// let decision = throttle.attempt(at: now, random: Double.random(in: 0..<1))
    /// ```
    public mutating func attempt(at now: Instant, random: Double) -> Decision {
        let probability = self.rejectionProbability(at: now)
        self.add(requests: 1, accepts: 0)
        return random < probability ? .reject(probability: probability) : .send
    }

    /// Counts a request the backend accepted (any response that is not an overload or quota rejection).
    ///
    /// ```swift
    /// throttle.recordAccept(at: now)
    /// ```
    public mutating func recordAccept(at now: Instant) {
        self.advance(to: now)
        self.add(requests: 0, accepts: 1)
    }

    private mutating func add(requests: Int, accepts: Int) {
        let slot = Int(self.current % Int64(self.slots.count))
        self.slots[slot].requests += requests
        self.slots[slot].accepts += accepts
        self.requests += requests
        self.accepts += accepts
    }

    private mutating func advance(to now: Instant) {
        guard now >= self.nextBucketStart else { return }
        let elapsed = self.origin.duration(to: now)
        guard elapsed > .zero else { return }
        let index = Int64((elapsed / self.bucketWidth).rounded(.down))
        guard index > self.current else { return }
        let count = Int64(self.slots.count)
        var next = self.current + 1
        if index - self.current > count { next = index - count + 1 }
        while next <= index {
            let slot = Int(next % count)
            self.requests -= self.slots[slot].requests
            self.accepts -= self.slots[slot].accepts
            self.slots[slot] = Bucket(index: next, requests: 0, accepts: 0)
            next += 1
        }
        self.current = index
        self.nextBucketStart = self.origin.advanced(by: self.bucketWidth * (index + 1))
    }
}
