import Synchronization

/// Rate-controlled fault injection for tests and game days: errors, latency and outcome replacement.
///
/// Each call rolls the injected random source; when the injector is enabled and the roll falls below ``rate``, the
/// fault is applied. Rate and switch can be changed at run time (for example from a game-day control endpoint).
///
/// ```swift
/// let chaos = FaultInjection(rate: 0.1, clock: ContinuousClock(), random: SplitMix64(seed: 7))
/// let order = try await chaos.execute(.latency(.seconds(2))) { try await orders.place(cart) }
/// chaos.isEnabled = false  // stop the experiment
/// ```
public final class FaultInjection<C: Clock>: Sendable where C.Duration == Duration {
    /// The clock injected latency sleeps on.
    public let clock: C
    private let rateBits: Atomic<UInt64>
    private let enabled: Atomic<Bool>
    private let random: LockedRandomSource
    private let evaluated = Atomic<Int>(0)
    private let injected = Atomic<Int>(0)

    /// Creates an injector.
    ///
    /// ```swift
    /// let chaos = FaultInjection(rate: 0.5, enabled: false, clock: manualClock, random: SplitMix64(seed: 1))
    /// ```
    public init(
        rate: Double,
        enabled: Bool = true,
        clock: C,
        random: some RandomNumberGenerator & Sendable = SystemRandomNumberGenerator()
    ) {
        self.clock = clock
        let policy = FaultInjectionPolicy(rate: rate, isEnabled: enabled)
        self.rateBits = Atomic(policy.rate.bitPattern)
        self.enabled = Atomic(policy.isEnabled)
        self.random = LockedRandomSource(random)
    }

    /// Share of calls affected, 0…1 (clamped when set).
    ///
    /// ```swift
    /// chaos.rate = 0.25
    /// ```
    public var rate: Double {
        get { Double(bitPattern: self.rateBits.load(ordering: .relaxed)) }
        set { self.rateBits.store(FaultInjectionPolicy(rate: newValue).rate.bitPattern, ordering: .relaxed) }
    }

    /// The master switch.
    ///
    /// ```swift
    /// chaos.isEnabled = true
    /// ```
    public var isEnabled: Bool {
        get { self.enabled.load(ordering: .relaxed) }
        set { self.enabled.store(newValue, ordering: .relaxed) }
    }

    /// Calls evaluated so far.
    ///
    /// ```swift
    /// let total = chaos.evaluatedCount
    /// ```
    public var evaluatedCount: Int { self.evaluated.load(ordering: .relaxed) }

    /// Calls a fault was injected into so far.
    ///
    /// ```swift
    /// let observedRate = Double(chaos.injectedCount) / Double(chaos.evaluatedCount)
    /// ```
    public var injectedCount: Int { self.injected.load(ordering: .relaxed) }

    /// Rolls once and says whether this call should get a fault (counted in the statistics).
    ///
    /// ```swift
    /// if chaos.shouldInject() { throw TestError.boom }
    /// ```
    public func shouldInject() -> Bool {
        let policy = FaultInjectionPolicy(rate: self.rate, isEnabled: self.isEnabled)
        self.evaluated.add(1, ordering: .relaxed)
        guard policy.isEnabled, policy.rate > 0 else { return false }
        let inject = policy.shouldInject(roll: self.random.nextUnit())
        if inject { self.injected.add(1, ordering: .relaxed) }
        return inject
    }

    /// Runs `operation`, applying `fault` when this call is selected.
    ///
    /// ```swift
    /// let stock = try await chaos.execute(.error(AdaptiveResilienceError.injectedFault)) {
    ///     try await inventory.stock(sku)
    /// }
    /// ```
    public func execute<T: Sendable>(
        _ fault: InjectedFault<T>,
        isolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> T
    ) async throws -> T {
        guard self.shouldInject() else { return try await operation() }
        switch fault {
        case .error(let error):
            throw error
        case .latency(let delay):
            try await self.clock.sleep(for: delay)
            return try await operation()
        case .outcome(let result):
            return try result.get()
        }
    }
}

extension FaultInjection where C == ContinuousClock {
    /// Creates an injector on the continuous clock with the system random source.
    ///
    /// ```swift
    /// let chaos = FaultInjection(rate: 0.01)
    /// ```
    public convenience init(rate: Double, enabled: Bool = true) {
        self.init(rate: rate, enabled: enabled, clock: ContinuousClock())
    }
}
