public import Hummingbird
import Resilience
import Synchronization

/// Applies an ``HTTPFaultSwitch`` to requests: an outage answers `503 unavailable`, added latency sleeps on the
/// switch's clock (never past the request's ``Deadline``: then it throws `ResilienceError.deadlineExceeded`), and the
/// error ratio fails that share of requests with `500 injected_fault` (decided by Resilience's
/// ``FaultInjectionPolicy`` on a seeded random source, so runs are reproducible).
///
/// ```swift
/// api.add(middleware: HTTPFaultMiddleware(faults: faultSwitch, seed: 42))
/// ```
public struct HTTPFaultMiddleware<Context: RequestContext, C: Clock>: RouterMiddleware where C.Duration == Duration {
    let faults: HTTPFaultSwitch<C>
    let random: FaultRandom

    /// Creates the middleware; `seed` drives which requests fail.
    ///
    /// ```swift
    /// let middleware = HTTPFaultMiddleware<BasicRequestContext, _>(faults: faultSwitch, seed: 7)
    /// ```
    public init(faults: HTTPFaultSwitch<C>, seed: UInt64 = 42) {
        self.faults = faults
        self.random = FaultRandom(seed: seed)
    }

    /// Applies the active faults, then runs the rest of the chain.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let active = self.faults.current() else {
            return try await next(request, context)
        }
        let faults = active.faults
        if faults.unavailable {
            throw ResilienceHTTPError.unavailable("service is down (injected fault)")
        }
        if faults.addedLatency > .zero {
            try await Self.sleep(for: faults.addedLatency, within: Deadline.current, on: self.faults.clock)
        }
        if FaultInjectionPolicy(rate: faults.errorRatio).shouldInject(roll: self.random.unitInterval()) {
            throw ResilienceHTTPError.injectedFault
        }
        return try await next(request, context)
    }
}

extension HTTPFaultMiddleware {
    /// Sleeps for `duration` on `clock`, but no later than `deadline`; throws `ResilienceError.deadlineExceeded` when
    /// the deadline is reached, so added latency never keeps a request past its deadline.
    static func sleep(for duration: Duration, within deadline: Deadline?, on clock: C) async throws {
        var wait = duration
        if let remaining = deadline?.remaining(on: clock) { wait = min(wait, remaining) }
        if wait > .zero { try await clock.sleep(for: wait) }
        try Deadline.checkNotPassed(on: clock)
    }
}

/// A seeded SplitMix64 shared by concurrent requests.
final class FaultRandom: Sendable {
    private let state: Mutex<UInt64>

    init(seed: UInt64) {
        self.state = Mutex(seed)
    }

    /// Uniform in `0..<1`.
    func unitInterval() -> Double {
        let bits = self.state.withLock { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) * 0x1.0p-53
    }
}
