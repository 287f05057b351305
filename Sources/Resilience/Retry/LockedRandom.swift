public import Synchronization

/// An injected random number generator behind a lock, drawing uniform numbers in `0 ..< 1` for jitter.
@usableFromInline
final class LockedRandom<Generator: RandomNumberGenerator & Sendable>: Sendable {
    @usableFromInline let generator: Mutex<Generator>

    @usableFromInline
    init(_ generator: Generator) {
        self.generator = Mutex(generator)
    }

    @inlinable
    func nextUnit() -> Double {
        let bits = self.generator.withLock { $0.next() }
        return Double(bits >> 11) * 0x1p-53
    }
}
