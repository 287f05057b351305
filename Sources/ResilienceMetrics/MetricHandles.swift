import Metrics
import Resilience
import Synchronization

/// The metric handles created so far, keyed by label and dimensions, so each series is created once on the factory
/// however many recorders or events touch it.
struct MetricHandles: ~Copyable {
    struct Key: Hashable {
        var label: String
        var dimensions: [String]

        init(_ label: String, _ dimensions: [(String, String)]) {
            self.label = label
            self.dimensions = dimensions.flatMap { [$0.0, $0.1] }
        }
    }

    var counters: [Key: Counter] = [:]
    var gauges: [Key: Gauge] = [:]
    var timers: [Key: Timer] = [:]
}

extension ResilienceMetrics {
    /// The counter `label{dimensions}`, created on first use.
    func counter(_ label: String, _ dimensions: [(String, String)]) -> Counter {
        let key = MetricHandles.Key(label, dimensions)
        return self.handles.withLock { handles in
            if let counter = handles.counters[key] { return counter }
            let counter = Counter(label: label, dimensions: dimensions, factory: self.factory)
            handles.counters[key] = counter
            return counter
        }
    }

    /// The gauge `label{dimensions}`, created on first use.
    func gauge(_ label: String, _ dimensions: [(String, String)]) -> Gauge {
        let key = MetricHandles.Key(label, dimensions)
        return self.handles.withLock { handles in
            if let gauge = handles.gauges[key] { return gauge }
            let gauge = Gauge(label: label, dimensions: dimensions, factory: self.factory)
            handles.gauges[key] = gauge
            return gauge
        }
    }

    /// The timer `label{dimensions}`, created on first use.
    func timer(_ label: String, _ dimensions: [(String, String)]) -> Timer {
        let key = MetricHandles.Key(label, dimensions)
        return self.handles.withLock { handles in
            if let timer = handles.timers[key] { return timer }
            let timer = Timer(label: label, dimensions: dimensions, factory: self.factory)
            handles.timers[key] = timer
            return timer
        }
    }

    /// Counts one rejection in `resilience_rejections_total{name,strategy,reason,criticality}`.
    func recordRejection(name: String, strategy: String, reason: String, criticality: Criticality) {
        self.counter(
            ResilienceMetricName.rejections,
            [
                ("name", name), ("strategy", strategy), ("reason", reason),
                ("criticality", criticality.headerValue),
            ]
        ).increment()
    }
}
