import Synchronization

/// A small, fast, seedable random number generator (SplitMix64) for reproducible tests and game days.
///
/// ```swift
/// let chaos = FaultInjection(rate: 0.2, clock: ContinuousClock(), random: SplitMix64(seed: 42))
/// var rng = SplitMix64(seed: 7)
/// let roll = Double.random(in: 0..<1, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    ///
    /// ```swift
    /// var rng = SplitMix64(seed: 1)
    /// ```
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits.
    ///
    /// ```swift
    /// let bits = rng.next()
    /// ```
    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A thread-safe holder for an injected random source, drawing uniform numbers in `0..<1`.
final class LockedRandomSource: Sendable {
    private let generator: Mutex<any RandomNumberGenerator & Sendable>

    init(_ generator: some RandomNumberGenerator & Sendable) {
        self.generator = Mutex(generator)
    }

    func nextUnit() -> Double {
        let bits = self.generator.withLock { $0.next() }
        return Double(bits >> 11) * 0x1p-53
    }
}
