import SteadyModel

/// The model's SplitMix64, so property tests are reproducible from their seed.
typealias SeededGenerator = SplitMix64
