/// Settings of a ``TrafficGenerator``.
///
/// ```swift
/// let configuration = TrafficGeneratorConfiguration(baseURL: "http://127.0.0.1:8081", requestsPerSecond: 5)
/// ```
public struct TrafficGeneratorConfiguration: Sendable {
    /// Where the demo service listens, e.g. `http://127.0.0.1:8081`. Must be a loopback address unless
    /// ``allowNonLoopback`` is set.
    public var baseURL: String
    /// Target request rate. Requests are sent one at a time, so a slow service lowers the achieved rate.
    public var requestsPerSecond: Double
    /// Stop after sending this many requests.
    public var maxRequests: Int?
    /// Stop after running this long.
    public var maxDuration: Duration?
    /// Seed of the request mix.
    public var seed: UInt64
    /// Per-request timeout.
    public var requestTimeout: Duration
    /// Permit a base URL that is not on the loopback interface.
    public var allowNonLoopback: Bool

    public init(
        baseURL: String,
        requestsPerSecond: Double = 5,
        maxRequests: Int? = nil,
        maxDuration: Duration? = nil,
        seed: UInt64 = 1,
        requestTimeout: Duration = .seconds(10),
        allowNonLoopback: Bool = false
    ) {
        self.baseURL = baseURL
        self.requestsPerSecond = requestsPerSecond
        self.maxRequests = maxRequests
        self.maxDuration = maxDuration
        self.seed = seed
        self.requestTimeout = requestTimeout
        self.allowNonLoopback = allowNonLoopback
    }
}
