public import SteadyModel

/// Runs promtool-format unit tests (`input_series`, `alert_rule_test`) through Steady's own SLO engine in simulated
/// time, so the scenarios that `promtool test rules` checks against the exported rules can be checked against the
/// engine that pages in production.
///
/// Series feed the SLOs whose selectors match them, with the engine's counter rules (the first sample of a series
/// is its baseline; a decrease is a reset). Time starts at the Unix epoch, as in promtool. At each
/// `evaluation_interval` every SLO is evaluated; at an `eval_time` the firing alerts named `alertname` must equal
/// `exp_alerts`: the same label sets, and for each expected annotation the same value (Steady's `description`
/// carries live numbers, so test files usually state only `summary`, or the exported rules' static texts, which the
/// runner does not compare beyond `summary`).
///
/// ```swift
/// let report = SLORuleTestRunner(slos: config.services.flatMap(\.slos)).run(try RuleTestParser.load(path: "t.yml"))
/// report.failures.isEmpty
/// ```
public struct SLORuleTestRunner: Sendable {
    public let slos: [SLOSpec]

    public init(slos: [SLOSpec]) { self.slos = slos }

    public struct Report: Sendable, Equatable {
        /// Alert tests checked.
        public var checked: Int = 0
        /// One line per failed expectation.
        public var failures: [String] = []
        public var passed: Bool { failures.isEmpty }
    }

    public func run(_ file: RuleTestFile) -> Report {
        var report = Report()
        for (index, group) in file.tests.enumerated() {
            run(
                group, name: group.name ?? "test \(index + 1)", evaluationInterval: file.evaluationInterval,
                into: &report)
        }
        return report
    }

    private func run(_ group: RuleTestGroup, name: String, evaluationInterval: Duration, into report: inout Report) {
        let runnable = slos.filter { slo in
            if case .ratio = slo.sli { return true }
            if case .latency = slo.sli { return true }
            return false
        }
        var evaluators = runnable.map { SLOEvaluator(spec: $0) }
        let errorBased = runnable.map { slo in
            if case .ratio(let errors, _, _) = slo.sli { return errors != nil }
            return false
        }
        let roles = group.inputSeries.map { series in runnable.map { Role(slo: $0, series: series) } }
        var last: [Double?] = Array(repeating: nil, count: group.inputSeries.count)
        let origin = WallInstant(nanosecondsSinceEpoch: 0)
        let end = group.alertTests.map(\.evalTime).max() ?? .zero
        let stepNanos = max(1, group.interval.nanoseconds)
        let tests = group.alertTests.sorted { $0.evalTime < $1.evalTime }
        var nextTest = 0
        var nextSample: Int64 = 0
        var evalTime: Duration = .zero
        while evalTime <= end {
            // Samples up to this evaluation.
            while nextSample * stepNanos <= evalTime.nanoseconds {
                // A sample's increase happened in the step before it: record it in the minute that step starts in
                // (a history bucket holds the events of [minute, minute + 60 s)).
                let instant = origin.advanced(by: .nanoseconds(max(0, nextSample - 1) * stepNanos))
                var good = Array(repeating: 0.0, count: runnable.count)
                var total = Array(repeating: 0.0, count: runnable.count)
                var sampled = Array(repeating: false, count: runnable.count)
                for (seriesIndex, series) in group.inputSeries.enumerated() {
                    let position = Int(nextSample)
                    guard position < series.values.count, let value = series.values[position], value.isFinite else {
                        continue
                    }
                    let previous = last[seriesIndex]
                    last[seriesIndex] = value
                    for (sloIndex, role) in roles[seriesIndex].enumerated() where role.feeds {
                        sampled[sloIndex] = true
                        guard let previous else { continue }  // baseline
                        let increase = value < previous ? value : value - previous
                        if role.total { total[sloIndex] += increase }
                        if role.good { good[sloIndex] += increase }
                        if role.bad { good[sloIndex] -= increase }
                    }
                }
                for index in evaluators.indices where sampled[index] {
                    // Error-based SLIs count good = total − errors.
                    let goodEvents = errorBased[index] ? total[index] + good[index] : good[index]
                    evaluators[index].record(minute: instant, good: max(0, goodEvents), total: total[index])
                }
                nextSample += 1
            }
            let now = origin.advanced(by: evalTime)
            for index in evaluators.indices { _ = evaluators[index].evaluate(at: now) }
            while nextTest < tests.count, tests[nextTest].evalTime <= evalTime {
                check(tests[nextTest], group: name, evaluators: evaluators, into: &report)
                nextTest += 1
            }
            evalTime += evaluationInterval
        }
        while nextTest < tests.count {
            check(tests[nextTest], group: name, evaluators: evaluators, into: &report)
            nextTest += 1
        }
    }

    private func check(_ test: AlertTestCase, group: String, evaluators: [SLOEvaluator], into report: inout Report) {
        report.checked += 1
        let firing = evaluators.flatMap(\.firingAlerts).filter { $0.name == test.alertname }
        let got = firing.map(\.labels).sorted { $0.sorted(by: <).description < $1.sorted(by: <).description }
        let expected = test.expected.map(\.labels).sorted {
            $0.sorted(by: <).description < $1.sorted(by: <).description
        }
        let where_ = "\(group), \(test.alertname) at \(PrometheusDuration.format(test.evalTime))"
        guard
            got.map({ $0.merging(["alertname": test.alertname]) { $1 } })
                == expected.map({ $0.merging(["alertname": test.alertname]) { $1 } })
        else {
            report.failures.append("\(where_): expected \(Self.describe(expected)), got \(Self.describe(got))")
            return
        }
        for expectedAlert in test.expected {
            guard let summary = expectedAlert.annotations["summary"] else { continue }
            let labels = expectedAlert.labels.merging(["alertname": test.alertname]) { $1 }
            let match = firing.first { $0.labels == labels }
            if match?.annotations["summary"] != summary {
                report.failures.append(
                    "\(where_): summary \"\(match?.annotations["summary"] ?? "")\", expected \"\(summary)\"")
            }
        }
    }

    private static func describe(_ alerts: [[String: String]]) -> String {
        alerts.isEmpty
            ? "no alerts"
            : alerts.map { "{" + $0.sorted(by: <).map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ") + "}" }
                .joined(separator: ", ")
    }

    /// How one input series feeds one SLO.
    private struct Role {
        var total = false
        var good = false
        var bad = false
        var feeds: Bool { total || good || bad }

        init(slo: SLOSpec, series: InputSeries) {
            switch slo.sli {
            case .ratio(let errors, let goodSelector, let totalSelector):
                total = totalSelector.matches(name: series.name, labels: series.labels)
                if let errors { bad = errors.matches(name: series.name, labels: series.labels) }
                if let goodSelector { good = goodSelector.matches(name: series.name, labels: series.labels) }
            case .latency(let histogram, let threshold):
                guard let family = histogram.metricName, series.name == family + "_bucket",
                    histogram.withMetricName(series.name).matches(
                        name: series.name, labels: series.labels.removing(["le"])),
                    let le = series.labels["le"]
                else { return }
                if le == "+Inf" {
                    total = true
                } else if let bound = Double(le), abs(bound - threshold) <= threshold * 1e-9 {
                    good = true
                }
            case .availability, .raw:
                return
            }
        }
    }
}
