/// Which overload protection the demo service runs with — the arms of the overload experiment
/// (`scripts/bench/overload`).
///
/// ```swift
/// var configuration = DemoServiceConfiguration()
/// configuration.protection = .staticLimit
/// ```
public enum DemoProtection: String, Sendable, Hashable, CaseIterable {
    /// No admission control and no deadlines: every request is served, however late.
    case none
    /// A fixed concurrency limit (``DemoServiceConfiguration/concurrencyLimit``); excess requests get 503 at once.
    case staticLimit = "static"
    /// A fixed concurrency limit with a CoDel-managed queue and adaptive LIFO.
    case codel
    /// A gradient adaptive concurrency limit with the CoDel/LIFO queue; criticality ignored.
    case adaptive
    /// The adaptive limit with criticality shares: `SHEDDABLE` traffic is shed before `CRITICAL` (the default).
    case adaptiveCriticality = "adaptive-criticality"
}
