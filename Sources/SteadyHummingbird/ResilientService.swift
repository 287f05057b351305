public import CoreMetrics
public import Hummingbird
public import Logging
public import Resilience
public import ResilienceMetrics

/// Everything SteadyHummingbird offers, wired in the right order in a few lines.
///
/// ``install(on:health:)`` adds to the router, outermost first:
/// 1. ``RequestIDMiddleware`` — request IDs and `traceparent`, on every response;
/// 2. ``GoldenSignalsMiddleware`` — `http_requests_total`, `http_request_duration_seconds`, in-flight/saturation;
/// 3. the health routes (``HealthRoutes``) and the fault admin routes (``FaultAdminRoutes``, token-guarded);
///
/// and returns a group for the routes to protect, which runs
/// 4. ``RequestDeadlineMiddleware`` — the request timeout and the caller's `x-request-timeout`, as ``Deadline``;
/// 5. ``AdmissionControlMiddleware`` — the concurrency limit, CoDel/LIFO queue and criticality shedding (503 +
///    `Retry-After`), reported as ResilienceMetrics' `resilience_loadshedder_*` (``admissionMetrics``);
/// 6. ``HTTPFaultMiddleware`` — injected errors, latency and outages while the fault switch is on.
///
/// ```swift
/// let resilience = ResilientService(
///     configuration: .init(admission: .adaptiveWithCriticality(), requestTimeout: .seconds(10), adminToken: token),
///     logger: logger)
/// let router = Router()
/// let api = resilience.install(on: router, health: health)
/// api.get("/api/products") { _, _ in … }
/// ```
public struct ResilientService<C: Clock>: Sendable where C.Duration == Duration {
    /// What to install.
    public struct Configuration: Sendable {
        /// Where the golden-signal metrics go (the global `MetricsSystem.factory` by default).
        public var metricsFactory: any MetricsFactory
        /// An optional saturation gauge (in-flight / capacity).
        public var saturation: HTTPServerMetrics.Saturation?
        /// Admission control for protected routes; nil disables it.
        public var admission: AdmissionPolicy?
        /// The `name` of the admission controller's Resilience metrics (`resilience_loadshedder_*{name=…}`,
        /// `resilience_rejections_total{name=…,strategy="loadshedder"}`), recorded on ``metricsFactory``.
        public var admissionMetricsName: String
        /// The highest criticality a caller may declare in `x-criticality`; higher values are capped to it. `CRITICAL`
        /// by default, so `CRITICAL_PLUS` must be granted by the service (raise it only for trusted callers).
        public var maximumCriticality: Criticality
        /// CoDel settings of the admission queue.
        public var codel: CoDelStateMachine<C.Instant>.Configuration
        /// The longest a protected request may take; the caller's `x-request-timeout` can only shorten it. Nil
        /// leaves only the caller's header.
        public var requestTimeout: Duration?
        /// Whether timed-out handlers are cancelled or only see the deadline.
        public var timeoutMode: Timeout<C>.Mode
        /// `Retry-After` on 503 overload answers.
        public var retryAfter: Duration
        /// Bearer token of the fault admin routes; nil or empty answers 403 there.
        public var adminToken: String?
        /// Bounds on injected faults.
        public var faultLimits: HTTPFaultLimits
        /// Seed of the fault injector's random source.
        public var faultSeed: UInt64
        /// Path of the fault admin routes.
        public var faultPath: String
        /// Path prefix of the health routes.
        public var healthPrefix: String

        /// Creates a configuration.
        ///
        /// ```swift
        /// let configuration = ResilientService<ContinuousClock>.Configuration(admission: .staticLimit(64))
        /// ```
        public init(
            metricsFactory: any MetricsFactory = MetricsSystem.factory,
            saturation: HTTPServerMetrics.Saturation? = nil,
            admission: AdmissionPolicy? = .adaptiveWithCriticality(),
            admissionMetricsName: String = "http_server",
            maximumCriticality: Criticality = .critical,
            codel: CoDelStateMachine<C.Instant>.Configuration = .init(),
            requestTimeout: Duration? = .seconds(30),
            timeoutMode: Timeout<C>.Mode = .cancelling,
            retryAfter: Duration = .seconds(1),
            adminToken: String? = nil,
            faultLimits: HTTPFaultLimits = .init(),
            faultSeed: UInt64 = 42,
            faultPath: String = "/admin/faults",
            healthPrefix: String = "/health"
        ) {
            self.metricsFactory = metricsFactory
            self.saturation = saturation
            self.admission = admission
            self.admissionMetricsName = admissionMetricsName
            self.maximumCriticality = maximumCriticality
            self.codel = codel
            self.requestTimeout = requestTimeout
            self.timeoutMode = timeoutMode
            self.retryAfter = retryAfter
            self.adminToken = adminToken
            self.faultLimits = faultLimits
            self.faultSeed = faultSeed
            self.faultPath = faultPath
            self.healthPrefix = healthPrefix
        }
    }

