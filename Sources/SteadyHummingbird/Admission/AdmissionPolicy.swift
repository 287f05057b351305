public import Resilience

/// How ``AdmissionControlMiddleware`` decides which requests run: the arms of the overload experiment, from the
/// simplest to the full SRE-book setup.
///
/// ```swift
/// let policy = AdmissionPolicy.adaptiveWithCriticality()
/// let shedder = LoadShedder(configuration: policy.configuration())
/// ```
public enum AdmissionPolicy: Sendable, Equatable {
    /// A fixed concurrency limit; excess requests are rejected at once (no queue); criticality is ignored.
    case staticLimit(Int)
    /// A fixed concurrency limit with a CoDel-managed queue served FIFO, LIFO under congestion (Facebook's
    /// "Fail at Scale"); criticality is ignored.
    case codel(limit: Int, maxQueueLength: Int)
    /// A gradient (latency-based) adaptive limit with the CoDel/LIFO queue; criticality is ignored.
    case adaptive(GradientLimit.Configuration, maxQueueLength: Int)
    /// The adaptive limit and queue, with each criticality class limited to its share of the limit so sheddable
    /// traffic is shed first (Google SRE book, "Handling Overload").
    case adaptiveWithCriticality(GradientLimit.Configuration, maxQueueLength: Int, shares: CriticalityShares)

    /// The adaptive limit with criticality and default settings.
    ///
    /// ```swift
    /// let policy = AdmissionPolicy.adaptiveWithCriticality()
    /// ```
    public static func adaptiveWithCriticality(
        _ gradient: GradientLimit.Configuration = .init(), maxQueueLength: Int = 256
    ) -> AdmissionPolicy {
        .adaptiveWithCriticality(gradient, maxQueueLength: maxQueueLength, shares: CriticalityShares())
    }

    /// Whether the policy admits by the request's criticality.
    ///
    /// ```swift
    /// if policy.usesCriticality { … }
    /// ```
    public var usesCriticality: Bool {
        if case .adaptiveWithCriticality = self { return true }
        return false
    }

    /// The load shedder configuration that implements the policy. `codel` tunes the queue (Facebook's 5 ms target
    /// and 100 ms interval by default).
    ///
    /// ```swift
    /// let shedder = LoadShedder(configuration: AdmissionPolicy.staticLimit(32).configuration(), clock: clock)
    /// ```
    public func configuration<Instant: InstantProtocol>(
        codel: CoDelStateMachine<Instant>.Configuration = .init()
    ) -> AdmissionStateMachine<Instant>.Configuration where Instant.Duration == Duration {
        let equalShares = CriticalityShares(sheddable: 1, sheddablePlus: 1, critical: 1, criticalPlus: 1)
        switch self {
        case .staticLimit(let limit):
            return .init(algorithm: .fixed(limit), shares: equalShares, maxQueueLength: 0, codel: codel)
        case .codel(let limit, let maxQueueLength):
            return .init(
                algorithm: .fixed(limit), shares: equalShares, maxQueueLength: maxQueueLength, codel: codel,
                lifoThreshold: max(1, limit))
        case .adaptive(let gradient, let maxQueueLength):
            return .init(
                algorithm: .gradient(gradient), shares: equalShares, maxQueueLength: maxQueueLength, codel: codel,
                lifoThreshold: max(1, gradient.initialLimit))
        case .adaptiveWithCriticality(let gradient, let maxQueueLength, let shares):
            return .init(
                algorithm: .gradient(gradient), shares: shares, maxQueueLength: maxQueueLength, codel: codel,
                lifoThreshold: max(1, gradient.initialLimit))
        }
    }
}
