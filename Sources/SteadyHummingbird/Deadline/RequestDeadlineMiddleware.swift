import HTTPTypes
public import Hummingbird
public import Resilience

/// Bounds each request in time and propagates the bound as Resilience's task-local ``Deadline``.
///
/// The deadline is the tighter of the caller's ``RequestTimeoutHeader`` (`x-request-timeout` or `grpc-timeout`)
/// and the configured `timeout`. A request whose deadline has already passed on arrival (a zero timeout) is answered
/// `504 deadline_exceeded` without running; ``AdmissionControlMiddleware`` does the same for requests whose deadline
/// passed while they queued. Handlers, and every Resilience strategy and outgoing call they make, see the deadline
/// through ``Deadline/current``. In `.cancelling` mode the handler is cancelled when the time is up (it must check
/// for cancellation to stop early); `.deadlineOnly` only publishes the deadline, and a handler that finishes after it
/// is answered `504` all the same. A `ResilienceError.timedOut` or `.deadlineExceeded` thrown before the request's
/// own deadline (a handler's downstream call timing out) is passed on unchanged.
///
/// ```swift
/// api.add(middleware: RequestDeadlineMiddleware(timeout: .seconds(10)))
/// // curl -H 'x-request-timeout: 250m' …  → at most 250 ms, then 504
/// ```
public struct RequestDeadlineMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware
where C.Duration == Duration {
    let timeout: Duration?
    let mode: Timeout<C>.Mode
    let clock: C
    let metrics: HTTPServerMetrics?

    static var timeoutField: HTTPField.Name { HTTPField.Name(RequestTimeoutHeader.name)! }
    static var grpcTimeoutField: HTTPField.Name { HTTPField.Name(RequestTimeoutHeader.grpcName)! }

    /// Creates the middleware. With `timeout` nil only the caller's header sets a deadline.
    ///
    /// ```swift
    /// let middleware = RequestDeadlineMiddleware<BasicRequestContext, _>(timeout: .seconds(5), clock: clock)
    /// ```
    public init(
        timeout: Duration?, mode: Timeout<C>.Mode = .cancelling, clock: C, metrics: HTTPServerMetrics? = nil
    ) {
        self.timeout = timeout
        self.mode = mode
        self.clock = clock
        self.metrics = metrics
    }

    /// The caller's timeout from the request headers, if any.
    ///
    /// ```swift
    /// let requested = RequestDeadlineMiddleware<BasicRequestContext, ContinuousClock>.requestedTimeout(request.headers)
    /// ```
    public static func requestedTimeout(_ headers: HTTPFields) -> Duration? {
        if let value = headers[Self.timeoutField] { return RequestTimeoutHeader.parse(value) }
        if let value = headers[Self.grpcTimeoutField] { return RequestTimeoutHeader.parse(value) }
        return nil
    }

    /// Runs the rest of the chain within the deadline.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requested = Self.requestedTimeout(request.headers)
        let effective: Duration?
        switch (requested, self.timeout) {
        case (let requested?, let configured?): effective = min(requested, configured)
        case (let requested?, nil): effective = requested
        case (nil, let configured?): effective = configured
        case (nil, nil): effective = nil
        }
        guard let effective else { return try await next(request, context) }
        guard effective > .zero else {
            self.reject(request)
            throw ResilienceHTTPError.deadlineExceeded
        }
        // The instant the request must be answered by: what `Timeout` propagates (its own end is no earlier).
        var end = self.clock.now.advanced(by: effective)
        if let outer = Deadline.currentInstant(on: self.clock), outer < end { end = outer }
        let response: Response
        do {
            response = try await Timeout(effective, mode: self.mode, clock: self.clock).execute {
                try await next(request, context)
            }
        } catch let error as ResilienceError where error == .deadlineExceeded || error == .timedOut {
            // Only this request's deadline makes a 504; a handler's own downstream timeout is its error to report.
            guard self.clock.now >= end else { throw error }
            self.reject(request)
            throw ResilienceHTTPError.deadlineExceeded
        }
        // In `.deadlineOnly` mode nothing stops a handler that ignores the deadline: an answer after it is useless
        // to the caller, so it is replaced by the 504 the caller expects.
        if self.mode == .deadlineOnly, self.clock.now >= end {
            self.reject(request)
            throw ResilienceHTTPError.deadlineExceeded
        }
        return response
    }

    private func reject(_ request: Request) {
        let criticality =
            request.headers[AdmissionControlMiddleware<Context, C>.criticalityField]
            .flatMap { Criticality(headerValue: $0) } ?? .default
        self.metrics?.requestRejected(reason: "deadline", criticality: criticality.headerValue)
    }
}

extension RequestDeadlineMiddleware where C == ContinuousClock {
    /// Creates the middleware on the continuous clock.
    ///
    /// ```swift
    /// api.add(middleware: RequestDeadlineMiddleware(timeout: .seconds(10)))
    /// ```
    public init(timeout: Duration?, mode: Timeout<C>.Mode = .cancelling, metrics: HTTPServerMetrics? = nil) {
        self.init(timeout: timeout, mode: mode, clock: ContinuousClock(), metrics: metrics)
    }
}
