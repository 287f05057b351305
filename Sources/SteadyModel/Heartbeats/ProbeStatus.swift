/// A probe's latest result as the API shows it (`GET /api/v1/probes`).
public struct ProbeStatus: Sendable, Equatable, Codable {
    public var name: String
    /// `http` or `tcp`.
    public var kind: String
    public var target: String
    public var service: String?
    /// Whether the last run succeeded; nil before the first run.
    public var up: Bool?
    public var consecutiveFailures: Int
    public var lastRun: WallInstant?
    public var lastLatencySeconds: Double?
    public var lastStatusCode: Int?
    public var lastError: String?
    /// The server certificate's expiry, for `https` probes.
    public var certificateNotAfter: WallInstant?

    public init(
        name: String, kind: String, target: String, service: String?, up: Bool?, consecutiveFailures: Int,
        lastRun: WallInstant?, lastLatencySeconds: Double?, lastStatusCode: Int?, lastError: String?,
        certificateNotAfter: WallInstant?
    ) {
        self.name = name
        self.kind = kind
        self.target = target
        self.service = service
        self.up = up
        self.consecutiveFailures = consecutiveFailures
        self.lastRun = lastRun
        self.lastLatencySeconds = lastLatencySeconds
        self.lastStatusCode = lastStatusCode
        self.lastError = lastError
        self.certificateNotAfter = certificateNotAfter
    }
}
