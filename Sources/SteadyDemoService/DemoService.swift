public import Hummingbird
public import Logging
import NIOCore
public import Prometheus
import Resilience
public import ServiceLifecycle
import SteadyHummingbird

/// The "checkout" demo service: a small shop API with golden-signal metrics, health endpoints, admission control,
/// request deadlines and an admin fault switch, used by `steady demo`, the integration tests and the overload
/// experiment. The resilience pieces come from SteadyHummingbird (``DemoServiceConfiguration/protection`` picks the
/// admission policy).
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
    let resilience: ResilientService<C>
    let health: HealthRegistry<ContinuousClock>
    let random: SharedRandom
    let startedAt: C.Instant
    private let port = BoundPort()

    /// Creates the service on `clock`, which times fault expiry, simulated latency, deadlines, admission queues and
    /// request durations.
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
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[HTTPServerMetrics.durationName] = HTTPServerMetrics.defaultDurationBuckets
        self.resilience = ResilientService(
            configuration: .init(
                metricsFactory: factory,
                saturation: .init(name: "checkout_saturation_ratio", capacity: configuration.capacity),
                admission: configuration.protection.admissionPolicy(limit: configuration.concurrencyLimit),
                codel: .init(
                    target: configuration.queueTarget,
                    interval: max(.milliseconds(100), configuration.queueTarget * 20)
                ),
                requestTimeout: configuration.protection == .none ? nil : configuration.requestTimeout,
                timeoutMode: configuration.cancelsTimedOutRequests ? .cancelling : .deadlineOnly,
                adminToken: configuration.adminToken,
                faultSeed: configuration.seed
            ),
            clock: clock,
            logger: logger,
            faults: faults.control
        )
        self.random = SharedRandom(seed: configuration.seed)
        self.startedAt = clock.now
        self.health = HealthRegistry(
            service: HealthServiceInfo(
                serviceId: configuration.serviceName,
                version: String(configuration.version.split(separator: ".").first ?? "1"),
                releaseId: configuration.version,
                description: "Steady demo \(configuration.serviceName) service"
            )
        )
        registerHealthChecks(on: health)
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
    ///
    /// Order, outermost first: request IDs and trace context, access log, golden signals, JSON errors; then the
    /// metrics, health and admin routes; the API routes add the deadline, admission control, injected faults,
    /// simulated latency and simulated CPU work.
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware(clock: clock))
        router.add(middleware: GoldenSignalsMiddleware(metrics: resilience.metrics, clock: clock))
        router.add(middleware: JSONErrorMiddleware())
        addMetricsRoute(to: router)
        HealthRoutes(registry: health).register(on: router)
        FaultAdminRoutes(faults: faults.control, adminToken: configuration.adminToken).register(on: router)
        var api = router.group()
        if configuration.protection == .none {
            api = api.add(middleware: HTTPFaultMiddleware(faults: faults.control, seed: configuration.seed))
        } else {
            api = resilience.protect(api)
        }
        api = api.add(
            middleware: SimulatedLatencyMiddleware(
                latencyMs: configuration.simulatedLatencyMs,
                clock: clock,
                random: random
            )
        )
        if configuration.simulatedWork > .zero {
            api = api.add(middleware: SimulatedWorkMiddleware(work: configuration.simulatedWork, clock: clock))
        }
        addCheckoutRoutes(to: api)
        return router
    }
}

extension DemoProtection {
    /// The SteadyHummingbird admission policy of this arm; nil for ``none``.
    func admissionPolicy(limit: Int) -> AdmissionPolicy? {
        let gradient = GradientLimit.Configuration(
            initialLimit: max(1, limit), minLimit: 1, maxLimit: max(1, limit) * 8)
        switch self {
        case .none: return nil
        case .staticLimit: return .staticLimit(max(1, limit))
        case .codel: return .codel(limit: max(1, limit), maxQueueLength: 1024)
        case .adaptive: return .adaptive(gradient, maxQueueLength: 1024)
        case .adaptiveCriticality: return .adaptiveWithCriticality(gradient, maxQueueLength: 1024)
        }
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