    /// The settings.
    public let configuration: Configuration
    /// The clock that measures durations, deadlines, queueing and fault expiry.
    public let clock: C
    /// The golden-signal metrics.
    public let metrics: HTTPServerMetrics
    /// The admission controller, when ``Configuration/admission`` is set.
    public let shedder: LoadShedder<C>?
    /// The admission controller's Resilience metrics (admitted, queued, queue wait, rejections, limit), when
    /// ``Configuration/admission`` is set.
    public let admissionMetrics: LoadShedderRecorder?
    /// The fault switch behind the admin routes.
    public let faults: HTTPFaultSwitch<C>

    /// Creates the pieces (nothing is installed yet). Pass `faults` to share a fault switch the service already
    /// has (for example one its readiness check reads); by default a new one is made.
    ///
    /// ```swift
    /// let resilience = ResilientService(configuration: .init(), clock: ContinuousClock(), logger: logger)
    /// ```
    public init(configuration: Configuration, clock: C, logger: Logger, faults: HTTPFaultSwitch<C>? = nil) {
        self.configuration = configuration
        self.clock = clock
        self.metrics = HTTPServerMetrics(factory: configuration.metricsFactory, saturation: configuration.saturation)
        let shedder = configuration.admission.map {
            LoadShedder(configuration: $0.configuration(codel: configuration.codel), clock: clock)
        }
        self.shedder = shedder
        self.admissionMetrics = shedder.map {
            ResilienceMetrics(factory: configuration.metricsFactory).loadShedder(
                name: configuration.admissionMetricsName, initialLimit: $0.limit)
        }
        self.faults = faults ?? HTTPFaultSwitch(clock: clock, logger: logger, limits: configuration.faultLimits)
    }

    /// Installs the middleware, the health routes for `health` and the fault admin routes on `router`, and returns
    /// the group for protected routes.
    ///
    /// ```swift
    /// let api = resilience.install(on: router, health: health)
    /// ```
    public func install<Context: RequestContext, HealthClock: Clock>(
        on router: Router<Context>, health: HealthRegistry<HealthClock>
    ) -> RouterGroup<Context> where HealthClock.Duration == Duration {
        self.addObservability(to: router)
        HealthRoutes(registry: health, prefix: self.configuration.healthPrefix).register(on: router)
        return self.finishInstall(on: router)
    }

    /// Installs everything except health routes; returns the group for protected routes.
    ///
    /// ```swift
    /// let api = resilience.install(on: router)
    /// ```
    public func install<Context: RequestContext>(on router: Router<Context>) -> RouterGroup<Context> {
        self.addObservability(to: router)
        return self.finishInstall(on: router)
    }

    /// Adds ``RequestIDMiddleware`` and ``GoldenSignalsMiddleware`` to `router` (for services that assemble the
    /// rest themselves).
    ///
    /// ```swift
    /// resilience.addObservability(to: router)
    /// ```
    public func addObservability<Context: RequestContext>(to router: Router<Context>) {
        router.add(middleware: RequestIDMiddleware<Context>())
        router.add(middleware: GoldenSignalsMiddleware<Context, C>(metrics: self.metrics, clock: self.clock))
    }

    /// Adds the protection middleware (deadline, admission, faults) to `group` and returns it.
    ///
    /// ```swift
    /// let api = resilience.protect(router.group("/api"))
    /// ```
    @discardableResult
    public func protect<Context: RequestContext>(_ group: RouterGroup<Context>) -> RouterGroup<Context> {
        var group = group
        group = group.add(
            middleware: RequestDeadlineMiddleware<Context, C>(
                timeout: self.configuration.requestTimeout, mode: self.configuration.timeoutMode, clock: self.clock,
                metrics: self.metrics))
        if let shedder = self.shedder, let policy = self.configuration.admission {
            group = group.add(
                middleware: AdmissionControlMiddleware<Context, C>(
                    shedder: shedder, readsCriticality: policy.usesCriticality,
                    maximumCriticality: self.configuration.maximumCriticality,
                    retryAfter: self.configuration.retryAfter, metrics: self.metrics,
                    admissionMetrics: self.admissionMetrics))
        }
        return group.add(
            middleware: HTTPFaultMiddleware<Context, C>(faults: self.faults, seed: self.configuration.faultSeed))
    }

    private func finishInstall<Context: RequestContext>(on router: Router<Context>) -> RouterGroup<Context> {
        FaultAdminRoutes(
            faults: self.faults, adminToken: self.configuration.adminToken, path: self.configuration.faultPath
        )
        .register(on: router)
        return self.protect(router.group())
    }
}

extension ResilientService where C == ContinuousClock {
    /// Creates the pieces on the continuous clock.
    ///
    /// ```swift
    /// let resilience = ResilientService(configuration: .init(adminToken: token), logger: logger)
    /// ```
    public init(configuration: Configuration, logger: Logger, faults: HTTPFaultSwitch<C>? = nil) {
        self.init(configuration: configuration, clock: ContinuousClock(), logger: logger, faults: faults)
    }
}
