import ServiceLifecycle
import SteadyModel

/// Loads the alert pipeline, then flushes aggregation groups as their timers come due (woken early by intake),
/// and collects resolved alerts every few minutes.
struct AlertDispatchService: Service {
    let pipeline: AlertPipeline
    let wake: WakeSignal
    let clock: any WallClock
    /// Longest sleep between checks (timers are re-read after every wake).
    var maximumSleep: Duration = .seconds(1)
    var garbageInterval: Duration = .seconds(300)
    /// Resolved alerts stay visible this long (Alertmanager's GC runs every 30 minutes).
    var resolvedRetention: Duration = .seconds(900)

    func run() async throws {
        try await pipeline.load()
        await cancelWhenGracefulShutdown {
            var lastGarbage = clock.now
            while !Task.isCancelled {
                await pipeline.flushDue()
                let now = clock.now
                if now >= lastGarbage.advanced(by: garbageInterval) {
                    lastGarbage = now
                    await pipeline.collectGarbage(resolvedBefore: now.advanced(by: .zero - resolvedRetention))
                }
                var sleep = maximumSleep
                if let deadline = await pipeline.nextDeadline {
                    sleep = min(sleep, max(.zero, now.duration(to: deadline)))
                }
                if sleep > .zero { await wake.wait(atMost: sleep, clock: clock) }
            }
        }
    }
}
