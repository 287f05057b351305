/// The health of a component or service, ordered from best to worst.
///
/// On the wire (`application/health+json`) the statuses are `pass`, `warn` and `fail`.
///
/// ```swift
/// let status = latency < .milliseconds(100) ? HealthStatus.healthy : .degraded
/// status.wireValue  // "pass" or "warn"
/// ```
public enum HealthStatus: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Working normally (`pass`).
    case healthy = 0
    /// Working, with problems (`warn`).
    case degraded = 1
    /// Not working (`fail`).
    case unhealthy = 2

    /// `pass`, `warn` or `fail`.
    ///
    /// ```swift
    /// HealthStatus.unhealthy.wireValue  // "fail"
    /// ```
    public var wireValue: String {
        switch self {
        case .healthy: "pass"
        case .degraded: "warn"
        case .unhealthy: "fail"
        }
    }

    /// The wire value.
    ///
    /// ```swift
    /// print(HealthStatus.degraded)  // warn
    /// ```
    public var description: String { self.wireValue }

    /// Parses `pass`/`warn`/`fail` (and the draft's aliases `ok`/`up`, `down`/`error`).
    ///
    /// ```swift
    /// HealthStatus(wireValue: "warn")  // .degraded
    /// ```
    public init?(wireValue: String) {
        switch wireValue.lowercased() {
        case "pass", "ok", "up": self = .healthy
        case "warn": self = .degraded
        case "fail", "down", "error": self = .unhealthy
        default: return nil
        }
    }

    /// Orders by severity (`healthy` < `degraded` < `unhealthy`).
    ///
    /// ```swift
    /// let worst = statuses.max() ?? .healthy
    /// ```
    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
