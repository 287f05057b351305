/// Settings of the "checkout" demo service.
///
/// ```swift
/// var configuration = DemoServiceConfiguration(port: 0, adminToken: "secret")
/// configuration.simulatedLatencyMs = 0...0
/// let service = DemoService(configuration: configuration, logger: logger)
/// ```
public struct DemoServiceConfiguration: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind; 0 picks a free port (see ``DemoService/boundPort()``).
    public var port: Int
    /// Bearer token for `/admin/…`. When nil or empty, the admin routes answer 403.
    public var adminToken: String?
    /// Seed of the random source behind latency jitter and injected errors.
    public var seed: UInt64
    /// In-flight requests at which `checkout_saturation_ratio` reads 1.
    public var capacity: Int
    /// Uniform latency added to every API request, in milliseconds; `0...0` disables it.
    public var simulatedLatencyMs: ClosedRange<Int>
    /// Time to live of faults set without `ttlSeconds`.
    public var defaultFaultTTL: Duration
    /// Longest accepted fault time to live.
    public var maximumFaultTTL: Duration
    /// `serviceId` in health responses.
    public var serviceName: String
    /// `releaseId` in health responses (its major part is `version`).
    public var version: String
    /// Carts and orders kept in memory before the oldest are evicted.
    public var maximumStoredCarts: Int
    public var maximumStoredOrders: Int
    /// Overload protection of the API routes (admission control and deadlines).
    public var protection: DemoProtection
    /// The concurrency limit of the `static` and `codel` arms, and the initial limit of the adaptive ones.
    public var concurrencyLimit: Int
    /// The longest an API request may take before it is answered 504; callers may ask for less with
    /// `x-request-timeout`. Nil disables the server-side bound. Ignored with ``DemoProtection/none``.
    public var requestTimeout: Duration?
    /// Whether a request that outlives its deadline is cancelled (Resilience's `Timeout` in `.cancelling` mode, a
    /// task group and timer per request) or only sees the deadline (`.deadlineOnly`, the default, which costs nothing
    /// per request: the simulated latency and injected latency sleep no longer than the time left, the simulated work
    /// checks the deadline between slices, and a request that still finishes late is answered 504).
    public var cancelsTimedOutRequests: Bool
    /// CoDel target of the admission queue: an acceptable standing queueing delay (the interval is 20 × target,
    /// at least 100 ms). Set it to a few service times; Facebook's 5 ms default suits sub-millisecond handlers.
    public var queueTarget: Duration
    /// CPU time burnt by every API request (a calibrated busy loop that stops early when the request is cancelled),
    /// so a single core saturates at a predictable rate in the overload experiment; `.zero` disables it.
    public var simulatedWork: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 8081,
        adminToken: String? = nil,
        seed: UInt64 = 42,
        capacity: Int = 100,
        simulatedLatencyMs: ClosedRange<Int> = 1...8,
        defaultFaultTTL: Duration = .seconds(600),
        maximumFaultTTL: Duration = .seconds(86_400),
        serviceName: String = "checkout",
        version: String = "1.0.0",
        maximumStoredCarts: Int = 10_000,
        maximumStoredOrders: Int = 10_000,
        protection: DemoProtection = .adaptiveCriticality,
        concurrencyLimit: Int = 32,
        requestTimeout: Duration? = .seconds(10),
        queueTarget: Duration = .milliseconds(5),
        simulatedWork: Duration = .zero,
        cancelsTimedOutRequests: Bool = false
    ) {
        self.host = host
        self.port = port
        self.adminToken = adminToken
        self.seed = seed
        self.capacity = capacity
        self.simulatedLatencyMs = simulatedLatencyMs
        self.defaultFaultTTL = defaultFaultTTL
        self.maximumFaultTTL = maximumFaultTTL
        self.serviceName = serviceName
        self.version = version
        self.maximumStoredCarts = maximumStoredCarts
        self.maximumStoredOrders = maximumStoredOrders
        self.protection = protection
        self.concurrencyLimit = concurrencyLimit
        self.requestTimeout = requestTimeout
        self.queueTarget = queueTarget
        self.simulatedWork = simulatedWork
        self.cancelsTimedOutRequests = cancelsTimedOutRequests
    }
}
