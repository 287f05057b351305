import SteadyModel

/// A service instance as a client library sees it: cumulative counters and a latency histogram per method, series
/// created lazily on first use, all reset on restart.
struct SimulatedTarget {
    static let bounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    static let codes = ["200", "201", "404", "500", "503"]
    static let methods = ["GET", "POST"]

    struct Key: Hashable {
        var method: String
        var code: String
    }

    struct Histogram {
        /// Cumulative counts per bound, `+Inf` last.
        var buckets = [Double](repeating: 0, count: SimulatedTarget.bounds.count + 1)
        var sum = 0.0
    }

    private(set) var requests: [Key: Double] = [:]
    private(set) var histograms: [String: Histogram] = [:]

    /// Serves one request: counts it and observes its latency.
    mutating func serve(method: String, code: String, latency: Double) {
        requests[Key(method: method, code: code), default: 0] += 1
        var histogram = histograms[method] ?? Histogram()
        for index in histogram.buckets.indices where index == Self.bounds.count || latency <= Self.bounds[index] {
            histogram.buckets[index] += 1
        }
        histogram.sum += latency
        histograms[method] = histogram
    }

    /// The process restarts. With `eager`, the series it had are registered again at 0 (a library that
    /// pre-creates them); otherwise they vanish until first used.
    mutating func restart(eager: Bool) {
        if eager {
            for key in requests.keys { requests[key] = 0 }
            for key in histograms.keys { histograms[key] = Histogram() }
        } else {
            requests = [:]
            histograms = [:]
        }
    }

    /// The exposition, with series in a random order.
    func body(using generator: inout SeededGenerator) -> ScrapeBody {
        var builder = ScrapeBuilder()
        for (key, value) in requests {
            builder.counter("http_requests_total", ["method": key.method, "code": key.code], value)
        }
        for (method, histogram) in histograms {
            builder.histogram(
                "http_request_duration_seconds", ["method": method],
                buckets: zip(Self.bounds + [.infinity], histogram.buckets).map { ($0, $1) },
                sum: histogram.sum)
        }
        builder.gauge("process_resident_memory_bytes", [:], 1e8)
        return ScrapeBody(samples: builder.samples.shuffled(using: &generator))
    }
}
