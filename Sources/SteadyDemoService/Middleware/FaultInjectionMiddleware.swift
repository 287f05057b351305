import Hummingbird

/// Applies the admin fault switch to API requests: `down` answers 503, `addedLatencyMs` delays, and `errorRatio`
/// answers that share of requests with 500 (decided by the service's seeded random source).
struct FaultInjectionMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let faults: FaultSwitch<C>
    let clock: C
    let random: SharedRandom

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        guard let active = faults.current() else {
            return try await next(request, context)
        }
        let settings = active.settings
        if settings.down {
            throw APIError.unavailable("service is down (injected fault)")
        }
        if settings.addedLatencyMs > 0 {
            try await clock.sleep(for: .milliseconds(settings.addedLatencyMs))
        }
        if settings.errorRatio > 0, random.unitInterval() < settings.errorRatio {
            throw APIError.injectedFailure()
        }
        return try await next(request, context)
    }
}
