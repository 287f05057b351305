/// One measurement reported by a health check, rendered as one object under `"component:measurement"`.
///
/// ```swift
/// let observation = HealthObservation(
///     measurement: "responseTime", value: .double(12.5), unit: "ms", componentId: "db-primary")
/// ```
public struct HealthObservation: Sendable, Hashable {
    /// The measurement name (`responseTime`, `connections`, `utilization`, `uptime`…); no colons.
    public var measurement: String
    /// The observed value.
    public var value: HealthValue?
    /// The unit of `value` (`ms`, `percent`, `s`…).
    public var unit: String?
    /// Identifies the instance of the component (a node, a replica) this observation is about.
    public var componentId: String?
    /// This observation's status; `nil` means the check's status.
    public var status: HealthStatus?
    /// Details, shown for `warn` and `fail`.
    public var output: String?

    /// Creates an observation.
    ///
    /// ```swift
    /// let observation = HealthObservation(measurement: "connections", value: 17)
    /// ```
    public init(
        measurement: String,
        value: HealthValue? = nil,
        unit: String? = nil,
        componentId: String? = nil,
        status: HealthStatus? = nil,
        output: String? = nil
    ) {
        precondition(!measurement.contains(":"), "measurement names must not contain ':'")
        self.measurement = measurement
        self.value = value
        self.unit = unit
        self.componentId = componentId
        self.status = status
        self.output = output
    }
}
