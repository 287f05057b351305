/// What a health check found: a status, an optional detail message and observed values.
///
/// ```swift
/// return HealthCheckResult(
///     .degraded, output: "replica lag 4s",
///     observations: [HealthObservation(measurement: "replicationLag", value: 4, unit: "s")])
/// ```
public struct HealthCheckResult: Sendable, Hashable {
    /// The component's status.
    public var status: HealthStatus
    /// A human-readable detail (why it is degraded or failing).
    public var output: String?
    /// Measurements taken by the check.
    public var observations: [HealthObservation]

    /// Creates a result.
    ///
    /// ```swift
    /// let result = HealthCheckResult(.healthy, observations: [.init(measurement: "connections", value: 3)])
    /// ```
    public init(_ status: HealthStatus, output: String? = nil, observations: [HealthObservation] = []) {
        self.status = status
        self.output = output
        self.observations = observations
    }

    /// A healthy result.
    ///
    /// ```swift
    /// return .healthy
    /// ```
    public static let healthy = HealthCheckResult(.healthy)
}
