/// One check's outcome inside a ``HealthReport``.
///
/// ```swift
/// for check in report.checks where check.result.status != .healthy {
///     logger.warning("\(check.name): \(check.result.output ?? "")")
/// }
/// ```
public struct HealthCheckReport: Sendable, Hashable {
    /// The check's (component's) name.
    public var name: String
    /// The component type (`component`, `datastore`, `system`…).
    public var componentType: String?
    /// Whether a failure fails the aggregate.
    public var isCritical: Bool
    /// What the check found.
    public var result: HealthCheckResult
    /// When the check ran (wall clock).
    public var time: HealthTime
    /// How long it took.
    public var duration: Duration
    /// Whether the result was reused from the cache.
    public var fromCache: Bool

    /// Creates a report entry.
    ///
    /// ```swift
    /// let entry = HealthCheckReport(name: "db", result: .healthy, time: .now())
    /// ```
    public init(
        name: String,
        componentType: String? = "component",
        isCritical: Bool = true,
        result: HealthCheckResult,
        time: HealthTime,
        duration: Duration = .zero,
        fromCache: Bool = false
    ) {
        self.name = name
        self.componentType = componentType
        self.isCritical = isCritical
        self.result = result
        self.time = time
        self.duration = duration
        self.fromCache = fromCache
    }

    /// The status this check contributes to the aggregate: a failing non-critical check only degrades it.
    ///
    /// ```swift
    /// let contribution = entry.aggregateContribution
    /// ```
    public var aggregateContribution: HealthStatus {
        !self.isCritical && self.result.status == .unhealthy ? .degraded : self.result.status
    }
}
