import Logging
import Prometheus
import SteadyModel
import SteadyScrape
import SteadySignals
import Synchronization

/// Turns scrape outcomes into golden-signal rollups and stores them: the glue between SteadyScrape and
/// SteadySignals, kept in the wiring module so neither feature module knows the other.
final class SignalIngestor: Sendable {
    private struct State {
        var trackers: [String: GoldenSignalTracker] = [:]
    }

    private let state = Mutex(State())
    private let store: any SignalRollupStore
    private let metrics: SelfMetrics
    private let logger: Logger

    init(services: [ServiceSpec], store: any SignalRollupStore, metrics: SelfMetrics, logger: Logger) {
        self.store = store
        self.metrics = metrics
        self.logger = logger
        apply(services: services)
    }

    /// Keeps trackers of services whose signal spec is unchanged (their counter baselines survive a reload).
    func apply(services: [ServiceSpec]) {
        state.withLock { state in
            var next: [String: GoldenSignalTracker] = [:]
            for service in services {
                if let existing = state.trackers[service.name], existing.spec == service.signals {
                    next[service.name] = existing
                } else {
                    next[service.name] = GoldenSignalTracker(service: service.name, spec: service.signals)
                }
            }
            state.trackers = next
        }
    }

    func ingest(_ outcome: ScrapeOutcome) async {
        metrics.recordScrape(outcome)
        guard let body = outcome.body else { return }
        let rollup = state.withLock { state -> SignalRollup? in
            state.trackers[outcome.target.service]?.ingest(target: outcome.target.url, body: body, at: outcome.time)
        }
        guard let rollup else { return }
        do {
            try await store.mergeRollups([rollup])
        } catch {
            metrics.storageErrors.increment()
            logger.error("storing golden signals failed", metadata: ["error": "\(error)"])
        }
    }

    func forget(target: ScrapeTarget) {
        state.withLock { state in state.trackers[target.service]?.forget(target: target.url) }
    }
}
