/// The share of the concurrency limit each criticality may fill.
///
/// A request of class `c` runs only while fewer than `⌈limit × share(c)⌉` requests are in flight, so as load rises
/// `sheddable` traffic queues (and is shed) first, then `sheddablePlus`, then `critical`; `criticalPlus` may use
/// the whole limit. Shares must not decrease with importance.
///
/// ```swift
/// let shares = CriticalityShares(sheddable: 0.4, sheddablePlus: 0.6, critical: 0.9, criticalPlus: 1)
/// shares.capacity(for: .sheddable, limit: 100)  // 40
/// ```
public struct CriticalityShares: Sendable, Equatable {
    /// Share for ``Criticality/sheddable``.
    public var sheddable: Double
    /// Share for ``Criticality/sheddablePlus``.
    public var sheddablePlus: Double
    /// Share for ``Criticality/critical``.
    public var critical: Double
    /// Share for ``Criticality/criticalPlus``.
    public var criticalPlus: Double

    /// Creates shares; each in `0…1`, non-decreasing with importance.
    ///
    /// ```swift
    /// let shares = CriticalityShares()  // 0.5, 0.7, 0.9, 1.0
    /// ```
    public init(sheddable: Double = 0.5, sheddablePlus: Double = 0.7, critical: Double = 0.9, criticalPlus: Double = 1)
    {
        precondition(
            0 <= sheddable && sheddable <= sheddablePlus && sheddablePlus <= critical && critical <= criticalPlus
                && criticalPlus <= 1,
            "shares must be in 0...1 and non-decreasing with criticality")
        self.sheddable = sheddable
        self.sheddablePlus = sheddablePlus
        self.critical = critical
        self.criticalPlus = criticalPlus
    }

    /// The share for `criticality`.
    ///
    /// ```swift
    /// let share = shares[.critical]
    /// ```
    public subscript(criticality: Criticality) -> Double {
        switch criticality {
        case .sheddable: self.sheddable
        case .sheddablePlus: self.sheddablePlus
        case .critical: self.critical
        case .criticalPlus: self.criticalPlus
        }
    }

    /// How many requests may be in flight when a request of `criticality` starts: `⌈limit × share⌉`.
    ///
    /// ```swift
    /// shares.capacity(for: .criticalPlus, limit: 10)  // 10
    /// ```
    public func capacity(for criticality: Criticality, limit: Int) -> Int {
        Int((Double(limit) * self[criticality]).rounded(.up))
    }
}
