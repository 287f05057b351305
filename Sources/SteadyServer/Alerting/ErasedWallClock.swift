import SteadyModel

/// A concrete `Clock` over an injected `any WallClock`, for generic APIs such as Resilience's breakers.
struct ErasedWallClock: Clock {
    let base: any WallClock

    var now: WallInstant { base.now }
    var minimumResolution: Duration { base.minimumResolution }

    func sleep(until deadline: WallInstant, tolerance: Duration?) async throws {
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}
