/// A named health check: what it probes, how long it may take, how long its result may be reused.
///
/// ```swift
/// let database = HealthCheck("postgres", componentType: "datastore", probes: .readiness,
///                            timeout: .seconds(2), cacheInterval: .seconds(5)) {
///     let elapsed = try await pool.ping()
///     return HealthCheckResult(.healthy, observations: [
///         .init(measurement: "responseTime", value: .double(elapsed.milliseconds), unit: "ms"),
///     ])
/// }
/// ```
public struct HealthCheck: Sendable {
    /// The component name (the part before `:` in the JSON keys); no colons.
    public var name: String
    /// `component`, `datastore` or `system` (or your own type).
    public var componentType: String?
    /// Which probes include this check.
    public var probes: HealthProbe
    /// The longest the check may run; a slower check is reported `unhealthy`.
    public var timeout: Duration
    /// Reuse a result this long before running the check again; `nil` runs it every time.
    public var cacheInterval: Duration?
    /// Whether a failure fails the aggregate; a failing non-critical check only degrades it.
    public var isCritical: Bool
    let run: @Sendable () async throws -> HealthCheckResult

    /// Creates a check; a thrown error reports `unhealthy` with the error as output.
    ///
    /// ```swift
    /// let disk = HealthCheck("disk", componentType: "system", probes: .liveness) { .healthy }
    /// ```
    public init(
        _ name: String,
        componentType: String? = "component",
        probes: HealthProbe = [.liveness, .readiness],
        timeout: Duration = .seconds(5),
        cacheInterval: Duration? = nil,
        isCritical: Bool = true,
        _ run: @escaping @Sendable () async throws -> HealthCheckResult
    ) {
        precondition(!name.isEmpty && !name.contains(":"), "check names must be non-empty and contain no ':'")
        precondition(timeout > .zero, "timeout must be positive")
        self.name = name
        self.componentType = componentType
        self.probes = probes
        self.timeout = timeout
        self.cacheInterval = cacheInterval
        self.isCritical = isCritical
        self.run = run
    }
}
