import Foundation
import SteadyModel

/// Target labels on scraped series, and the synthetic per-scrape series (`up`, `scrape_duration_seconds`,
/// `scrape_samples_scraped`), as Prometheus adds them.
enum ScrapeLabels {
    static func apply(target: ScrapeTarget, to body: inout ScrapeBody, up: Bool, duration: Duration) {
        let targetLabels = labels(for: target)
        let scraped = body.samples.count
        for index in body.samples.indices {
            body.samples[index].labels = merge(scraped: body.samples[index].labels, target: targetLabels)
        }
        body.samples.append(Sample(name: "up", labels: targetLabels, value: up ? 1 : 0))
        body.samples.append(Sample(name: "scrape_duration_seconds", labels: targetLabels, value: duration.seconds))
        body.samples.append(Sample(name: "scrape_samples_scraped", labels: targetLabels, value: Double(scraped)))
    }

    /// `job` (the service), `instance` (host:port of the URL) and the configured labels.
    static func labels(for target: ScrapeTarget) -> Labels {
        var pairs = target.labels.pairs
        if target.labels["job"] == nil { pairs.append(Label("job", target.service)) }
        if target.labels["instance"] == nil { pairs.append(Label("instance", instance(of: target.url))) }
        return Labels(pairs)
    }

    static func instance(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        return String(rest)
    }

    /// Target labels win; a scraped label that conflicts is kept as `exported_<name>` (honor_labels: false).
    static func merge(scraped: Labels, target: Labels) -> Labels {
        if target.isEmpty { return scraped }
        var pairs = scraped.pairs
        for label in target {
            if let index = pairs.firstIndex(where: { $0.name == label.name }) {
                if pairs[index].value != label.value {
                    pairs.append(Label("exported_" + label.name, pairs[index].value))
                }
                pairs[index] = label
            } else {
                pairs.append(label)
            }
        }
        return Labels(pairs)
    }
}
