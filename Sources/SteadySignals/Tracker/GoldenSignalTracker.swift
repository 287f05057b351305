public import SteadyModel

/// Turns a service's scrapes into golden-signal increases: a pure state machine holding, per scrape target, the
/// last value of every counter series the ``GoldenSignalSpec`` selects.
///
/// The async shell calls ``ingest(target:body:at:)`` for every successful scrape and merges the returned
/// ``SignalRollup`` into storage, where rows of the same service and minute add up with `SignalRollup.merge`.
///
/// ```swift
/// var tracker = GoldenSignalTracker(service: "checkout", spec: GoldenSignalSpec())
/// _ = tracker.ingest(target: "10.0.0.1:8080", body: firstScrape, at: t0)     // baseline only
/// let rollup = tracker.ingest(target: "10.0.0.1:8080", body: nextScrape, at: t1)
/// rollup.requests  // requests counted between the two scrapes
/// ```
///
/// ## Counter rules (Prometheus `increase` semantics)
/// - Per series (name + labels), the increase is `current − previous`. A decrease is a counter reset (the process
///   restarted), so the increase is `current`: the counter restarted from 0.
/// - The first scrape of a target only sets the baseline: it contributes no increases, since what the counters
///   held before is unknown.
/// - A series first seen in a later scrape of a target that already has a baseline counts from 0: client libraries
///   create labelled series lazily on their first increment, so its whole value is new.
/// - Series absent from a scrape are forgotten (bounded memory); if they come back they count from 0 again.
/// - NaN and infinite counter values contribute nothing and keep the previous baseline.
/// - Duplicate series within one scrape: the first sample wins, as in Prometheus.
/// - A failed scrape is simply not ingested. After a gap, the next scrape's increases (everything since the last
///   successful scrape) are attributed to the minute of that scrape: totals stay exact, per-minute placement is
///   approximate.
///
/// ## Signals
/// - `requests` / `errors`: sums of the increases of the series matching the spec's selectors.
/// - Latency: the family's `_bucket` series (the selector's metric name + `_bucket`, its matchers applied to the
///   labels other than `le`); increases are summed per `le` across series into cumulative bucket increases, and
///   `_sum` / `_count` likewise.
/// - Saturation: the current values of the matching gauge series combined by the spec's aggregation (max, avg,
///   sum) into one reading per scrape, taken on the baseline scrape too; no reading when no series matches.
///
/// Selector results are cached per series (bounded by `matchCacheCapacity`), so regular expressions run once per
/// series, not once per sample per scrape.
public struct GoldenSignalTracker: Sendable {
    /// The service whose rollups this tracker produces.
    public let service: String
    /// Where the signals come from.
    public let spec: GoldenSignalSpec

    private let classifier: SeriesClassifier
    private var roles: SeriesRoleCache
    private var targets: [String: TargetState] = [:]

    /// Creates a tracker for `service`.
    /// - Parameter matchCacheCapacity: how many series' selector results are remembered.
    public init(service: String, spec: GoldenSignalSpec, matchCacheCapacity: Int = 100_000) {
        self.service = service
        self.spec = spec
        self.classifier = SeriesClassifier(spec: spec)
        self.roles = SeriesRoleCache(capacity: matchCacheCapacity)
    }

    /// Creates a tracker from a service definition.
    public init(service: ServiceSpec, matchCacheCapacity: Int = 100_000) {
        self.init(service: service.name, spec: service.signals, matchCacheCapacity: matchCacheCapacity)
    }

    /// Targets that have a baseline.
    public var trackedTargets: [String] { Array(targets.keys) }

    /// Series of `target`'s last scrape that feed a signal (nil when the target has no baseline).
    public func trackedSeriesCount(target: String) -> Int? { targets[target]?.series.count }

    /// Series whose selector results are cached (at most `matchCacheCapacity`).
    public var cachedSeriesCount: Int { roles.count }

    /// Forgets a removed target; if it comes back, its next scrape is a baseline again.
    public mutating func forget(target: String) {
        targets.removeValue(forKey: target)
    }

    /// Ingests one successful scrape of `target` taken at `instant`, and returns what it adds to the minute
    /// containing `instant` (`scrapes` is 1). See the type's documentation for the rules.
    public mutating func ingest(target: String, body: ScrapeBody, at instant: WallInstant) -> SignalRollup {
        var rollup = SignalRollup(service: service, minute: instant.minuteFloor, scrapes: 1)
        let hasBaseline = targets[target] != nil
        // Taken out of the dictionary so its series table is uniquely referenced and updated in place.
        var state = targets.removeValue(forKey: target) ?? TargetState()
        state.generation &+= 1
        let generation = state.generation
        var seen = 0
        var latency = LatencyAccumulator()
        var saturation = SaturationAccumulator(aggregation: spec.saturationAggregation)

        for sample in body.samples {
            guard classifier.mightMatch(name: sample.name) else { continue }
            let key = SeriesKey(name: sample.name, labels: sample.labels)
            let value = sample.value
            let increase: Double?
            let role: SeriesRole
            if let index = state.series.index(forKey: key) {
                // Known series: one hash lookup gives both its role and its baseline.
                let entry = state.series.values[index]
                guard entry.generation != generation else { continue }  // duplicate series: first wins
                seen += 1
                role = entry.role
                state.series.values[index].generation = generation
                if value.isFinite {
                    state.series.values[index].value = value
                    if entry.value.isNaN {
                        increase = value  // never had a finite value: counts from 0
                    } else {
                        increase = value < entry.value ? value : value - entry.value
                    }
                } else {
                    increase = nil  // keep the baseline
                }
            } else {
                if let cached = roles.role(for: key) {
                    role = cached
                } else {
                    role = classifier.role(name: key.name, labels: key.labels)
                    roles.insert(role, for: key)
                }
                guard role.isCounter || role.isSaturation else { continue }
                seen += 1
                state.series[key] = .init(role: role, value: value.isFinite ? value : .nan, generation: generation)
                increase = hasBaseline && value.isFinite ? value : nil
            }

            if role.isSaturation { saturation.add(value) }
            guard role.isCounter, let increase else { continue }
            if role.counters.contains(.requests) { rollup.requests += increase }
            if role.counters.contains(.errors) { rollup.errors += increase }
            if role.counters.contains(.latencySum) { rollup.latencySum += increase }
            if role.counters.contains(.latencyCount) { rollup.latencyCount += increase }
            if let bound = role.bucketUpperBound { latency.add(upperBound: bound, increase: increase) }
        }

        if state.series.count > seen {
            state.series = state.series.filter { $0.value.generation == generation }
        }
        targets[target] = state

        rollup.latencyBuckets = latency.buckets()
        if let reading = saturation.reading {
            rollup.saturationSum = reading
            rollup.saturationMax = reading
            rollup.saturationReadings = 1
        }
        return rollup
    }
}
