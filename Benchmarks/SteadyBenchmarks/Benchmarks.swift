import Benchmark

/// Entry point of the `SteadyBenchmarks` executable (ordo-one/benchmark).
///
/// Run: `STEADY_ENABLE_BENCHMARKS=1 swift package --scratch-path .build-bench benchmark --target SteadyBenchmarks`
let benchmarks: @Sendable () -> Void = {
    parserBenchmarks()
    matcherBenchmarks()
    signalBenchmarks()
    sloBenchmarks()
}
