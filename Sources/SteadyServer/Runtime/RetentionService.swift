import Logging
import ServiceLifecycle
import SteadyModel

/// Deletes golden-signal rollups older than the retention, once at start and then hourly.
struct RetentionService: Service {
    let store: any SignalRollupStore
    let clock: any WallClock
    let retention: @Sendable () -> Duration
    let logger: Logger

    func run() async throws {
        // Shutdown interrupts the hourly sleep; that is a normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let cutoff = clock.now.advanced(by: .zero - retention())
                do {
                    let deleted = try await store.deleteRollups(before: cutoff)
                    if deleted > 0 { logger.info("retention pruned rollups", metadata: ["rows": "\(deleted)"]) }
                } catch {
                    logger.error("retention failed", metadata: ["error": "\(error)"])
                }
                try await clock.sleep(for: .seconds(3600))
            }
        }
    }
}
