import Logging
import ServiceLifecycle
import SteadyModel

/// Deletes golden-signal rollups older than the retention, and SLI buckets older than the retention or the
/// longest SLO period (whichever is longer), once at start and then hourly.
struct RetentionService: Service {
    let store: any SignalRollupStore & SLIBucketStore
    let clock: any WallClock
    let retention: @Sendable () -> Duration
    let longestPeriod: @Sendable () -> Duration
    let logger: Logger

    func run() async throws {
        // Shutdown interrupts the hourly sleep; that is a normal end, not an error.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let cutoff = clock.now.advanced(by: .zero - retention())
                do {
                    let deleted = try await store.deleteRollups(before: cutoff)
                    if deleted > 0 { logger.info("retention pruned rollups", metadata: ["rows": "\(deleted)"]) }
                    let sliCutoff = clock.now.advanced(
                        by: .zero - max(retention(), longestPeriod() + .seconds(86_400)))
                    let pruned = try await store.deleteSLIBuckets(before: sliCutoff)
                    if pruned > 0 { logger.info("retention pruned SLI buckets", metadata: ["rows": "\(pruned)"]) }
                } catch {
                    logger.error("retention failed", metadata: ["error": "\(error)"])
                }
                try await clock.sleep(for: .seconds(3600))
            }
        }
    }
}
