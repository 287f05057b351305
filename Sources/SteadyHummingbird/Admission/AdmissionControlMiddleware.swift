import HTTPTypes
public import Hummingbird
public import Resilience

/// Server-side admission control: runs each request under a Resilience ``LoadShedder`` (a concurrency limit,
/// fixed or adaptive, with a CoDel/adaptive-LIFO queue and criticality shares).
///
/// - The request's class comes from the `x-criticality` header (`CRITICAL_PLUS`, `CRITICAL`, `SHEDDABLE_PLUS`,
///   `SHEDDABLE`; `CRITICAL` when absent) when `readsCriticality` is on, and is published as
///   ``Criticality/current`` so outgoing calls can propagate it.
/// - A request that is shed, finds the queue full, or waits past its queue timeout is answered
///   `503 overloaded` with `Retry-After`.
/// - A request whose ``Deadline`` passed while it waited is answered `504 deadline_exceeded` without running.
/// - Completed requests feed the adaptive limit with their latency.
///
/// Put it inside ``RequestDeadlineMiddleware`` (so queueing counts against the deadline) and only on the routes to
/// protect — not on health checks or metrics.
///
/// ```swift
/// let shedder = LoadShedder(configuration: AdmissionPolicy.adaptiveWithCriticality().configuration())
/// api.add(middleware: AdmissionControlMiddleware(shedder: shedder, readsCriticality: true))
/// ```
public struct AdmissionControlMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware
where C.Duration == Duration {
    /// The load shedder that admits requests.
    public let shedder: LoadShedder<C>
    let readsCriticality: Bool
    let retryAfter: Duration
    let metrics: HTTPServerMetrics?

    static var criticalityField: HTTPField.Name { HTTPField.Name(Criticality.headerName)! }

    /// Creates the middleware around `shedder`.
    ///
    /// ```swift
    /// let admission = AdmissionControlMiddleware<BasicRequestContext, _>(shedder: shedder, readsCriticality: true)
    /// ```
    public init(
        shedder: LoadShedder<C>,
        readsCriticality: Bool = true,
        retryAfter: Duration = .seconds(1),
        metrics: HTTPServerMetrics? = nil
    ) {
        self.shedder = shedder
        self.readsCriticality = readsCriticality
        self.retryAfter = retryAfter
        self.metrics = metrics
    }

    /// Creates the middleware and its load shedder from a policy.
    ///
    /// ```swift
    /// let admission = AdmissionControlMiddleware<BasicRequestContext, _>(policy: .staticLimit(32), clock: clock)
    /// ```
    public init(
        policy: AdmissionPolicy,
        clock: C,
        retryAfter: Duration = .seconds(1),
        metrics: HTTPServerMetrics? = nil
    ) {
        self.init(
            shedder: LoadShedder(configuration: policy.configuration(), clock: clock),
            readsCriticality: policy.usesCriticality, retryAfter: retryAfter, metrics: metrics)
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
        let declared = Self.criticality(of: request)
        let admittedAs = self.readsCriticality ? declared : .default
        let permit: LoadShedderPermit<C>
        do {
            permit = try await self.shedder.admit(admittedAs)
        } catch let error as AdaptiveResilienceError {
            self.metrics?.requestRejected(reason: Self.reason(error), criticality: declared.headerValue)
            throw ResilienceHTTPError.overloaded(retryAfter: self.retryAfter)
        }
        self.metrics?.recordConcurrencyLimit(self.shedder.limit)
        if Deadline.current?.hasPassed(on: self.shedder.clock) == true {
            permit.ignored()
            self.metrics?.requestRejected(reason: "deadline", criticality: declared.headerValue)
            throw ResilienceHTTPError.deadlineExceeded
        }
        let response: Response
        do {
            response = try await Criticality.$current.withValue(declared) {
                try await next(request, context)
            }
        } catch {
            permit.finish(Self.outcome(of: error))
            throw error
        }
        permit.success()
        return response
    }

    static func reason(_ error: AdaptiveResilienceError) -> String {
        if error == .queueFull { return "queue_full" }
        if error == .queueTimeout { return "queue_timeout" }
        return "shed"
    }

    /// Timeouts are congestion signals; other errors (4xx, injected faults) still measured a real latency.
    static func outcome(of error: any Error) -> AdaptiveConcurrencyStateMachine<C.Instant>.Outcome {
        if error is CancellationError { return .ignored }
        if let error = error as? ResilienceHTTPError {
            return error.code == ResilienceHTTPError.deadlineExceeded.code ? .dropped : .success
        }
        if error is any HTTPResponseError { return .success }
        return AdaptiveConcurrencyStateMachine<C.Instant>.Outcome.classify(error)
    }
}
