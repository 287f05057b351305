/// The pure decision rule of fault injection: inject when enabled and a uniform roll falls below the rate.
///
/// ```swift
/// let policy = FaultInjectionPolicy(rate: 0.25, isEnabled: true)
/// policy.shouldInject(roll: 0.1)  // true
/// policy.shouldInject(roll: 0.3)  // false
/// ```
public struct FaultInjectionPolicy: Sendable, Hashable {
    /// Share of calls to affect, in 0…1.
    public var rate: Double
    /// The master switch; when off, nothing is injected.
    public var isEnabled: Bool

    /// Creates a policy; `rate` is clamped to 0…1.
    ///
    /// ```swift
    /// let policy = FaultInjectionPolicy(rate: 0.05)
    /// ```
    public init(rate: Double, isEnabled: Bool = true) {
        self.rate = rate.isNaN ? 0 : min(1, max(0, rate))
        self.isEnabled = isEnabled
    }

    /// Whether to inject for a roll uniform in `0..<1`.
    ///
    /// ```swift
    /// let inject = policy.shouldInject(roll: Double.random(in: 0..<1))
    /// ```
    public func shouldInject(roll: Double) -> Bool {
        self.isEnabled && roll < self.rate
    }
}
