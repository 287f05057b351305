public import SteadyModel

/// The result of one probe run.
public struct ProbeOutcome: Sendable, Equatable {
    public var success: Bool
    /// Wall time of the run (connect, TLS, request and response head).
    public var latency: Duration
    /// The HTTP status, for HTTP probes that got a response.
    public var statusCode: Int?
    /// Why the run failed (connection error, timeout, unexpected status).
    public var error: String?
    /// The server certificate's `notAfter`, when it was inspected in this run.
    public var certificateNotAfter: WallInstant?

    public init(
        success: Bool, latency: Duration, statusCode: Int? = nil, error: String? = nil,
        certificateNotAfter: WallInstant? = nil
    ) {
        self.success = success
        self.latency = latency
        self.statusCode = statusCode
        self.error = error
        self.certificateNotAfter = certificateNotAfter
    }
}

/// One availability event for the SLO engine: a probe run against `service` (good = 1 when it succeeded).
public struct AvailabilitySample: Sendable, Equatable {
    public var service: String
    public var probe: String
    public var at: WallInstant
    public var good: Double
    public var total: Double

    public init(service: String, probe: String, at: WallInstant, good: Double, total: Double) {
        self.service = service
        self.probe = probe
        self.at = at
        self.good = good
        self.total = total
    }
}
