import HTTPTypes
public import Hummingbird
public import Resilience
public import ResilienceMetrics

/// Server-side admission control: runs each request under a Resilience ``LoadShedder`` (a concurrency limit,
/// fixed or adaptive, with a CoDel/adaptive-LIFO queue and criticality shares).
///
/// - The request's class comes from the `x-criticality` header (`CRITICAL_PLUS`, `CRITICAL`, `SHEDDABLE_PLUS`,
///   `SHEDDABLE`; `CRITICAL` when absent) when `readsCriticality` is on, capped at `maximumCriticality` (`CRITICAL`
///   by default, so callers cannot claim `CRITICAL_PLUS` unless the service grants it). The class the request is
///   admitted as (`CRITICAL` when `readsCriticality` is off) is published as ``Criticality/current`` so outgoing
///   calls can propagate it.
/// - A request that is shed, finds the queue full, or waits past its queue timeout is answered
///   `503 overloaded` with `Retry-After`.
/// - A request whose ``Deadline`` passed while it waited is answered `504 deadline_exceeded` without running.
/// - Completed requests feed the adaptive limit with their latency; requests that end after their deadline (timed
///   out, cancelled by the timeout, or finished late) count as drops, injected faults and other cancellations are
///   ignored.
///
/// Put it inside ``RequestDeadlineMiddleware`` (so queueing counts against the deadline) and only on the routes to
/// protect — not on health checks or metrics.
///
/// Metrics: ``HTTPServerMetrics`` counts rejections (`http_requests_rejected_total`) and publishes the limit
/// (`http_server_concurrency_limit`); a ResilienceMetrics `LoadShedderRecorder` (`admissionMetrics`) gets what the
/// other Resilience strategies report — `resilience_loadshedder_admitted_total`, `…_queued_total` and
/// `…_queue_wait_seconds` by criticality, `resilience_rejections_total{strategy="loadshedder"}` and
/// `resilience_loadshedder_limit`. Give the recorder to the middleware only, not also to the shedder's hooks, or
/// rejections count twice.
///
/// ```swift
/// let shedder = LoadShedder(configuration: AdmissionPolicy.adaptiveWithCriticality().configuration())
/// let recorder = ResilienceMetrics().loadShedder(name: "http_server", initialLimit: shedder.limit)
/// api.add(middleware: AdmissionControlMiddleware(shedder: shedder, readsCriticality: true, admissionMetrics: recorder))
/// ```
public struct AdmissionControlMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware
where C.Duration == Duration {
    /// The load shedder that admits requests.
    public let shedder: LoadShedder<C>
    let readsCriticality: Bool
    let maximumCriticality: Criticality
    let retryAfter: Duration
    let metrics: HTTPServerMetrics?
    let admissionMetrics: LoadShedderRecorder?

    static var criticalityField: HTTPField.Name { HTTPField.Name(Criticality.headerName)! }

    /// Creates the middleware around `shedder`. `maximumCriticality` caps the class a caller may declare in the
    /// header (raise it to `.criticalPlus` only for trusted callers). `admissionMetrics` receives admissions,
    /// queueing, rejections and the limit.
    ///
    /// ```swift
    /// let admission = AdmissionControlMiddleware<BasicRequestContext, _>(shedder: shedder, readsCriticality: true)
    /// ```
    public init(
        shedder: LoadShedder<C>,
        readsCriticality: Bool = true,
        maximumCriticality: Criticality = .critical,
        retryAfter: Duration = .seconds(1),
        metrics: HTTPServerMetrics? = nil,
        admissionMetrics: LoadShedderRecorder? = nil
    ) {
        self.shedder = shedder
        self.readsCriticality = readsCriticality
        self.maximumCriticality = maximumCriticality
        self.retryAfter = retryAfter
        self.metrics = metrics
        self.admissionMetrics = admissionMetrics
        self.recordLimit()
    }

    /// Creates the middleware and its load shedder from a policy.
    ///
    /// ```swift
    /// let admission = AdmissionControlMiddleware<BasicRequestContext, _>(policy: .staticLimit(32), clock: clock)
    /// ```
    public init(
        policy: AdmissionPolicy,
        clock: C,
        maximumCriticality: Criticality = .critical,
        retryAfter: Duration = .seconds(1),
        metrics: HTTPServerMetrics? = nil,
        admissionMetrics: LoadShedderRecorder? = nil
    ) {
        self.init(
            shedder: LoadShedder(configuration: policy.configuration(), clock: clock),
            readsCriticality: policy.usesCriticality, maximumCriticality: maximumCriticality,
            retryAfter: retryAfter, metrics: metrics, admissionMetrics: admissionMetrics)
    }

    /// The criticality a request declares (`CRITICAL` when absent or unknown).
    ///
    /// ```swift
    /// let criticality = AdmissionControlMiddleware<BasicRequestContext, ContinuousClock>.criticality(of: request)
    /// ```
    public static func criticality(of request: Request) -> Criticality {
        request.headers[Self.criticalityField].flatMap { Criticality(headerValue: $0) } ?? .default
    }

    /// Admits, runs and reports the request.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let declared = min(Self.criticality(of: request), self.maximumCriticality)
        let admittedAs = self.readsCriticality ? declared : .default
        let clock = self.shedder.clock
        let arrival = clock.now
        let permit: LoadShedderPermit<C>
        do {
            permit = try await self.shedder.admit(admittedAs)
        } catch let error as AdaptiveResilienceError {
            self.recordLimit()
            self.metrics?.requestRejected(reason: Self.reason(error), criticality: declared.headerValue)
            self.admissionMetrics?.recordRejection(error, criticality: admittedAs)
            throw ResilienceHTTPError.overloaded(retryAfter: self.retryAfter)
        }
        self.admissionMetrics?.recordAdmission(criticality: admittedAs, queueWait: arrival.duration(to: permit.start))
        self.recordLimit()
        if Deadline.current?.hasPassed(on: clock) == true {
            permit.ignored()
            self.metrics?.requestRejected(reason: "deadline", criticality: declared.headerValue)
            throw ResilienceHTTPError.deadlineExceeded
        }
        let response: Response
        do {
            response = try await Criticality.$current.withValue(admittedAs) {
                try await next(request, context)
            }
        } catch {
            permit.finish(Self.outcome(of: error, clock: clock))
            self.recordLimit()
            throw error
        }
        // Finished, but too late for the caller: a congestion signal like a timeout.
        if Deadline.current?.hasPassed(on: clock) == true {
            permit.dropped()
        } else {
            permit.success()
        }
        self.recordLimit()
        return response
    }

    /// Publishes the shedder's current limit to both metric sets.
    func recordLimit() {
        let limit = self.shedder.limit
        self.metrics?.recordConcurrencyLimit(limit)
        self.admissionMetrics?.record(limit: limit)
    }

    static func reason(_ error: AdaptiveResilienceError) -> String {
        if error == .queueFull { return "queue_full" }
        if error == .queueTimeout { return "queue_timeout" }
        return "shed"
    }

    /// How a failed request feeds the adaptive limit. A request whose deadline passed is a congestion signal
    /// (`dropped`) whatever it threw — in the cancelling timeout mode that is a `CancellationError`. Other
    /// cancellations and injected faults (`503 unavailable`, `500 injected_fault`) measured nothing about the service
    /// (`ignored`); other HTTP errors (4xx) still measured a real latency (`success`).
    static func outcome(of error: any Error, clock: C) -> AdaptiveConcurrencyStateMachine<C.Instant>.Outcome {
        if Deadline.current?.hasPassed(on: clock) == true { return .dropped }
        if error is CancellationError { return .ignored }
        if let error = error as? ResilienceHTTPError {
            switch error.code {
            case ResilienceHTTPError.deadlineExceeded.code: return .dropped
            case ResilienceHTTPError.injectedFault.code, Self.unavailableCode: return .ignored
            default: return .success
            }
        }
        if error is any HTTPResponseError { return .success }
        return AdaptiveConcurrencyStateMachine<C.Instant>.Outcome.classify(error)
    }

    static var unavailableCode: String { ResilienceHTTPError.unavailable("").code }
}
