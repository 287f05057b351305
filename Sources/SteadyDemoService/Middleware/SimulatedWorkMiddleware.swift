import Hummingbird
import Resilience
import Synchronization

/// Burns a fixed amount of CPU per request, so the service saturates a core at a predictable rate in the overload
/// experiment. The work is a calibrated number of loop iterations (not a wall-clock spin, which would shrink under
/// contention), done in slices of about 100 µs with a `Task.yield()` between them, so concurrent requests share the
/// CPU as they would in a server whose handlers also wait on I/O (a handler that never suspends would hold a pool
/// thread and hide the backlog from admission control in the executor's queue). The request stops early, with
/// `ResilienceError.deadlineExceeded`, when its ``Deadline`` passes or it is cancelled — expired work is abandoned,
/// not finished for nobody.
struct SimulatedWorkMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let iterations: Int
    let clock: C

    init(work: Duration, clock: C) {
        self.iterations = CPUWork.iterations(for: work)
        self.clock = clock
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        if iterations > 0 {
            let clock = self.clock
            try await CPUWork.burn(iterations: iterations) {
                try Task.checkCancellation()
                try Deadline.checkNotPassed(on: clock)
            }
        }
        return try await next(request, context)
    }
}

/// A calibrated busy loop.
enum CPUWork {
    private static let sink = Atomic<UInt64>(0)
    /// Loop iterations per microsecond on this machine, measured once.
    static let iterationsPerMicrosecond: Double = {
        let clock = ContinuousClock()
        var best = Duration.seconds(1)
        let sample = 200_000
        for _ in 0..<5 {
            let start = clock.now
            spin(sample)
            best = min(best, start.duration(to: clock.now))
        }
        let (seconds, attoseconds) = best.components
        let microseconds = max(1, Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
        return Double(sample) / microseconds
    }()

    static func iterations(for work: Duration) -> Int {
        guard work > .zero else { return 0 }
        let (seconds, attoseconds) = work.components
        let microseconds = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
        return max(1, Int(microseconds * iterationsPerMicrosecond))
    }

    /// Runs `iterations` in slices, yielding and calling `check` before each slice.
    static func burn(iterations: Int, check: () throws -> Void) async throws {
        let slice = max(1, Int(100 * iterationsPerMicrosecond))
        var left = iterations
        while left > 0 {
            await Task.yield()
            try check()
            let now = min(slice, left)
            spin(now)
            left -= now
        }
    }

    private static func spin(_ count: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            state ^= z >> 31
        }
        sink.store(state, ordering: .relaxed)
    }
}
