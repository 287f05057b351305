#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real wall clock (`CLOCK_REALTIME`); sleeps on the continuous clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public var now: WallInstant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallInstant(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    public var minimumResolution: Duration { .nanoseconds(1) }

    public func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        let remaining = now.duration(to: deadline)
        if remaining <= .zero {
            try Task.checkCancellation()
            return
        }
        try await ContinuousClock().sleep(for: remaining, tolerance: tolerance)
    }
}
