import Hummingbird
import Resilience

/// Adds a small, seeded, uniformly distributed latency to each request so the latency histogram looks realistic.
/// The sleep never outlasts the request's ``Deadline``: when the deadline comes first the request stops there with
/// `ResilienceError.deadlineExceeded` (answered 504 by the deadline middleware).
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
            var wait = Duration.milliseconds(milliseconds)
            if let remaining = Deadline.current?.remaining(on: clock) { wait = min(wait, remaining) }
            if wait > .zero { try await clock.sleep(for: wait) }
            try Deadline.checkNotPassed(on: clock)
        }
        return try await next(request, context)
    }
}
