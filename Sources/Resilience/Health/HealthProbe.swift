/// The probes a health check takes part in (Kubernetes-style liveness, readiness and startup).
///
/// ```swift
/// let probes: HealthProbe = [.readiness, .startup]
/// ```
public struct HealthProbe: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: UInt8

    /// Creates a set from raw bits.
    ///
    /// ```swift
    /// let probes = HealthProbe(rawValue: 0b011)
    /// ```
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Is the process alive (restart it if not)? Keep these cheap and free of dependencies.
    public static let liveness = HealthProbe(rawValue: 1 << 0)
    /// Can the process serve traffic (route to it)? Dependencies belong here.
    public static let readiness = HealthProbe(rawValue: 1 << 1)
    /// Has the process finished starting up?
    public static let startup = HealthProbe(rawValue: 1 << 2)
    /// All three probes.
    public static let all: HealthProbe = [.liveness, .readiness, .startup]
}
