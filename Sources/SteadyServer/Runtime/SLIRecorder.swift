import SteadyModel
import SteadySignals
import Synchronization

/// Turns scrapes into SLI buckets (good and total events per SLO and minute), reusing the golden-signal tracker's
/// counter rules (resets, lazily created series, exact increases). Lives in the wiring module so SteadySignals and
/// SteadySLO never meet.
final class SLIRecorder: Sendable {
    private struct Source: Sendable {
        var slo: SLOSpec
        var tracker: GoldenSignalTracker?
        /// Why this SLO cannot be measured from scrapes (availability/raw SLIs).
        var unsupported: String?
    }

    private let sources = Mutex<[String: [Source]]>([:])

    init(services: [ServiceSpec]) { apply(services: services) }

    /// Keeps the counter baselines of SLOs whose SLI is unchanged.
    func apply(services: [ServiceSpec]) {
        sources.withLock { sources in
            var next: [String: [Source]] = [:]
            for service in services {
                let previous = sources[service.name] ?? []
                next[service.name] = service.slos.map { slo in
                    if let kept = previous.first(where: { $0.slo.id == slo.id && $0.slo.sli == slo.sli }) {
                        var source = kept
                        source.slo = slo
                        return source
                    }
                    return Self.source(for: slo)
                }
            }
            sources = next
        }
    }

    /// SLOs that scrapes cannot measure, with the reason.
    func unsupported() -> [(slo: String, reason: String)] {
        sources.withLock { sources in
            sources.values.flatMap { $0 }.compactMap { source in source.unsupported.map { (source.slo.id, $0) } }
        }
    }

    /// The buckets one scrape adds, and each SLO's current problems (empty when fine).
    func record(
        service: String, target: String, body: ScrapeBody, at instant: WallInstant
    )
        -> (buckets: [SLIBucket], problems: [String: [String]])
    {
        sources.withLock { sources in
            guard var list = sources[service] else { return ([], [:]) }
            var buckets: [SLIBucket] = []
            var problems: [String: [String]] = [:]
            for index in list.indices {
                guard var tracker = list[index].tracker else { continue }
                let rollup = tracker.ingest(target: target, body: body, at: instant)
                list[index].tracker = tracker
                let slo = list[index].slo
                switch slo.sli {
                case .ratio(let errors, _, _):
                    let total = rollup.requests
                    let good = errors != nil ? total - rollup.errors : rollup.errors
                    buckets.append(SLIBucket(slo: slo.id, minute: rollup.minute, good: max(0, good), total: total))
                    problems[slo.id] = []
                case .latency(let histogram, let threshold):
                    guard !rollup.latencyBuckets.isEmpty else { continue }  // baseline scrape or no histogram yet
                    let all = rollup.latencyBuckets
                    guard let total = all.last(where: { $0.upperBound == .infinity })?.count else {
                        problems[slo.id] = ["\(histogram) has no +Inf bucket"]
                        continue
                    }
                    if let match = all.first(where: { abs($0.upperBound - threshold) <= threshold * 1e-9 }) {
                        buckets.append(
                            SLIBucket(slo: slo.id, minute: rollup.minute, good: match.count, total: total))
                        problems[slo.id] = []
                    } else {
                        problems[slo.id] = [Self.notABoundary(threshold, histogram: histogram, bounds: all)]
                    }
                case .availability, .raw:
                    continue
                }
            }
            sources[service] = list
            return (buckets, problems)
        }
    }

    /// The buckets one probe run adds to the availability SLOs that read `probe`: one event, good when it succeeded.
    func recordAvailability(probe: String, at instant: WallInstant, good: Double, total: Double)
        -> (buckets: [SLIBucket], problems: [String: [String]])
    {
        sources.withLock { sources in
            var buckets: [SLIBucket] = []
            var problems: [String: [String]] = [:]
            for source in sources.values.joined() where source.slo.sli == .availability(probe: probe) {
                buckets.append(SLIBucket(slo: source.slo.id, minute: instant.minuteFloor, good: good, total: total))
                problems[source.slo.id] = []
            }
            return (buckets, problems)
        }
    }

    func forget(service: String, target: String) {
        sources.withLock { sources in
            guard var list = sources[service] else { return }
            for index in list.indices { list[index].tracker?.forget(target: target) }
            sources[service] = list
        }
    }

    private static func source(for slo: SLOSpec) -> Source {
        switch slo.sli {
        case .ratio(let errors, let good, let total):
            // The tracker's "errors" counter carries the SLI's numerator (errors or good events).
            let numerator = errors ?? good ?? total
            let spec = GoldenSignalSpec(requests: total, errors: numerator, latency: Self.nothing)
            return Source(slo: slo, tracker: GoldenSignalTracker(service: slo.service, spec: spec))
        case .latency(let histogram, _):
            let spec = GoldenSignalSpec(requests: Self.nothing, errors: Self.nothing, latency: histogram)
            return Source(slo: slo, tracker: GoldenSignalTracker(service: slo.service, spec: spec))
        case .availability:
            // Fed by probe runs (recordAvailability), not by scrapes.
            return Source(slo: slo, tracker: nil, unsupported: nil)
        case .raw:
            return Source(
                slo: slo, tracker: nil,
                unsupported: "raw PromQL SLIs need a Prometheus metrics source; the embedded scraper cannot run them")
        }
    }

    /// A selector no scraped series has (metric names cannot contain a space).
    private static let nothing = SeriesSelector(metricName: "steady internal: unused")

    static func notABoundary(_ threshold: Double, histogram: SeriesSelector, bounds: [LatencyBucket]) -> String {
        let finite = bounds.map(\.upperBound).filter(\.isFinite)
        let below = finite.last { $0 < threshold }
        let above = finite.first { $0 > threshold }
        let nearest = [below, above].compactMap { $0 }.map { formatSeconds($0) }
        return "latency threshold \(formatSeconds(threshold)) is not a bucket boundary of \(histogram); "
            + (nearest.isEmpty
                ? "the histogram has no finite buckets" : "nearest: \(nearest.joined(separator: " and "))")
    }

    private static func formatSeconds(_ value: Double) -> String {
        var text = "\(value)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text + "s"
    }
}
