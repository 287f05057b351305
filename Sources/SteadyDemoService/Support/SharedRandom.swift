import Synchronization

/// A ``SplitMix64`` shared between concurrent requests.
final class SharedRandom: Sendable {
    private let generator: Mutex<SplitMix64>

    init(seed: UInt64) {
        generator = Mutex(SplitMix64(seed: seed))
    }

    /// A uniformly distributed integer in `range`.
    func int(in range: ClosedRange<Int>) -> Int {
        if range.lowerBound == range.upperBound { return range.lowerBound }
        return generator.withLock { Int.random(in: range, using: &$0) }
    }
}
