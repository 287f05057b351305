import Resilience

/// Who the current request is: its request ID and, when the caller sent one, its W3C trace context.
///
/// ``RequestIDMiddleware`` sets it as a task-local value for the handler and everything it calls, so outgoing calls
/// can propagate it with ``outgoingHeaders``.
///
/// ```swift
/// router.get("/orders/{id}") { request, context in
///     let id = RequestIdentity.current?.requestID
///     var headers = RequestIdentity.current?.outgoingHeaders ?? []  // X-Request-ID, traceparent, timeout, criticality
///     …
/// }
/// ```
public struct RequestIdentity: Sendable, Hashable {
    /// The request's ID: the caller's `X-Request-ID` when well formed, else 32 generated hex digits.
    public var requestID: String
    /// The caller's `traceparent`, when valid.
    public var traceParent: TraceParent?
    /// The span ID this service uses as parent in calls it makes (16 hex digits; generated when a trace came in).
    public var spanID: String?

    /// The identity of the request the current task serves, if any.
    ///
    /// ```swift
    /// logger.info("charging", metadata: ["request_id": "\(RequestIdentity.current?.requestID ?? "-")"])
    /// ```
    @TaskLocal public static var current: RequestIdentity?

    /// Creates an identity.
    ///
    /// ```swift
    /// let identity = RequestIdentity(requestID: "abc-123")
    /// ```
    public init(requestID: String, traceParent: TraceParent? = nil, spanID: String? = nil) {
        self.requestID = requestID
        self.traceParent = traceParent
        self.spanID = spanID
    }

    /// Header names and values to send on calls made on behalf of this request: `X-Request-ID`; when a trace came
    /// in, a child `traceparent`; when the task has a ``Deadline`` on the continuous clock, the time left as
    /// `x-request-timeout`; and the request's ``Criticality/current`` as `x-criticality`.
    ///
    /// ```swift
    /// for (name, value) in identity.outgoingHeaders { request.headers.add(name: name, value: value) }
    /// ```
    public var outgoingHeaders: [(name: String, value: String)] {
        self.outgoingHeaders(clock: ContinuousClock())
    }

    /// The ``outgoingHeaders``, with the time left measured on `clock` (the clock the request's deadline was set on).
    ///
    /// ```swift
    /// let headers = identity.outgoingHeaders(clock: manualClock)
    /// ```
    public func outgoingHeaders<C: Clock>(clock: C) -> [(name: String, value: String)] where C.Duration == Duration {
        var headers = [(name: RequestIDMiddlewareHeaders.requestID, value: self.requestID)]
        if let traceParent, let spanID {
            headers.append((TraceParent.headerName, traceParent.child(spanID: spanID)))
        }
        if let timeout = RequestTimeoutHeader.remaining(on: clock) {
            headers.append((RequestTimeoutHeader.name, timeout))
        }
        if let criticality = Criticality.current {
            headers.append((Criticality.headerName, criticality.headerValue))
        }
        return headers
    }
}

/// Header names used by ``RequestIDMiddleware``.
public enum RequestIDMiddlewareHeaders {
    /// `X-Request-ID`.
    public static let requestID = "X-Request-ID"
}
