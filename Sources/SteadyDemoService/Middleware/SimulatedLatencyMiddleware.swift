import Hummingbird

/// Adds a small, seeded, uniformly distributed latency to each request so the latency histogram looks realistic.
struct SimulatedLatencyMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let latencyMs: ClosedRange<Int>
    let clock: C
    let random: SharedRandom

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let milliseconds = random.int(in: latencyMs)
        if milliseconds > 0 {
            try await clock.sleep(for: .milliseconds(milliseconds))
        }
        return try await next(request, context)
    }
}
