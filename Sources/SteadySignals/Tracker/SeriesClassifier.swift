import SteadyModel

/// Decides which golden signals a series feeds, by running the spec's selectors (regular expressions included).
struct SeriesClassifier: Sendable {
    let spec: GoldenSignalSpec
    /// Every metric name a selector can match, or nil when some selector has no fixed metric name.
    /// A handful of names: comparing them is cheaper than hashing the sample's name.
    private let candidateNames: [String]?

    init(spec: GoldenSignalSpec) {
        self.spec = spec
        var names: Set<String> = []
        var allNamed = true
        for selector in [spec.requests, spec.errors] + (spec.saturation.map { [$0] } ?? []) {
            if let name = selector.metricName { names.insert(name) } else { allNamed = false }
        }
        if let family = spec.latency.metricName {
            names.formUnion([family + "_bucket", family + "_sum", family + "_count"])
        } else {
            allNamed = false
        }
        candidateNames = allNamed ? names.sorted() : nil
    }

    /// A cheap pre-filter on the metric name alone: false means no selector can match.
    func mightMatch(name: String) -> Bool {
        guard let candidateNames else { return true }
        return candidateNames.contains(name)
    }

    /// The role of a series. Histogram series are recognised by the `_bucket`, `_sum` and `_count` suffixes of the
    /// latency family; the selector's matchers apply to the bucket's labels other than `le`.
    func role(name: String, labels: Labels) -> SeriesRole {
        var role = SeriesRole()
        if spec.requests.matches(name: name, labels: labels) { role.counters.insert(.requests) }
        if spec.errors.matches(name: name, labels: labels) { role.counters.insert(.errors) }
        if let saturation = spec.saturation, saturation.matches(name: name, labels: labels) {
            role.isSaturation = true
        }
        if let family = Self.family(of: name, suffix: "_bucket") {
            if let le = labels["le"], let bound = Self.parseUpperBound(le),
                spec.latency.matches(name: family, labels: labels.removing(["le"]))
            {
                role.bucketUpperBound = bound
            }
        } else if let family = Self.family(of: name, suffix: "_sum") {
            if spec.latency.matches(name: family, labels: labels) { role.counters.insert(.latencySum) }
        } else if let family = Self.family(of: name, suffix: "_count") {
            if spec.latency.matches(name: family, labels: labels) { role.counters.insert(.latencyCount) }
        }
        return role
    }

    private static func family(of name: String, suffix: String) -> String? {
        guard name.hasSuffix(suffix), name.utf8.count > suffix.utf8.count else { return nil }
        return String(name.dropLast(suffix.count))
    }

    /// Parses an `le` value the way Prometheus does (`+Inf`, `1e-3`, `0.25`); NaN and garbage are rejected.
    static func parseUpperBound(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf", "+inf", "inf": return .infinity
        case "-Inf", "-inf": return -.infinity
        default:
            guard let value = Double(text), !value.isNaN else { return nil }
            return value
        }
    }
}
