public import Hummingbird
public import Logging
import NIOCore
public import Prometheus
public import ServiceLifecycle

/// The "checkout" demo service: a small shop API with golden-signal metrics, health endpoints and an admin fault
/// switch, used by `steady demo` and the integration tests.
///
/// It never bootstraps the global logging or metrics systems, so it can run inside Steady's own process: its metrics
/// live in ``registry`` and are served at `GET /metrics`.
///
/// ```swift
/// let demo = DemoService(configuration: .init(port: 0, adminToken: "secret"), logger: logger)
/// let group = ServiceGroup(configuration: .init(services: [demo], logger: logger))
/// async let running: Void = group.run()
/// let port = await demo.boundPort()
/// ```
public struct DemoService<C: Clock>: Service, CustomStringConvertible where C.Duration == Duration {
    public let configuration: DemoServiceConfiguration
    /// The admin fault switch (also reachable over HTTP at `/admin/faults`).
    public let faults: FaultSwitch<C>
    /// The registry served at `/metrics`.
    public let registry: PrometheusCollectorRegistry
    let clock: C
    let logger: Logger
    let store: CheckoutStore
    let metrics: HTTPMetrics
    let random: SharedRandom
    let startedAt: C.Instant
    private let port = BoundPort()

    /// Creates the service on `clock`, which times fault expiry, simulated latency and request durations.
    public init(
        configuration: DemoServiceConfiguration,
        clock: C,
        logger: Logger,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.registry = registry
        self.faults = FaultSwitch(
            clock: clock,
            logger: logger,
            defaultTTL: configuration.defaultFaultTTL,
            maximumTTL: configuration.maximumFaultTTL
        )
        self.store = CheckoutStore(
            maximumCarts: configuration.maximumStoredCarts,
            maximumOrders: configuration.maximumStoredOrders
        )
        self.metrics = HTTPMetrics(registry: registry, capacity: configuration.capacity)
        self.random = SharedRandom(seed: configuration.seed)
        self.startedAt = clock.now
    }

    public var description: String { "DemoService(\(configuration.serviceName))" }

    /// The Hummingbird application serving the demo API on ``DemoServiceConfiguration/host`` and `port`.
    public func makeApplication() -> some ApplicationProtocol {
        let port = self.port
        return Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port)
            ),
            onServerRunning: { channel in
                port.resolve(channel.localAddress?.port)
            },
            logger: logger
        )
    }

    /// Runs the server until graceful shutdown.
    public func run() async throws {
        do {
            try await makeApplication().run()
            port.resolve(nil)
        } catch {
            port.resolve(nil)
            throw error
        }
    }

    /// The port the server bound, once it is listening (useful with port 0); nil if it stopped before binding.
    public func boundPort() async -> Int? {
        await port.wait()
    }

    /// The router with every route and middleware (exposed for tests and for embedding).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware(clock: clock))
        router.add(middleware: GoldenSignalsMiddleware(metrics: metrics, clock: clock))
        router.add(middleware: JSONErrorMiddleware())
        addMetricsRoute(to: router)
        addHealthRoutes(to: router)
        addCheckoutRoutes(
            to: router.group()
                .add(middleware: FaultInjectionMiddleware(faults: faults, clock: clock, random: random))
                .add(
                    middleware: SimulatedLatencyMiddleware(
                        latencyMs: configuration.simulatedLatencyMs,
                        clock: clock,
                        random: random
                    )
                )
        )
        addAdminRoutes(to: router.group().add(middleware: BearerTokenMiddleware(token: configuration.adminToken)))
        return router
    }
}

extension DemoService where C == ContinuousClock {
    /// Creates the service on the real continuous clock.
    public init(
        configuration: DemoServiceConfiguration,
        logger: Logger,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.init(configuration: configuration, clock: ContinuousClock(), logger: logger, registry: registry)
    }
}

/// Builds the demo service on the real clock, ready to add to a `ServiceGroup`.
public func buildDemoService(
    configuration: DemoServiceConfiguration,
    logger: Logger
) -> DemoService<ContinuousClock> {
    DemoService(configuration: configuration, logger: logger)
}
