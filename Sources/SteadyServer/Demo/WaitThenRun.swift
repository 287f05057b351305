import ServiceLifecycle

/// Runs `inner` once `condition` holds (polled), so the demo's traffic starts after Steady's first scrape of the
/// demo service and every request it sends is counted.
struct WaitThenRun: Service {
    let inner: any Service
    let condition: @Sendable () -> Bool

    func run() async throws {
        // Shutdown before the condition holds ends the wait without an error.
        let started = try? await cancelWhenGracefulShutdown { () async throws -> Bool in
            while !condition() {
                try await Task.sleep(for: .milliseconds(100))
            }
            return true
        }
        guard started == true, !Task.isCancelled else { return }
        try await inner.run()
    }
}
