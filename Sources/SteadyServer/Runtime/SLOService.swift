import ServiceLifecycle
import SteadyModel

/// Loads SLO history at start, then evaluates every SLO on a fixed tick (burn rates also update on every new
/// bucket, from the scrape path).
struct SLOService: Service {
    let runtime: SLORuntime
    let clock: any WallClock
    let interval: Duration

    func run() async throws {
        await runtime.start()
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await clock.sleep(for: interval)
                await runtime.tick()
            }
        }
    }
}
