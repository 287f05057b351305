import Prometheus
import SteadyModel
import SteadyScrape

/// Steady's own metrics, served at `/metrics`. Kept in a registry instance (not the global MetricsSystem), so
/// several servers can live in one process (tests, `steady demo`).
final class SelfMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let scrapesSucceeded: Counter
    let scrapesFailed: Counter
    let samplesIngested: Counter
    let storageErrors: Counter
    let scrapeDuration: DurationHistogram
    let reloads: Counter
    let reloadFailures: Counter
    let startTime: Gauge

    init(startSeconds: Double) {
        scrapesSucceeded = registry.makeCounter(
            name: "steady_scrapes_total", labels: [("result", "success")], help: "Scrapes by result.")
        scrapesFailed = registry.makeCounter(
            name: "steady_scrapes_total", labels: [("result", "failure")], help: "Scrapes by result.")
        samplesIngested = registry.makeCounter(
            name: "steady_scrape_samples_total", help: "Samples parsed from successful scrapes.")
        storageErrors = registry.makeCounter(
            name: "steady_storage_errors_total", help: "Failed writes to the store.")
        scrapeDuration = registry.makeDurationHistogram(
            name: "steady_scrape_duration_seconds",
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
                .milliseconds(500), .seconds(1), .seconds(5), .seconds(10),
            ],
            help: "Duration of scrapes (fetch and parse).")
        reloads = registry.makeCounter(
            name: "steady_config_reloads_total", labels: [("result", "success")], help: "Configuration reloads.")
        reloadFailures = registry.makeCounter(
            name: "steady_config_reloads_total", labels: [("result", "failure")], help: "Configuration reloads.")
        startTime = registry.makeGauge(
            name: "steady_start_time_seconds", help: "Start time of the process since the Unix epoch.")
        startTime.set(startSeconds)
    }

    func recordScrape(_ outcome: ScrapeOutcome) {
        scrapeDuration.recordNanoseconds(outcome.duration.nanoseconds)
        if let body = outcome.body {
            scrapesSucceeded.increment()
            samplesIngested.increment(by: Int64(body.samples.count))
        } else {
            scrapesFailed.increment()
        }
    }

    func exposition() -> String { registry.emitToString() }
}
